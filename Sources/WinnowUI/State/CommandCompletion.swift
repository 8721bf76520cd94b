import Foundation

/// The commands the `:` command line offers for what has been typed (k9s's command prompt).
///
/// Only commands that run from the reading view are offered: the command line is opened
/// there, and a prompt or editor command would mean nothing after it closes.
public enum CommandCompletion {
    /// Every command the command line can run, in declaration order.
    public static var runnable: [Command] {
        Command.allCases.filter { $0.contexts.contains(.review) && $0 != .commandLine }
    }

    /// Commands matching `typed`, best first: names starting with it, then names with a
    /// word (between dashes) starting with it, then names containing it, then summaries
    /// containing it. Empty input offers every runnable command.
    public static func matches(for typed: String) -> [Command] {
        let query = typed.trimmingCharacters(in: .whitespaces).lowercased()
        let all = runnable
        guard !query.isEmpty else { return all }
        var tiers: [[Command]] = [[], [], [], []]
        for command in all {
            let name = command.name
            if name.hasPrefix(query) { tiers[0].append(command) }
            else if name.split(separator: "-").contains(where: { $0.hasPrefix(query) }) { tiers[1].append(command) }
            else if name.contains(query) { tiers[2].append(command) }
            else if command.summary.lowercased().contains(query) { tiers[3].append(command) }
        }
        return tiers.flatMap { $0 }
    }

    /// The longest text every name in `names` starts with.
    public static func commonPrefix(_ names: [String]) -> String {
        guard var prefix = names.first else { return "" }
        for name in names.dropFirst() {
            while !name.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// What the command line runs for `text`: an exact name, else the only name that starts
    /// with it. `.failure` carries the names it could be (empty: none).
    public static func resolve(_ text: String) -> Result<Command, Ambiguity> {
        let query = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let exact = runnable.first(where: { $0.name == query }) { return .success(exact) }
        let starting = runnable.filter { $0.name.hasPrefix(query) }
        if starting.count == 1, let only = starting.first { return .success(only) }
        return .failure(Ambiguity(candidates: starting.map(\.name)))
    }

    /// A command-line text that names no single command.
    public struct Ambiguity: Error, Equatable, Sendable {
        /// Names that start with the text (empty: nothing does).
        public var candidates: [String]
    }
}
