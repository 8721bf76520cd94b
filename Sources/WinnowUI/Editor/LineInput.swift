import WinnowCore

/// A one-line text field with a grapheme cursor (prompts: go to, search, note). Wide
/// characters and pasted text are kept whole; newlines in a paste become spaces.
public struct LineInput: Sendable, Equatable {
    public private(set) var text: String
    /// Cursor position in characters (grapheme clusters) from the start.
    public private(set) var cursor: Int

    /// A field holding `text`, cursor at the end.
    public init(_ text: String = "") {
        self.text = text
        self.cursor = text.count
    }

    private var chars: [Character] { Array(text) }

    /// Inserts `s` at the cursor (newlines become spaces).
    public mutating func insert(_ s: String) {
        var c = chars
        let clean = s.map { ($0 == "\n" || $0 == "\r\n" || $0 == "\r") ? " " : $0 }
        c.insert(contentsOf: clean, at: min(cursor, c.count))
        text = String(c)
        cursor += clean.count
    }

    /// One character left.
    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    /// One character right.
    public mutating func moveRight() { cursor = min(text.count, cursor + 1) }
    /// To the start.
    public mutating func moveHome() { cursor = 0 }
    /// To the end.
    public mutating func moveEnd() { cursor = text.count }

    /// Deletes the character before the cursor.
    public mutating func deleteBack() {
        guard cursor > 0 else { return }
        var c = chars
        c.remove(at: cursor - 1)
        text = String(c)
        cursor -= 1
    }

    /// Deletes the character at the cursor.
    public mutating func deleteForward() {
        var c = chars
        guard cursor < c.count else { return }
        c.remove(at: cursor)
        text = String(c)
    }

    /// Deletes back to the start of the word before the cursor (spaces first, then the word).
    public mutating func deleteWordBack() {
        var c = chars
        var i = min(cursor, c.count)
        while i > 0, c[i - 1] == " " { i -= 1 }
        while i > 0, c[i - 1] != " " { i -= 1 }
        c.removeSubrange(i..<min(cursor, c.count))
        text = String(c)
        cursor = i
    }

    /// Deletes from the start to the cursor.
    public mutating func deleteToStart() {
        let c = chars
        text = String(c[min(cursor, c.count)...])
        cursor = 0
    }

    /// Replaces the text, cursor at the end.
    public mutating func set(_ s: String) {
        text = s
        cursor = s.count
    }

    /// The display column of the cursor.
    public var cursorColumn: Int { DisplayWidth.of(String(chars.prefix(cursor))) }

    /// For tests: the text with `|` at the cursor.
    public var marked: String {
        let c = chars
        return String(c.prefix(cursor)) + "|" + String(c.dropFirst(cursor))
    }
}
