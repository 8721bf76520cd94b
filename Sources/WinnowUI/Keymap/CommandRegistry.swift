/// One command as `winnow keymap show --commands` and the help overlay list it.
public struct CommandInfo: Sendable, Equatable {
    public var command: Command
    public var name: String { command.name }
    public var summary: String { command.summary }
    public var contexts: Set<KeyContext> { command.contexts }

    /// The entry of `command`.
    public init(_ command: Command) { self.command = command }
}

/// The command table, generated from `Command`: keymaps, the help overlay, the footer hints
/// and `winnow keymap check` all read it.
public enum CommandRegistry {
    /// Every command, in the order help lists them.
    public static let all: [CommandInfo] = Command.allCases.map(CommandInfo.init)

    /// The command called `name`, if any.
    public static func info(_ name: String) -> CommandInfo? { Command(name: name).map(CommandInfo.init) }
}
