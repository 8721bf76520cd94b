import WinnowCore

/// A pure multi-line text editor: the text, a cursor that always sits on a grapheme-cluster
/// boundary, the wrapped layout (the reading view's wrapping) and an undo history.
///
/// Positions are UTF-8 offsets into `text`. Every position the editor produces is a
/// `Character` boundary, so the cursor never lands inside an emoji ZWJ sequence, a flag, a
/// letter with combining marks or a `\r\n` pair.
public struct TextEditor: Sendable, Equatable {
    /// The text being edited, exactly as typed or pasted (control characters included).
    public internal(set) var text: String
    /// The insertion point, as a UTF-8 offset into `text`.
    public internal(set) var cursor: Int
    var layout: EditorLayout
    /// The display column up/down movements aim for, kept across short lines.
    var goalColumn: Int?
    /// When the cursor sits where a line was soft-wrapped, show it at the end of the upper
    /// line (after End, or up/down onto a line end) rather than at the start of the next.
    var cursorAtLineEnd = false
    var history = EditorHistory()

    /// An editor on `text` wrapped to `width` columns, the cursor at `cursor` (UTF-8 offset,
    /// rounded to a cluster boundary) or at the end.
    public init(text: String, width: Int = 80, cursor: Int? = nil) {
        var owned = text
        owned.makeContiguousUTF8()
        self.text = owned
        self.layout = EditorLayout(text: owned, width: width)
        self.cursor = 0
        self.cursor = boundary(atOrAfter: min(max(0, cursor ?? owned.utf8.count), owned.utf8.count))
    }

    /// The column count the text is wrapped to.
    public var wrapWidth: Int { layout.width }

    /// Re-wraps for a new width (the terminal was resized).
    public mutating func setWrapWidth(_ width: Int) {
        guard max(2, width) != layout.width else { return }
        layout = EditorLayout(text: text, width: width)
    }

    /// Number of screen lines of the wrapped text.
    public var lineCount: Int { layout.lines.count }

    /// Places the cursor at a UTF-8 offset (rounded forward to a cluster boundary).
    public mutating func setCursor(_ offset: Int) {
        cursor = boundary(atOrAfter: min(max(0, offset), text.utf8.count))
        goalColumn = nil
        cursorAtLineEnd = false
        history.seal()
    }

    // MARK: - Editing

    /// Inserts typed text at the cursor. Consecutive typing coalesces into one undo step,
    /// broken at word starts and line breaks.
    public mutating func type(_ string: String) {
        guard !string.isEmpty else { return }
        replace(cursor..<cursor, with: string, kind: .typing)
    }

    /// Inserts pasted text literally, as one operation and one undo step, whatever its
    /// length or content.
    public mutating func paste(_ string: String) {
        guard !string.isEmpty else { return }
        replace(cursor..<cursor, with: string, kind: .paste)
    }

    /// Deletes the cluster before the cursor.
    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        replace(previousBoundary(before: cursor)..<cursor, with: "", kind: .deleteBackward)
    }

    /// Deletes the cluster after the cursor.
    public mutating func deleteForward() {
        guard cursor < text.utf8.count else { return }
        replace(cursor..<nextBoundary(after: cursor), with: "", kind: .deleteForward)
    }

    /// Deletes from the previous word start to the cursor.
    public mutating func deleteWordBackward() {
        let start = wordBoundary(before: cursor)
        guard start < cursor else { return }
        replace(start..<cursor, with: "", kind: .other)
    }

    /// Replaces the whole text (one undo step), cursor at the end.
    public mutating func replaceAll(with string: String) {
        replace(0..<text.utf8.count, with: string, kind: .other)
    }

    /// The one primitive every edit goes through: replace, record undo, re-wrap locally.
    mutating func replace(_ range: Range<Int>, with string: String, kind: EditKind) {
        let lower = index(range.lowerBound)
        let upper = index(range.upperBound)
        let removed = String(text[lower..<upper])
        let before = cursor
        text.replaceSubrange(lower..<upper, with: string)
        let newLength = string.utf8.count
        layout.update(text: text, replaced: range, newLength: newLength)
        cursor = boundary(atOrAfter: range.lowerBound + newLength)
        goalColumn = nil
        cursorAtLineEnd = false
        history.record(EditRecord(at: range.lowerBound, removed: removed, inserted: string,
                                  cursorBefore: before, cursorAfter: cursor, kind: kind))
    }

    // MARK: - Undo

    /// Whether there is something to undo.
    public var canUndo: Bool { !history.undoStack.isEmpty }
    /// Whether there is something to redo.
    public var canRedo: Bool { !history.redoStack.isEmpty }

    /// Undoes the last edit step; false when there is none.
    @discardableResult
    public mutating func undo() -> Bool {
        guard let record = history.popUndo() else { return false }
        apply(at: record.at, replacing: record.inserted.utf8.count, with: record.removed)
        cursor = boundary(atOrAfter: min(record.cursorBefore, text.utf8.count))
        return true
    }

    /// Redoes the last undone step; false when there is none.
    @discardableResult
    public mutating func redo() -> Bool {
        guard let record = history.popRedo() else { return false }
        apply(at: record.at, replacing: record.removed.utf8.count, with: record.inserted)
        cursor = boundary(atOrAfter: min(record.cursorAfter, text.utf8.count))
        return true
    }

    private mutating func apply(at offset: Int, replacing length: Int, with string: String) {
        let count = text.utf8.count
        let lo = min(max(0, offset), count)
        let hi = min(lo + max(0, length), count)
        text.replaceSubrange(index(lo)..<index(hi), with: string)
        layout.update(text: text, replaced: lo..<hi, newLength: string.utf8.count)
        goalColumn = nil
        cursorAtLineEnd = false
    }

    // MARK: - Offsets and boundaries

    /// The string index of a UTF-8 offset (O(1) on native strings).
    func index(_ offset: Int) -> String.Index {
        text.utf8.index(text.utf8.startIndex, offsetBy: min(max(0, offset), text.utf8.count))
    }

    /// The UTF-8 offset of a string index.
    func offset(_ index: String.Index) -> Int {
        text.utf8.distance(from: text.utf8.startIndex, to: index)
    }

    /// The next cluster boundary after `offset` (which must be a boundary).
    func nextBoundary(after offset: Int) -> Int {
        let i = index(offset)
        guard i < text.endIndex else { return offset }
        return self.offset(text.index(after: i))
    }

    /// The previous cluster boundary before `offset` (which must be a boundary).
    func previousBoundary(before offset: Int) -> Int {
        guard offset > 0 else { return 0 }
        return self.offset(text.index(before: index(offset)))
    }

    /// Rounds an offset forward to a cluster boundary by walking clusters from the start of
    /// its screen line (line starts are always boundaries).
    func boundary(atOrAfter offset: Int) -> Int {
        let line = layout.lines[layout.lineIndex(containing: offset)]
        var i = index(min(line.start, offset))
        let target = index(offset)
        while i < target, i < text.endIndex { i = text.index(after: i) }
        return self.offset(i)
    }
}

/// What kind of edit a history record is, for coalescing.
enum EditKind: Sendable, Equatable {
    case typing, paste, deleteBackward, deleteForward, other
}
