import ArgumentParser
import Foundation
import WinnowCore

/// `winnow diff`: every edited sample as a character-level diff, for a second reviewer.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Print every edit in the journal as a character-level diff.",
        discussion: """
            For each sample the journal edits, the dataset's text is compared with the text in \
            force (all of the sample's edits combined), turn by turn and then grapheme by \
            grapheme. On a terminal deletions are red and struck through and insertions green \
            and underlined; otherwise (or with --color never) they are written \
            [-deleted-]{+inserted+}. Control characters are shown as visible symbols.
            """
    )

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @Argument(help: "The dataset file (default: the bundled demo dataset).")
    var dataset: String?

    @Option(name: .long, help: "The journal (default: <dataset>.winnow.jsonl).")
    var journal: String?

    @Option(name: .long, help: "Only this sample index.")
    var index: Int?

    @Option(name: .long, help: "Colour: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    func run() throws {
        let data = try JournalCommandSupport.openDataset(dataset)
        let journalPath = journal ?? Journal.defaultPath(forDataset: data.path)
        guard FileManager.default.fileExists(atPath: journalPath) else {
            JournalCommandSupport.warn("winnow: \(journalPath): no journal (nothing was edited yet?)")
            throw WinnowExit.badInput
        }
        let j: Journal
        do {
            j = try Journal.open(path: journalPath, dataset: data, reviewer: "", mode: .readOnly)
        } catch { throw JournalCommandSupport.fail(error, reading: true) }
        defer { j.close() }
        for p in j.problems { JournalCommandSupport.warn("winnow: " + DisplayText.sanitized(p)) }

        let marking: GraphemeDiff.Marking
        switch color {
        case .always: marking = .ansi
        case .never: marking = .plain
        case .auto:
            let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            marking = isatty(STDOUT_FILENO) == 1 && !noColor ? .ansi : .plain
        }
        let bold = marking == .ansi ? "\u{1B}[1m" : ""
        let reset = marking == .ansi ? "\u{1B}[0m" : ""
        let s = { (t: String) in DisplayText.sanitized(t) }

        let reviews = j.reviews
        var shown = 0
        var out = ""
        for sampleIndex in reviews.keys.sorted() {
            if let index, sampleIndex != index { continue }
            guard let review = reviews[sampleIndex], let edit = review.edit else { continue }
            let sample: Sample
            switch data.sample(at: sampleIndex) {
            case .success(let value): sample = value
            case .failure(let problem):
                JournalCommandSupport.warn("winnow: \(s(problem.description))")
                continue
            }
            let editEntries = j.history(at: sampleIndex).filter {
                if case .edit = $0.decision { return true } else { return false }
            }
            var header = "\(bold)sample \(sampleIndex) (id \(s(sample.id)))\(reset)"
            if let reviewer = review.reviewer { header += " · \(s(reviewer))" }
            header += " · \(editEntries.count) edit\(editEntries.count == 1 ? "" : "s")"
            if editEntries.count > 0 { header += " (#" + editEntries.map { String($0.sequence) }.joined(separator: ", #") + ")" }
            if review.status != .edited { header += " · now \(review.status.rawValue)" }
            out += header + "\n"
            let changes = TurnDiff.diff(sample.turns, edit.applied(to: sample.turns))
            if changes.isEmpty { out += "  (no change in text)\n" }
            for change in changes {
                switch change {
                case .changed(let oldIndex, let newIndex, let role, let runs):
                    // Turns are numbered from 1, as on the review screen.
                    let place = oldIndex == newIndex ? "turn \(oldIndex + 1)" : "turn \(oldIndex + 1) → \(newIndex + 1)"
                    let counts = GraphemeDiff.changeCounts(runs)
                    out += "  \(place) (\(s(role))): -\(counts.deleted) +\(counts.inserted) characters\n"
                    out += indent(GraphemeDiff.format(runs, marking: marking)) + "\n"
                case .deleted(let oldIndex, let turn):
                    out += "  turn \(oldIndex + 1) (\(s(turn.roleName))) deleted\n"
                    out += indent(GraphemeDiff.format([DiffRun(.delete, turn.text)], marking: marking)) + "\n"
                case .inserted(let newIndex, let turn):
                    out += "  turn \(newIndex + 1) (\(s(turn.roleName))) added\n"
                    out += indent(GraphemeDiff.format([DiffRun(.insert, turn.text)], marking: marking)) + "\n"
                }
            }
            out += "\n"
            shown += 1
            if out.utf8.count > 1 << 16 {
                FileHandle.standardOutput.write(Data(out.utf8))
                out = ""
            }
        }
        out += "\(shown) edited sample\(shown == 1 ? "" : "s")\n"
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    private func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }
}
