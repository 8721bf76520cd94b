import ArgumentParser
import Foundation
import WinnowCore

/// `winnow journal log`: the history of a journal, one readable line per entry.
struct JournalLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Print a journal's history readably (control characters shown as escapes)."
    )

    @Argument(help: "The journal file.")
    var journal: String

    @Option(name: .long, help: "Only entries about this sample index.")
    var index: Int?

    func run() throws {
        let contents: JournalContents
        contents = try JournalCommandSupport.readJournal(journal)
        let s = JournalCommandSupport.sanitize
        // Quoted text escapes its quotes, as `sanitize` already escapes backslashes, so that
        // where an edited text ends is never ambiguous.
        let q = { (text: String) in "\"" + s(text).replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        for h in contents.headers {
            JournalCommandSupport.say("journal v\(h.version) for dataset \(s(h.fingerprint)) by \(s(h.tool)), created \(s(h.created))")
        }
        for item in contents.items {
            let e = item.entry
            if let index, e.index != index { continue }
            var line = "#\(e.sequence)  \(s(e.time))  \(s(e.reviewer))  sample \(e.index) (id \(s(e.id)))  "
            switch e.decision {
            case .accept: line += "accept"
            case .skip: line += "skip"
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
