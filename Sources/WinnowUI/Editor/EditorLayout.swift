import WinnowCore

/// One screen line of the editor, in UTF-8 offsets of the edited text (offsets stay valid
/// across edits where `String.Index` values would not, and convert to indices in O(1)).
struct EditorLine: Sendable, Equatable {
    var start: Int
    var end: Int
    /// Display columns the wrapper measured for the line.
    var width: Int
    /// Whether a line break (`\n` or `\r\n`) follows the line, rather than a soft wrap.
    var endsParagraph: Bool
}

/// The editor's wrapped lines, kept in step with the text by re-wrapping only the
/// paragraphs an edit touched.
///
/// Wrapping is `TextWrapper.wrap`, the reading view's, applied to whole paragraphs: the
/// wrapper starts afresh after every line break, so wrapping a run of whole paragraphs alone
/// gives the same lines as wrapping the whole text.
struct EditorLayout: Sendable, Equatable {
    private(set) var width: Int
    private(set) var lines: [EditorLine]

    init(text: String, width: Int) {
        self.width = max(2, width)
        self.lines = EditorLayout.wrap(text, from: 0, to: text.utf8.count, width: self.width)
    }

    /// Re-wraps after the UTF-8 range `old` of the previous text was replaced by
    /// `newLength` bytes (the text passed in is the new one).
    ///
    /// Only the paragraphs the edit touched are re-wrapped; later lines are shifted. Why not
    /// a smaller window: the reading view's wrapper carries state across a line start (the
    /// break opportunities of characters moved down by kinsoku are not looked at again), so
    /// wrapping from a mid-paragraph line start can differ from wrapping the paragraph; only
    /// a paragraph start is a clean restart. In CJK text every inserted character moves every
    /// later break of the paragraph anyway.
    mutating func update(text: String, replaced old: Range<Int>, newLength: Int) {
        guard !lines.isEmpty else {
            self = EditorLayout(text: text, width: width)
            return
        }
        let delta = newLength - old.count
        var first = lineIndex(containing: old.lowerBound)
        while first > 0, !lines[first - 1].endsParagraph { first -= 1 }
        var last = lineIndex(containing: old.upperBound)
        while last < lines.count - 1, !lines[last].endsParagraph { last += 1 }
        let fresh = EditorLayout.wrap(text, from: lines[first].start, to: lines[last].end + delta, width: width)
        splice(first..<(last + 1), with: fresh, delta: delta)
    }

    /// Replaces `range` of the lines with `fresh` and shifts every later line by `delta`.
    private mutating func splice(_ range: Range<Int>, with fresh: [EditorLine], delta: Int) {
        if delta != 0 {
            for i in range.upperBound..<lines.count {
                lines[i].start += delta
                lines[i].end += delta
            }
        }
        lines.replaceSubrange(range, with: fresh)
    }

    /// The index of the last line starting at or before `offset` (0 when none).
    func lineIndex(containing offset: Int) -> Int {
        var lo = 0
        var hi = lines.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lines[mid].start <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Wraps the UTF-8 range `from..<to` of `text`, which must span whole paragraphs.
    static func wrap(_ text: String, from: Int, to: Int, width: Int) -> [EditorLine] {
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: from)
        let upper = utf8.index(utf8.startIndex, offsetBy: to)
        let piece = String(text[lower..<upper])
        let wrapped = TextWrapper.wrap(piece, width: width)
        let pieceUTF8 = piece.utf8
        var result: [EditorLine] = []
        result.reserveCapacity(wrapped.count)
        for line in wrapped {
            let s = pieceUTF8.distance(from: pieceUTF8.startIndex, to: line.range.lowerBound) + from
            let e = pieceUTF8.distance(from: pieceUTF8.startIndex, to: line.range.upperBound) + from
            result.append(EditorLine(start: s, end: e, width: line.width,
                                     endsParagraph: isBreak(in: text, at: e)))
        }
        if result.isEmpty {
            // The wrapper promises one line for empty text; never leave the layout empty.
            result.append(EditorLine(start: from, end: to, width: 0, endsParagraph: false))
        }
        return result
    }

    /// Whether a paragraph break (`\n`, or `\r\n`) starts at UTF-8 offset `offset`.
    static func isBreak(in text: String, at offset: Int) -> Bool {
        let utf8 = text.utf8
        guard offset < utf8.count else { return false }
        let i = utf8.index(utf8.startIndex, offsetBy: offset)
        let byte = utf8[i]
        if byte == 0x0A { return true }
        if byte == 0x0D {
            let j = utf8.index(after: i)
            return j < utf8.endIndex && utf8[j] == 0x0A
        }
        return false
    }
}
