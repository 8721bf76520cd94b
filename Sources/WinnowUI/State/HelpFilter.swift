import Foundation

/// The text that narrows the help to matching lines (lazygit's filterable key list).
public struct HelpFilter: Sendable, Equatable {
    /// What was typed.
    public var query: LineInput
    /// Keys go to the query (true) or scroll the filtered help (false, after enter).
    public var typing: Bool

    public init(query: LineInput, typing: Bool) {
        self.query = query
        self.typing = typing
    }

    /// Whether a help line matches: every word of the query occurs in it, ignoring case.
    public func matches(_ line: String) -> Bool {
        let words = query.text.lowercased().split(separator: " ")
        guard !words.isEmpty else { return true }
        let lower = line.lowercased()
        return words.allSatisfy { lower.contains($0) }
    }

    /// The lines of `lines` that match, keeping each section title (a line ending in `:`)
    /// above its matches and dropping sections with none. The first line (the keymap's
    /// name) is kept as the help's title.
    public func apply(to lines: [String]) -> [String] {
        guard !query.text.trimmingCharacters(in: .whitespaces).isEmpty else { return lines }
        var result: [String] = []
        var pendingTitle: String?
        for (i, line) in lines.enumerated() {
            if i == 0 { result.append(line); continue }
            if line.hasSuffix(":") { pendingTitle = line; continue }
            guard !line.isEmpty, matches(line) else { continue }
            if let title = pendingTitle {
                if result.count > 1 { result.append("") }
                result.append(title)
                pendingTitle = nil
            }
            result.append(line)
        }
        if result.count == 1 { result.append("No key or command matches \u{201C}\(query.text)\u{201D}.") }
        return result
    }
}
