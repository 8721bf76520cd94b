import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

/// `winnow assign`: a plan of who reviews what, with overlap for agreement and gold mixed in.
struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Plan who reviews what: each sample to --overlap reviewers, loads balanced.",
        discussion: """
            Every chosen sample (all, or --sample N --seed S [--stratify type]) goes to exactly \
            --overlap distinct reviewers; loads differ by at most one sample; the same arguments \
            give the same plan. With --gold, about --gold-rate of each reviewer's queue are gold \
            samples at seeded positions (not marked on the review screen). Each reviewer then \
            runs: winnow review DATASET --plan PLAN.json --reviewer NAME --journal NAME.jsonl. \
            The plan format is in docs/teams.md.

            With --store URL (or WINNOW_STORE) and no --reviewers / -o, the chosen samples go \
            to the team store's work pool instead, each for --overlap distinct reviewers, who \
            claim them in batches with winnow review --store URL --assigned (docs/store.md); \
            with --gold, round(--gold-rate x samples) gold samples (at least one) join the pool.

            Exit codes: 0 written, 64 bad arguments, 65 bad input, 73 cannot write, 75 the \
            store cannot be reached.
            """
    )

    @OptionGroup var arguments: AssignArguments

    func run() throws { try arguments.run(storeRequired: false) }
}

/// The arguments of `winnow assign` and its alias `winnow store assign`: one implementation
/// for a plan file and for the store's work pool.
struct AssignArguments: ParsableArguments {

    @Argument(help: "The dataset to share out.")
    var dataset: String

    @Option(name: .long, help: "Reviewer names, comma-separated (ann,bob,cy), for a plan file.")
    var reviewers: String?

    @Option(name: .long, help: "How many reviewers see each sample.")
    var overlap: Int = 2

    @Option(name: .long, help: "Plan only a random sample of N samples (with --seed).")
    var sample: Int?

    @Option(name: .long, help: "Seed for --sample, the assignment and gold positions.")
    var seed: UInt64 = 0

    @Option(name: .long, help: "Keep the mix of this field in --sample (only 'type').")
    var stratify: String?

    @Option(name: .long, help: "Gold samples with reference answers (decide --from format).")
    var gold: String?

    @Option(name: .customLong("gold-rate"), help: "Share of each queue that is gold (default 0.05 with --gold).")
    var goldRate: Double?

    @Option(name: [.short, .customLong("output")], help: "The plan file to write.")
    var output: String?

    @OptionGroup var storeOptions: StoreOptions

    @Flag(name: .long, help: "With --store: replace the store's existing assignment (its claims are forgotten).")
    var replace = false

    @OptionGroup var datasetArguments: DatasetArguments

    func validate() throws {
        if let stratify, stratify != "type" { throw ValidationError("--stratify supports only 'type', not '\(stratify)'") }
        if stratify != nil, sample == nil { throw ValidationError("--stratify needs --sample N") }
        if let sample, sample < 1 { throw ValidationError("--sample must be at least 1") }
        if goldRate != nil, gold == nil { throw ValidationError("--gold-rate needs --gold GOLD.jsonl") }
    }

    func run(storeRequired: Bool) throws {
        let forPlan = reviewers != nil || output != nil
        if forPlan && (storeRequired || storeOptions.store != nil) {
            JournalCommandSupport.warn("winnow assign: --store puts the samples in the store's work pool; --reviewers and -o make a plan file: give one or the other")
            throw WinnowExit.usage
        }
        if storeRequired { return try runInStore(try storeOptions.requiredLocation()) }
        if !forPlan {
            guard let store = try storeOptions.location() else {
                JournalCommandSupport.warn("winnow assign: give --reviewers NAMES -o PLAN.json for a plan file, or --store URL (or WINNOW_STORE) for the store's work pool")
                throw WinnowExit.usage
            }
            return try runInStore(store)
        }
        guard let reviewers, let output else {
            JournalCommandSupport.warn("winnow assign: a plan file needs both --reviewers NAMES and -o PLAN.json (or give --store URL for the store's work pool)")
            throw WinnowExit.usage
        }
        let path = try DatasetLocator.resolve(dataset)
        let data = try datasetArguments.open(path)
        let names = reviewers.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let goldSet = try gold.map { try TeamCommandSupport.gold($0, dataset: data, command: "assign") }
        let candidates = chosenSamples(data)
        let plan: AssignmentPlan
        do {
            plan = try AssignmentPlan.make(candidates: candidates, reviewers: names, overlap: overlap, seed: seed,
                                           gold: goldSet?.indices ?? [], goldRate: goldSet == nil ? 0 : (goldRate ?? 0.05),
                                           fingerprint: data.fingerprint, datasetCount: data.count)
        } catch {
            JournalCommandSupport.warn("winnow assign: " + JournalCommandSupport.sanitize(error.description))
            throw WinnowExit.usage
        }
        if URL(fileURLWithPath: output).resolvingSymlinksInPath().path == URL(fileURLWithPath: data.path).resolvingSymlinksInPath().path {
            JournalCommandSupport.warn("winnow assign: \(output): the plan may not overwrite the dataset")
            throw WinnowExit.usage
        }
        do {
            try Data(plan.json.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            JournalCommandSupport.warn("winnow assign: \(JournalCommandSupport.sanitize(output)): cannot write: \(error.localizedDescription)")
            throw WinnowExit.cannotWrite
        }
        let planned = Set(plan.shares.flatMap(\.samples)).count
        JournalCommandSupport.warn("winnow assign: \(planned) samples, each to \(overlap) reviewers; plan written to \(JournalCommandSupport.sanitize(output))")
        for s in plan.shares {
            JournalCommandSupport.warn("  \(JournalCommandSupport.sanitize(s.reviewer)): \(s.samples.count) samples + \(s.gold.count) gold = \(s.queue.count) in the queue")
        }
    }

    /// Every sample, or the `--sample N --seed S [--stratify type]` spot-check selection.
    func chosenSamples(_ data: Dataset) -> [Int] {
        var candidates = Array(0..<data.count)
        if let sample {
            if stratify == "type" {
                let progress = ProgressLine(label: "reading task types for --stratify")
                // Each sample's type from its own bytes, on every core (decoded only when unsure).
                let types = data.taskTypes(progress: { progress.update($0) }).map { $0 ?? .conversation }
                progress.finish()
                candidates = SpotCheck.stratified(sample, types: types, seed: seed)
            } else {
                candidates = SpotCheck.sample(sample, of: candidates, seed: seed)
            }
        }
        return candidates
    }
}
