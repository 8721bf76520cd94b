/// What the editing session can do: its own vocabulary, independent of key names. The
/// keymap names live on `Command`; `Command.editorAction` maps them here.
public enum EditorCommand: Sendable, CaseIterable {
    case cursorLeft
    case cursorRight
    case cursorUp
    case cursorDown
    case cursorLineStart
    case cursorLineEnd
    case cursorWordLeft
    case cursorWordRight
    case cursorPageUp
    case cursorPageDown
    case cursorTextStart
    case cursorTextEnd
    case deleteBackward
    case deleteForward
    case deleteWordBackward
    case insertNewline
    case insertTab
    case save
    case cancel
    case undo
    case redo
    case nextTurn
    case previousTurn
    case deleteTurnPair
    case external

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
