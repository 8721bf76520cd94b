import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

/// `winnow journal log`: the history of a journal, one readable line per entry.
struct JournalLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Print a journal's history readably (control characters shown as escapes)."
    )

    @Argument(help: "The journal file (with --store: the dataset file).")
    var journal: String

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .long, help: "With --store: only this reviewer's entries.")
    var reviewer: String?

    @Option(name: .long, help: "Only entries about this sample index.")
    var index: Int?

    func run() throws {
        let s = JournalCommandSupport.sanitize
        // With WINNOW_STORE set, a journal file given by name is still read as one.
        let isJournalFile = storeOptions.store == nil && JournalLogCommand.startsLikeAJournal(journal)
        if !isJournalFile, let location = try storeOptions.location() {
            let data = try JournalCommandSupport.openDataset(journal)
            let c = try StoreSupport.connect(location)
            defer { c.close() }
            let reg = try StoreSupport.registered(data, client: c, name: storeOptions.datasetName)
            JournalCommandSupport.say("store \(location.redacted), dataset '\(s(reg.name))' (fingerprint \(reg.fingerprint))")
            do {
                for contents in try c.contents(dataset: reg, reviewer: reviewer) { print(contents, headers: false) }
            } catch { throw StoreSupport.fail(error) }
            return
        }
        print(try JournalCommandSupport.readJournal(journal), headers: true)
    }

    static func startsLikeAJournal(_ path: String) -> Bool {
        // O_NONBLOCK: a FIFO is not waited on (and is no journal).
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 18)
        let n = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, 18) }
        return n == 18 && head == Array(#"{"winnow_journal":"#.utf8)
    }

    private func print(_ contents: JournalContents, headers: Bool) {
        let s = JournalCommandSupport.sanitize
        // Quoted text escapes its quotes, as `sanitize` already escapes backslashes, so that
        // where an edited text ends is never ambiguous.
        let q = { (text: String) in "\"" + s(text).replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        for h in contents.headers where headers {
            JournalCommandSupport.say("journal v\(h.version) for dataset \(s(h.fingerprint)) by \(s(h.tool)), created \(s(h.created))")
        }
        for item in contents.items {
            let e = item.entry
            if let index, e.index != index { continue }
            var line = "#\(e.sequence)  \(s(e.time))  \(s(e.reviewer))  sample \(e.index) (id \(s(e.id)))  "
            switch e.decision {
            case .accept: line += "accept"
            case .skip: line += "skip"
            case .reset: line += "reset to undecided"
            case .reject(let reasons, let note):
                line += "reject"
                if !reasons.isEmpty { line += " [" + reasons.map(s).joined(separator: ", ") + "]" }
                if let note { line += " note: \(s(note))" }
            case .edit(let edit, let note):
                switch edit {
                case .turns(let turns):
                    line += "edit " + turns.keys.sorted().map { "turn \($0 + 1): \(q(turns[$0] ?? ""))" }.joined(separator: "; ")
                case .conversation(let turns):
                    line += "edit whole conversation (\(turns.count) turns): " + turns.map { "\(s($0.roleName)): \(q($0.text))" }.joined(separator: "; ")
                }
                if let note { line += " note: \(s(note))" }
            case .undo(let seq): line += "undo #\(seq)"
            case .note(let text, let flag):
                line += "note"
                if let flag { line += " flag \(s(flag))" }
                if let text { line += ": \(s(text))" }
            }
            JournalCommandSupport.say(line)
        }
        for issue in contents.issues { JournalCommandSupport.warn(s(issue.description)) }
    }
}
