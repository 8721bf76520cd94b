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
    /// Only a window around the edit is re-wrapped: from two lines before it (an edit can
    /// pull a word or a closing punctuation mark back onto the line above) to the first line
    /// after it whose start is where it was before (shifted by the edit's length). From there
    /// on greedy wrapping gives the same lines as before. The window grows until that happens
    /// or it reaches the end of the paragraph, so a keystroke in a 20,000-character
    /// paragraph re-wraps a few lines, not the paragraph.
    mutating func update(text: String, replaced old: Range<Int>, newLength: Int) {
        guard !lines.isEmpty else {
            self = EditorLayout(text: text, width: width)
            return
        }
        let delta = newLength - old.count
        let first = lineIndex(containing: old.lowerBound)
        let last = lineIndex(containing: old.upperBound)
        var paragraphFirst = first
        while paragraphFirst > 0, !lines[paragraphFirst - 1].endsParagraph { paragraphFirst -= 1 }
        var paragraphLast = last
        while paragraphLast < lines.count - 1, !lines[paragraphLast].endsParagraph { paragraphLast += 1 }

        let windowStart = max(paragraphFirst, first - 2)
        let from = lines[windowStart].start
        var extra = 8
        while true {
            let windowEnd = min(paragraphLast, last + extra)
            let fresh = EditorLayout.wrap(text, from: from, to: lines[windowEnd].end + delta, width: width)
            if windowEnd == paragraphLast {
                splice(windowStart..<(windowEnd + 1), with: fresh, delta: delta)
                return
            }
            // Find a line after the edit that starts where it did; the window's own last line
            // is cut short by the window, so it cannot count.
            var j = 1
            var i = last + 1
            while j < fresh.count - 1, i < windowEnd {
                let oldStart = lines[i].start + delta
                if fresh[j].start == oldStart {
                    splice(windowStart..<i, with: Array(fresh[0..<j]), delta: delta)
                    return
                }
                if fresh[j].start < oldStart { j += 1 } else { i += 1 }
            }
            extra *= 4
        }
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
