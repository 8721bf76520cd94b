import ArgumentParser
import Foundation
import WinnowCore

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

            Exit codes: 0 written, 64 bad arguments, 65 bad input, 73 cannot write.
            """
    )

    @Argument(help: "The dataset to share out.")
    var dataset: String

    @Option(name: .long, help: "Reviewer names, comma-separated (ann,bob,cy).")
    var reviewers: String

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
    var output: String

    @OptionGroup var datasetArguments: DatasetArguments

    func validate() throws {
        if let stratify, stratify != "type" { throw ValidationError("--stratify supports only 'type', not '\(stratify)'") }
        if stratify != nil, sample == nil { throw ValidationError("--stratify needs --sample N") }
        if let sample, sample < 1 { throw ValidationError("--sample must be at least 1") }
        if goldRate != nil, gold == nil { throw ValidationError("--gold-rate needs --gold GOLD.jsonl") }
    }

    func run() throws {
        let path = try DatasetLocator.resolve(dataset)
        let data = try datasetArguments.open(path)
        let names = reviewers.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let goldSet = try gold.map { try TeamCommandSupport.gold($0, dataset: data, command: "assign") }
        var candidates = Array(0..<data.count)
        if let sample {
            if stratify == "type" {
                let progress = ProgressLine(label: "reading task types for --stratify")
                let types = data.taskTypes(progress: { progress.update($0) }).map { $0 ?? .conversation }
                progress.finish()
                candidates = SpotCheck.stratified(sample, types: types, seed: seed)
            } else {
                candidates = SpotCheck.sample(sample, of: candidates, seed: seed)
            }
        }
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
}
