import ArgumentParser
import Foundation
import WinnowCore

/// `winnow journal check`: verify every line of a journal (read-only; changes nothing).
struct JournalCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify every line of a journal: torn end, damaged lines, and (with the dataset) stale entries.",
        discussion: "Read-only. Exit code 0 when the journal is clean, 1 when problems were found."
    )

    @Argument(help: "The journal file.")
    var journal: String

    @Option(name: .long, help: "The dataset to check entries against (default: the journal's name without .winnow.jsonl, if it exists).")
    var dataset: String?

    @Flag(name: .long, help: "Re-attach entries of a changed dataset by id.")
    var matchByID = false

    func run() throws {
        let contents: JournalContents
        contents = try JournalCommandSupport.readJournal(journal)
        var issues = contents.issues
        var datasetPath = dataset
        let suffix = ".winnow.jsonl"
        if datasetPath == nil, journal.hasSuffix(suffix) {
            let guess = String(journal.dropLast(suffix.count))
            if FileManager.default.fileExists(atPath: guess) { datasetPath = guess }
        }
        var staleCount = 0
        if let datasetPath {
            let data = try JournalCommandSupport.openDataset(datasetPath)
            let replay = JournalReplay(contents: contents, dataset: data, matchByID: matchByID)
            issues += replay.issues
            staleCount = replay.staleEntries.count
            // Decisions a journal from an older Winnow (or a hand-written one) may hold that
            // the review screen and `decide` now refuse: accepting or editing an unreadable sample.
            for (index, review) in replay.reviews.sorted(by: { $0.key < $1.key })
            where review.status == .accepted || review.status == .edited || review.edit != nil {
                let decision: Decision = review.edit.map { .edit($0, note: nil) } ?? .accept
                guard let why = DecisionCheck.refusal(of: decision, for: data.sample(at: index)) else { continue }
                let line = contents.items.first { $0.entry.sequence == review.sequence }?.line ?? 0
                issues.append(JournalIssue(kind: .invalid, path: contents.path, line: line,
                                           message: "entry \(review.sequence ?? 0): \(why); merge will stop on it unless it is rejected (or --drop-damaged)"))
            }
            JournalCommandSupport.say("checked against \(JournalCommandSupport.sanitize(datasetPath)) (\(data.count) samples); \(replay.decidedCount) samples decided")
        } else {
            JournalCommandSupport.say("no dataset given: stale entries not checked (use --dataset)")
        }
        for issue in issues { JournalCommandSupport.say(JournalCommandSupport.sanitize(issue.description)) }
        let count = { (k: JournalIssue.Kind) in issues.filter { $0.kind == k }.count }
        JournalCommandSupport.say("\(JournalCommandSupport.sanitize(journal)): \(contents.items.count) entries, \(contents.headers.count) header(s); torn \(contents.hasTornTail ? 1 : 0), damaged \(count(.damaged)), invalid \(count(.invalid)), stale \(staleCount), dangling undo \(count(.dangling))")
        if issues.contains(where: { $0.kind != .reattached }) { throw WinnowExit.problemsFound }
    }
}
