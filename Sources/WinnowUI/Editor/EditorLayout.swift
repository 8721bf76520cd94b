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
    /// Whether the wrapper carried nothing into this line (a paragraph start, or a break
    /// that moved no characters down): wrapping afresh from here gives the same lines.
    var startsClean = true
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
    /// Re-wrapping starts at the line before the edited one (it may take characters back
    /// after a deletion) and stops as soon as a new line starts where an old line did (moved
    /// by the edit's length) after the edit: from such a line on, the wrapper sees the same
    /// text from the same line start, so every later line is the old one moved. Why a line
    /// start is a clean restart: the characters the wrapper carries into a new line are those
    /// after the break it chose, and it chooses the latest allowed break, so no break is
    /// allowed among them that a restart could find (tests compare with a fresh wrap after
    /// many random edits). Typing into one long Chinese paragraph thus re-wraps until the
    /// next space or punctuation absorbs the change, not the whole paragraph.
    mutating func update(text: String, replaced old: Range<Int>, newLength: Int) {
        guard !lines.isEmpty else {
            self = EditorLayout(text: text, width: width)
            return
        }
        let delta = newLength - old.count
        var first = lineIndex(containing: old.lowerBound)
        // The line before may take characters back (a deletion): start before it, at a line
        // the wrapper started clean.
        if first > 0, !lines[first - 1].endsParagraph { first -= 1 }
        while first > 0, !lines[first].startsClean { first -= 1 }
        var last = lineIndex(containing: old.upperBound)
        while last < lines.count - 1, !lines[last].endsParagraph { last += 1 }
        let start = lines[first].start
        let end = lines[last].end + delta
        let editEnd = old.lowerBound + newLength
        let utf8 = text.utf8
        let piece = String(text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)])
        let pieceUTF8 = piece.utf8
        var wrapper = LineWrapper(piece, width: width, tabStops: true)
        var fresh: [EditorLine] = []
        // Old lines that start after the edit, the candidates to meet again.
        var candidate = lineIndex(containing: old.upperBound) + 1
        var met: Int? = nil
        var clean = true
        wrapping: while !wrapper.isFinished {
            var batch: [(WrappedLine, Bool)] = []
            wrapper.next(lines: 4) { batch.append(($0, $1)) }
            for (line, nextClean) in batch {
                let s = start + pieceUTF8.distance(from: pieceUTF8.startIndex, to: line.range.lowerBound)
                if s > editEnd && clean {
                    // Met again only where both wraps start a line clean at the same text.
                    while candidate <= last, lines[candidate].start + delta < s { candidate += 1 }
                    if candidate <= last, lines[candidate].start + delta == s, lines[candidate].startsClean {
                        met = candidate
                        break wrapping
                    }
                }
                let e = start + pieceUTF8.distance(from: pieceUTF8.startIndex, to: line.range.upperBound)
                fresh.append(EditorLine(start: s, end: e, width: line.width, endsParagraph: EditorLayout.isBreak(in: text, at: e),
                                        startsClean: clean))
                clean = nextClean
            }
        }
        splice(first..<(met ?? (last + 1)), with: fresh, delta: delta)
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
        let pieceUTF8 = piece.utf8
        var result: [EditorLine] = []
        var wrapper = LineWrapper(piece, width: width, tabStops: true)
        var clean = true
        wrapper.next(lines: .max) { line, nextClean in
            let s = pieceUTF8.distance(from: pieceUTF8.startIndex, to: line.range.lowerBound) + from
            let e = pieceUTF8.distance(from: pieceUTF8.startIndex, to: line.range.upperBound) + from
            result.append(EditorLine(start: s, end: e, width: line.width,
                                     endsParagraph: isBreak(in: text, at: e), startsClean: clean))
            clean = nextClean
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
