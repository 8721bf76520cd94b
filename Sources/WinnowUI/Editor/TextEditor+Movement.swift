import WinnowCore

/// A cursor movement.
public enum EditorMovement: Sendable, Equatable, CaseIterable {
    case left, right
    /// By screen line, keeping the goal display column.
    case up, down
    /// Start and end of the screen line.
    case lineStart, lineEnd
    /// By word in Latin text, by character in CJK text (see `TextEditor.wordClass`).
    case wordLeft, wordRight
    case pageUp, pageDown
    case textStart, textEnd
}

extension TextEditor {
    /// Moves the cursor; `pageHeight` is the number of screen lines a page move covers.
    public mutating func move(_ movement: EditorMovement, pageHeight: Int = 20) {
        history.seal()
        switch movement {
        case .left:
            setPlain(previousBoundary(before: cursor))
        case .right:
            setPlain(nextBoundary(after: cursor))
        case .up:
            moveVertically(by: -1)
        case .down:
            moveVertically(by: 1)
        case .pageUp:
            moveVertically(by: -max(1, pageHeight - 1))
        case .pageDown:
            moveVertically(by: max(1, pageHeight - 1))
        case .lineStart:
            let row = cursorPosition.row
            setPlain(layout.lines[row].start)
        case .lineEnd:
            let row = cursorPosition.row
            landAtEnd(ofLine: row)
            goalColumn = nil
        case .wordLeft:
            setPlain(wordBoundary(before: cursor))
        case .wordRight:
            setPlain(wordBoundary(after: cursor))
        case .textStart:
            setPlain(0)
        case .textEnd:
            setPlain(text.utf8.count)
        }
    }

    private mutating func setPlain(_ offset: Int) {
        cursor = offset
        goalColumn = nil
        cursorAtLineEnd = false
    }

    /// The cursor's screen line and display column. At the end of a full-width line the
    /// column equals the wrap width; a view clamps it into its last column.
    public var cursorPosition: CursorPosition {
        var row = layout.lineIndex(containing: cursor)
        if cursorAtLineEnd, row > 0 {
            let above = layout.lines[row - 1]
            if above.end == cursor, !above.endsParagraph, above.width < layout.width {
                row -= 1
            }
        }
        return CursorPosition(row: row, column: column(of: cursor, inLine: row))
    }

    /// Display columns from the start of screen line `row` to `offset` (clamped to the line).
    func column(of offset: Int, inLine row: Int) -> Int {
        let line = layout.lines[row]
        let end = min(max(offset, line.start), line.end)
        var columns = 0
        for c in text[index(line.start)..<index(end)] { columns += DisplayWidth.advance(c, atColumn: columns) }
        return columns
    }

    private mutating func moveVertically(by delta: Int) {
        let here = cursorPosition
        let goal = goalColumn ?? here.column
        let target = here.row + delta
        if target < 0 {
            setPlain(0)
            return
        }
        if target >= layout.lines.count {
            setPlain(text.utf8.count)
            return
        }
        let line = layout.lines[target]
        var offset = line.start
        var columns = 0
        var i = index(line.start)
        let end = index(line.end)
        // The last boundary whose column does not pass the goal.
        while i < end {
            let c = text[i]
            let w = DisplayWidth.advance(c, atColumn: columns)
            if columns + w > goal { break }
            columns += w
            i = text.index(after: i)
            offset = self.offset(i)
        }
        if offset == line.end {
            landAtEnd(ofLine: target)
        } else {
            cursor = offset
            cursorAtLineEnd = false
        }
        goalColumn = goal
    }

    /// Puts the cursor at the end of a screen line. The end of a soft-wrapped line is the
    /// same offset as the start of the next one: it shows at the end of this line when there
    /// is room, otherwise the cursor sits on the last cluster of the line.
    private mutating func landAtEnd(ofLine row: Int) {
        let line = layout.lines[row]
        let soft = !line.endsParagraph && row + 1 < layout.lines.count
            && layout.lines[row + 1].start == line.end
        if !soft {
            cursor = line.end
            cursorAtLineEnd = false
        } else if line.width < layout.width {
            cursor = line.end
            cursorAtLineEnd = true
        } else {
            cursor = line.end > line.start ? previousBoundary(before: line.end) : line.start
            cursorAtLineEnd = false
        }
    }

    // MARK: - Words

    /// How word moves see a cluster. Policy: Latin-like letters, digits, marks and `_` form
    /// words; each CJK ideograph or kana is a word of its own (Chinese and Japanese do not
    /// separate words with spaces, so a dictionary would be needed to do better); Hangul is
    /// letters (Korean separates words with spaces); whitespace separates; any other symbol
    /// or punctuation run is a word of its own kind.
    enum WordClass: Equatable { case space, letter, cjk, punctuation }

    static func wordClass(_ c: Character) -> WordClass {
        if c.isWhitespace || c.isNewline { return .space }
        guard let s = c.unicodeScalars.first else { return .punctuation }
        let v = s.value
        let isCJK = (0x2E80...0x2FDF).contains(v) || (0x3005...0x3007).contains(v)
            || (0x3021...0x3029).contains(v) || (0x3040...0x30FF).contains(v)
            || (0x3100...0x312F).contains(v) || (0x31A0...0x31FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFF66...0xFF9D).contains(v)
            || (0x20000...0x3FFFF).contains(v)
        if isCJK { return .cjk }
        if c.isLetter || c.isNumber || c == "_" || s.properties.isAlphabetic { return .letter }
        return .punctuation
    }

    /// Start of the next word after `offset`: past the current word (one cluster if CJK),
    /// then past whitespace.
    func wordBoundary(after offset: Int) -> Int {
        var i = index(offset)
        guard i < text.endIndex else { return offset }
        let first = TextEditor.wordClass(text[i])
        if first != .space {
            i = text.index(after: i)
            if first != .cjk {
                while i < text.endIndex, TextEditor.wordClass(text[i]) == first { i = text.index(after: i) }
            }
        }
        while i < text.endIndex, TextEditor.wordClass(text[i]) == .space { i = text.index(after: i) }
        return self.offset(i)
    }

    /// Start of the word before `offset`: back over whitespace, then over one word (one
    /// cluster if CJK).
    func wordBoundary(before offset: Int) -> Int {
        var i = index(offset)
        while i > text.startIndex {
            let p = text.index(before: i)
            guard TextEditor.wordClass(text[p]) == .space else { break }
            i = p
        }
        guard i > text.startIndex else { return 0 }
        let p = text.index(before: i)
        let cls = TextEditor.wordClass(text[p])
        i = p
        if cls != .cjk {
            while i > text.startIndex {
                let q = text.index(before: i)
                guard TextEditor.wordClass(text[q]) == cls else { break }
                i = q
            }
        }
        return self.offset(i)
    }
}
