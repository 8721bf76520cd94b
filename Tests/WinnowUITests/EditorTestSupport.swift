@testable import WinnowUI

/// Cursor markup for editor tests: `|` marks the insertion point, as in `"東京|タワー"`.
extension TextEditor {
    init(markup: String, width: Int = 80) {
        let cursorIndex = markup.firstIndex(of: "|") ?? markup.endIndex
        let offset = markup.utf8.distance(from: markup.utf8.startIndex, to: cursorIndex)
        var text = markup
        if cursorIndex < markup.endIndex { text.remove(at: cursorIndex) }
        self.init(text: text, width: width, cursor: offset)
    }

    /// The text with `|` at the cursor.
    var markup: String {
        var t = text
        t.insert("|", at: index(cursor))
        return t
    }
}

/// One scripted key of an editor test.
enum EditKey {
    case move(EditorMovement)
    case type(String)
    case backspace, delete, deleteWord, undo, redo

    func apply(to editor: inout TextEditor) {
        switch self {
        case .move(let m): editor.move(m)
        case .type(let s): editor.type(s)
        case .backspace: editor.deleteBackward()
        case .delete: editor.deleteForward()
        case .deleteWord: editor.deleteWordBackward()
        case .undo: editor.undo()
        case .redo: editor.redo()
        }
    }
}

/// Runs `keys` on an editor made from the markup `before` and returns the resulting markup.
func edit(_ before: String, width: Int = 80, _ keys: EditKey...) -> String {
    var editor = TextEditor(markup: before, width: width)
    for key in keys { key.apply(to: &editor) }
    return editor.markup
}
