import ArgumentParser
import Foundation
import WinnowCore

extension MergeOptions.Unreviewed: ExpressibleByArgument {}
extension MergeOptions.Format: ExpressibleByArgument {}
extension MergeOptions.Policy: ExpressibleByArgument {}

/// `winnow merge`: the dataset plus its journals -> a cleaned dataset.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Write the cleaned dataset: the input with the journals' decisions applied.",
        discussion: """
            Keeps the input's order. Accepted and unreviewed samples are copied byte for byte; \
            edited samples are written in the input's own style; rejected samples are left out \
            (and written to --rejected with their reasons). Converting with --format \
            re-serializes only samples that span several lines (JSON array -> JSON Lines). The \
            output is written whole or not at all.

            A journal with damaged lines or a damaged end (a decision that can no longer be \
            read) stops the merge: check it with `winnow journal check`, then pass \
            --allow-damaged to merge without those entries.

            A dataset with file-level problems (a trailing comma, data after ']', a truncated \
            tail, a line that is not an object) or unreadable samples that would be written stops \
            the merge: the problems are listed as `winnow validate` lists them. Reject the damaged \
            samples, fix the file, or pass --drop-damaged to write only the readable samples with \
            clean framing (what was left out is listed, and written to --rejected when given).

            Journal entries written for another version of the dataset (stale) stop the merge \
            too; --match-by-id may re-attach them, --allow-stale merges without them.

            Before the output is renamed into place it is read back with Winnow's own parser; \
            if it is not a JSON array of objects (or JSON Lines, one object per line) nothing \
            is renamed and merge says why.

            Exit codes: 0 merged, 1 conflicts, stale entries, damaged journal lines or a damaged \
            dataset (nothing written), 64 output is an input, 65 bad input, 73 cannot write (or \
            the output did not read back as valid JSON).
            """
    )

    @Argument(help: "The dataset file (.json or .jsonl).")
    var dataset: String

    @Option(name: .long, help: "A journal to apply (repeat for several reviewers). Default: <dataset>.winnow.jsonl.")
    var journal: [String] = []

    @Option(name: [.short, .customLong("output")], help: "The cleaned dataset to write.")
    var output: String

    @Option(name: .long, help: "Also write rejected samples here (JSON Lines with reasons, note, reviewer).")
    var rejected: String?

    @Option(name: .long, help: "Unreviewed (and skipped) samples: keep or drop.")
    var unreviewed: MergeOptions.Unreviewed = .keep

    @Option(name: .long, help: "Output container: same, json or jsonl.")
    var format: MergeOptions.Format = .same

    @Option(name: .long, help: "When journals disagree: latest, reject-wins, or strict (list conflicts, write nothing).")
    var policy: MergeOptions.Policy = .strict

    @Flag(name: .long, help: "Print the summary as JSON on stdout.")
    var json = false

    @Flag(name: .long, help: "Merge even when a journal has damaged lines (their decisions are left out).")
    var allowDamaged = false

    @Flag(name: .long, help: "Re-attach entries of a changed dataset to samples with the same (unique) id (never an edit to a changed text).")
    var matchByID = false

    @Flag(name: .long, help: "Merge without stale entries (written for another version of the dataset).")
    var allowStale = false

    @Flag(name: .long, help: "Write only the readable samples of a damaged dataset, with clean framing; list what was left out.")
    var dropDamaged = false

    func run() throws {
        let data = try JournalCommandSupport.openDataset(dataset)
        let paths = journal.isEmpty ? [Journal.defaultPath(forDataset: data.path)] : journal
        var contents: [JournalContents] = []
        for p in paths {
            guard FileManager.default.fileExists(atPath: p) else {
                JournalCommandSupport.warn("winnow: \(p): no such journal\(journal.isEmpty ? "; pass --journal PATH" : "")")
                throw WinnowExit.badInput
            }
            contents.append(try JournalCommandSupport.readJournal(p))
        }
        // A damaged line was once a saved decision: leaving it out silently could put a
        // rejected sample back into the training data, so that takes an explicit flag.
        let damaged = contents.flatMap { $0.issues.filter { $0.kind == .damaged || $0.kind == .invalid || $0.kind == .torn } }
        if !damaged.isEmpty && !allowDamaged {
            for issue in damaged.prefix(20) {
                JournalCommandSupport.warn("winnow merge: " + JournalCommandSupport.sanitize(issue.description))
            }
            JournalCommandSupport.warn("winnow merge: \(damaged.count) damaged journal line(s); nothing written. "
                + "Check with `winnow journal check`, or pass --allow-damaged to merge without them.")
            throw WinnowExit.problemsFound
        }
        let options = MergeOptions(outputPath: output, rejectedPath: rejected, unreviewed: unreviewed,
                                   format: format, policy: policy, matchByID: matchByID,
                                   dropDamaged: dropDamaged, allowStale: allowStale)
        let summary: MergeSummary
        do { summary = try Merger.merge(dataset: data, journals: contents, options: options) } catch {
            JournalCommandSupport.warn("winnow merge: " + JournalCommandSupport.sanitizeLines(error.description))
            if json, case .conflicts(let list) = error {
                var s = MergeSummary()
                s.samples = data.count
                s.conflicts = list
                s.outputPath = output
                JournalCommandSupport.say(s.json)
            }
            switch error {
            case .conflicts, .stale, .damaged: throw WinnowExit.problemsFound
            case .invalidOutput: throw WinnowExit.cannotWrite
            case .sameAsInput: throw WinnowExit.usage
            case .cannotWrite: throw WinnowExit.cannotWrite
            case .journal(let e): throw JournalCommandSupport.fail(e)
            case .cannotApplyEdit: throw WinnowExit.badInput
            }
        }
        JournalCommandSupport.warn(JournalCommandSupport.sanitizeLines(summary.text))
        if json { JournalCommandSupport.say(summary.json) }
    }
}
