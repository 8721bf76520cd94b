/// One screen line of wrapped text.
public struct WrappedLine: Sendable, Equatable {
    /// The characters on this screen line, as a range of the source string. The line break
    /// that ends a paragraph is not part of any line.
    public var range: Range<String.Index>
    /// Display columns used by the line (spaces hanging past the edge at a break not counted).
    public var width: Int

    public init(range: Range<String.Index>, width: Int) {
        self.range = range
        self.width = width
    }
}

/// Wraps text by display columns.
///
/// Policy (tested at 80 and 40 columns in WinnowUITests):
/// - Each `\n` (or `\r\n`) ends a paragraph; empty paragraphs give empty lines.
/// - Widths come from `DisplayWidth`, so a wide character never straddles the edge.
/// - A line may break after a run of spaces, and between two characters when either is wide
///   (CJK, emoji), so Chinese breaks between any two characters; a Latin word stays whole
///   unless it is longer than the line.
/// - Kinsoku: closing punctuation (`LineBreakClass.isClosing`) never starts a line and
///   opening punctuation never ends one; when the break would fall just before closing
///   punctuation the previous character is pulled down with it. Only when that is impossible
///   (a line made of nothing but closing punctuation) does punctuation start a line.
/// - Spaces at a break hang past the edge (they belong to the line before, not counted in
///   its width), so the next line starts with the next word.
public enum TextWrapper {
    /// Splits `text` into screen lines at most `width` columns wide (width < 2 is treated as 2).
    /// An empty text, and each empty paragraph, gives one empty line.
    public static func wrap(_ text: String, width: Int) -> [WrappedLine] {
        var lines: [WrappedLine] = []
        wrap(text, width: width) { lines.append($0) }
        return lines
    }

    /// Calls `emit` with each screen line in order (no array, for very long texts).
    public static func wrap(_ text: String, width: Int, emit: (WrappedLine) -> Void) {
        let limit = max(2, width)
        let utf8 = text.utf8
        var lineStart = text.startIndex
        var used = 0
        // The characters of the current line (only they can move to the next line).
        var chars: [(index: String.Index, width: Int, cls: LineBreakClass)] = []
        chars.reserveCapacity(limit + 4)
        // Latest allowed break: before chars[breakAt].
        var breakAt = 0
        var hung = false
        var i = text.startIndex

        func breakLine(before k: Int, at index: String.Index) {
            var w = 0
            for c in chars[..<k] { w += c.width }
            emit(WrappedLine(range: lineStart..<index, width: w))
            chars.removeFirst(k)
            lineStart = index
            used -= w
            breakAt = 0
            hung = false
        }

        for c in text {
            let next = utf8.index(i, offsetBy: c.utf8.count)
            defer { i = next }
            if c == "\n" || c == "\r\n" {
                emit(WrappedLine(range: lineStart..<i, width: used))
                lineStart = next
                used = 0
                chars.removeAll(keepingCapacity: true)
                breakAt = 0
                hung = false
                continue
            }
            let w = DisplayWidth.of(c)
            let cls = LineBreakClass(c, width: w)
            let prevCls = chars.last?.cls ?? .space
            if !chars.isEmpty, LineBreakClass.allowsBreak(between: prevCls, and: cls) {
                breakAt = chars.count
            }
            if cls == .space && used + w > limit {
                // Hang the space past the edge (uncounted); the next word breaks after it.
                chars.append((i, 0, cls))
                continue
            }
            if used + w > limit && !chars.isEmpty {
                if breakAt > 0 && breakAt < chars.count {
                    breakLine(before: breakAt, at: chars[breakAt].index)
                } else if breakAt == chars.count && breakAt > 0 {
                    breakLine(before: breakAt, at: i)
                }
            }
            if used + w > limit && !chars.isEmpty {
                // No allowed break: the latest position that keeps kinsoku (not before
                // closing, not after opening), even inside a word.
                var k = chars.count
                var found = -1
                if cls != .closing && chars[k - 1].cls != .opening { found = k }
                while found < 0 && k > 1 {
                    k -= 1
                    if chars[k].cls != .closing && chars[k - 1].cls != .opening { found = k }
                }
                if found == chars.count {
                    breakLine(before: found, at: i)
                } else if found > 0 {
                    breakLine(before: found, at: chars[found].index)
                } else if cls == .closing && !hung {
                    // Nothing can move down with it: the punctuation hangs past the edge.
                    hung = true
                } else {
                    breakLine(before: chars.count, at: i)
                }
            }
            chars.append((i, w, cls))
            used += w
        }
        emit(WrappedLine(range: lineStart..<text.endIndex, width: used))
    }
}
