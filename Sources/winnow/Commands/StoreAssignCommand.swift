import ArgumentParser
import WinnowCore
import WinnowStore

/// `winnow store assign --store URL DATASET --overlap 2 [--sample N --seed S]`: the store's
/// work pool. The sample choice is the thin part to hand to `winnow assign`'s plan (issue 11's
/// WinnowCore/Team) once both are in one tree; the slots and claims stay here.
struct StoreAssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Put a dataset's samples in the store's work pool, each for OVERLAP distinct reviewers.",
        discussion: """
            Reviewers then claim small batches (`winnow team claim`, `winnow decide --store`): a \
            batch left unfinished past its lease returns to the pool; a reviewer never gets a \
            sample twice. Exit codes: 0 done, 64 bad numbers, 75 the store cannot be reached.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The dataset file.")
    var dataset: String

    @Option(name: .long, help: "Distinct reviewers per sample.")
    var overlap: Int = 2

    @Option(name: .long, help: "Only a seeded random sample of N samples.")
    var sample: Int?

    @Option(name: .long, help: "The seed for --sample.")
    var seed: UInt64 = 1

    @Flag(name: .long, help: "Replace an existing assignment (its claims are forgotten).")
    var replace = false

    func validate() throws {
        if overlap < 1 { throw ValidationError("--overlap must be at least 1") }
        if let sample, sample < 1 { throw ValidationError("--sample must be at least 1") }
    }

    func run() throws {
        let location = try storeOptions.requiredLocation()
        let data = try JournalCommandSupport.openDataset(dataset)
        let c = try StoreSupport.connect(location)
        defer { c.close() }
        let reg = try StoreSupport.registered(data, client: c, name: storeOptions.datasetName)
        let all = Array(0..<data.count)
        let chosen = sample.map { SpotCheck.sample($0, of: all, seed: seed) } ?? all
        do {
            let slots = try c.assign(dataset: reg, samples: chosen, overlap: overlap, replace: replace)
            JournalCommandSupport.say("'\(JournalCommandSupport.sanitize(reg.name))': \(chosen.count) samples x \(overlap) reviewers = \(slots) slots in the pool")
        } catch { throw StoreSupport.fail(error) }
    }
}
