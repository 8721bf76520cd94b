/// The commands of the `editor` keymap context. The kebab-case raw values are the stable
/// names keymaps bind keys to.
public enum EditorCommand: String, Sendable, CaseIterable {
    case cursorLeft = "cursor-left"
    case cursorRight = "cursor-right"
    case cursorUp = "cursor-up"
    case cursorDown = "cursor-down"
    case cursorLineStart = "cursor-home"
    case cursorLineEnd = "cursor-end"
    case cursorWordLeft = "cursor-word-left"
    case cursorWordRight = "cursor-word-right"
    case cursorPageUp = "cursor-page-up"
    case cursorPageDown = "cursor-page-down"
    case cursorTextStart = "cursor-text-start"
    case cursorTextEnd = "cursor-text-end"
    case deleteBackward = "delete-back"
    case deleteForward = "delete-forward"
    case deleteWordBackward = "delete-word-back"
    case insertNewline = "insert-newline"
    case insertTab = "insert-tab"
    case save = "editor-save"
    case cancel = "editor-cancel"
    case undo = "editor-undo"
    case redo = "editor-redo"
    case nextTurn = "editor-next-turn"
    case previousTurn = "editor-previous-turn"
    case deleteTurnPair = "editor-delete-turn-pair"
    case external = "editor-external"

    /// One line for the help overlay.
    public var summary: String {
        switch self {
        case .cursorLeft: return "Move left one character"
        case .cursorRight: return "Move right one character"
        case .cursorUp: return "Move up one screen line"
        case .cursorDown: return "Move down one screen line"
        case .cursorLineStart: return "Move to the start of the screen line"
        case .cursorLineEnd: return "Move to the end of the screen line"
        case .cursorWordLeft: return "Move to the previous word (CJK: character)"
        case .cursorWordRight: return "Move to the next word (CJK: character)"
        case .cursorPageUp: return "Move up one page"
        case .cursorPageDown: return "Move down one page"
        case .cursorTextStart: return "Move to the start of the text"
        case .cursorTextEnd: return "Move to the end of the text"
        case .deleteBackward: return "Delete the character before the cursor"
        case .deleteForward: return "Delete the character under the cursor"
        case .deleteWordBackward: return "Delete the word before the cursor"
        case .insertNewline: return "Insert a line break"
        case .insertTab: return "Insert a tab"
        case .save: return "Save the edit to the journal"
        case .cancel: return "Stop editing (asks when there are unsaved changes)"
        case .undo: return "Undo the last edit in the editor"
        case .redo: return "Redo the last undone edit"
        case .nextTurn: return "Edit the next turn"
        case .previousTurn: return "Edit the previous turn"
        case .deleteTurnPair: return "Delete this question/answer pair (asks first)"
        case .external: return "Edit this turn in $VISUAL / $EDITOR"
        }
    }

    /// Names the prompt already registers with the same meaning (the registry adds the
    /// `editor` context to those rather than a second entry).
    static let sharedWithPrompt: Set<String> = [
        "cursor-left", "cursor-right", "cursor-home", "cursor-end", "delete-back", "delete-forward",
        "delete-word-back",
    ]

    /// The registry entries of the editor-only commands.
    static var registryEntries: [CommandInfo] {
        allCases.filter { !sharedWithPrompt.contains($0.rawValue) }.map {
            CommandInfo($0.rawValue, $0.summary.prefix(1).lowercased() + $0.summary.dropFirst(), [.editor])
        }
    }

    /// The movement a cursor command makes, if it is one.
    var movement: EditorMovement? {
        switch self {
        case .cursorLeft: return .left
        case .cursorRight: return .right
        case .cursorUp: return .up
        case .cursorDown: return .down
        case .cursorLineStart: return .lineStart
        case .cursorLineEnd: return .lineEnd
        case .cursorWordLeft: return .wordLeft
        case .cursorWordRight: return .wordRight
        case .cursorPageUp: return .pageUp
        case .cursorPageDown: return .pageDown
        case .cursorTextStart: return .textStart
        case .cursorTextEnd: return .textEnd
        default: return nil
        }
    }
}
