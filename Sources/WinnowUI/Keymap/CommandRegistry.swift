/// One command: its stable kebab-case name (what keymap files use), what it does, and the
/// contexts it can be bound in.
public struct CommandInfo: Sendable, Equatable {
    public var name: String
    public var summary: String
    public var contexts: Set<KeyContext>

    /// A command entry.
    public init(_ name: String, _ summary: String, _ contexts: Set<KeyContext>) {
        self.name = name
        self.summary = summary
        self.contexts = contexts
    }
}

/// The one table of commands. Keymaps only map keys to these names; the help overlay, the
/// footer hints and `winnow keymap check` are all generated from it.
public enum CommandRegistry {
    private static let r: Set<KeyContext> = [.review, .global]
    private static let anywhere: Set<KeyContext> = Set(KeyContext.allCases)

    /// Every command, in the order help lists them.
    public static let all: [CommandInfo] = [
        // Deciding
        CommandInfo("accept", "accept the sample", r),
        CommandInfo("reject", "reject with reasons (picker)", r),
        CommandInfo("skip", "skip: seen, no decision", r),
        CommandInfo("undo", "undo the last decision", r),
        CommandInfo("edit", "edit the sample's turns", r),
        CommandInfo("note", "add a note without a decision", r),
        CommandInfo("flag", "flag the sample for a second look", r),
        CommandInfo("toggle-auto-advance", "after a decision: next undecided or stay", r),
        // Moving
        CommandInfo("next", "next sample", r),
        CommandInfo("prev", "previous sample", r),
        CommandInfo("next-undecided", "next undecided sample", r),
        CommandInfo("prev-undecided", "previous undecided sample", r),
        CommandInfo("first", "first sample", r),
        CommandInfo("last", "last sample", r),
        CommandInfo("goto", "go to a sample index (or an id)", r),
        CommandInfo("goto-id", "go to a sample id (also numeric ids)", r),
        // Scrolling
        CommandInfo("scroll-down", "scroll down one line", [.review, .help, .global]),
        CommandInfo("scroll-up", "scroll up one line", [.review, .help, .global]),
        CommandInfo("page-down", "scroll down one page", [.review, .help, .global]),
        CommandInfo("page-up", "scroll up one page", [.review, .help, .global]),
        CommandInfo("scroll-top", "scroll to the top", [.review, .help, .global]),
        CommandInfo("scroll-bottom", "scroll to the bottom", [.review, .help, .global]),
        // Searching and filtering
        CommandInfo("search-forward", "search forward", r),
        CommandInfo("search-backward", "search backward", r),
        CommandInfo("search-next", "next match", r),
        CommandInfo("search-prev", "previous match", r),
        CommandInfo("clear-search", "clear the search highlight", r),
        CommandInfo("filter-status", "cycle the decision filter", r),
        CommandInfo("filter-type", "cycle the task-type filter", r),
        CommandInfo("filter-lints", "show only samples with lint findings (has-lints) or all", r),
        CommandInfo("filter-clear", "clear filters", r),
        // View
        CommandInfo("toggle-metadata", "metadata: compact, expanded (narrow screens), hidden", r),
        CommandInfo("toggle-image", "show or hide the image preview", r),
        CommandInfo("open-image", "open the image in an external viewer", r),
        CommandInfo("show-image", "show the image full screen", r),
        CommandInfo("next-image", "next of the sample's images (pane, full screen, viewer)", r),
        CommandInfo("help", "show this help", r),
        CommandInfo("redraw", "redraw the screen", anywhere),
        CommandInfo("suspend", "suspend (fg to resume)", r),
        CommandInfo("quit", "quit (every saved decision is on disk)", r),
        // Prompt (line input)
        CommandInfo("prompt-submit", "submit", [.prompt]),
        CommandInfo("prompt-cancel", "cancel", [.prompt, .picker, .help, .editor]),
        CommandInfo("cursor-left", "cursor left", [.prompt, .editor]),
        CommandInfo("cursor-right", "cursor right", [.prompt, .editor]),
        CommandInfo("cursor-home", "cursor to start", [.prompt, .editor]),
        CommandInfo("cursor-end", "cursor to end", [.prompt, .editor]),
        CommandInfo("delete-back", "delete before the cursor", [.prompt, .editor]),
        CommandInfo("delete-forward", "delete at the cursor", [.prompt, .editor]),
        CommandInfo("delete-word-back", "delete the word before the cursor", [.prompt, .editor]),
        CommandInfo("delete-to-start", "delete to the start of the line", [.prompt]),
        CommandInfo("history-prev", "previous entry", [.prompt]),
        CommandInfo("history-next", "next entry", [.prompt]),
        // Picker
        CommandInfo("picker-up", "previous reason", [.picker]),
        CommandInfo("picker-down", "next reason", [.picker]),
        CommandInfo("picker-toggle", "tick or untick the reason", [.picker]),
        CommandInfo("picker-note", "add a note to the rejection", [.picker]),
        CommandInfo("picker-submit", "reject with the ticked reasons", [.picker]),
        // Help
        CommandInfo("help-close", "close help", [.help]),
        // Editor: the rest of the `editor` context comes from `EditorCommand`.
        CommandInfo("edit-external", "edit the first turn in $VISUAL / $EDITOR", r),
        CommandInfo("toggle-diff", "show an edited sample as a diff of the original (inline, side by side, off)", r),
    ] + EditorCommand.registryEntries

    private static let byName: [String: CommandInfo] = {
        var d: [String: CommandInfo] = [:]
        for c in all where d[c.name] == nil { d[c.name] = c }
        return d
    }()

    /// The command called `name`, if any.
    public static func info(_ name: String) -> CommandInfo? { byName[name] }
}
