// CONTRACT STUB (skeleton): the UI work replaces the body with the real wrapping policy
// (Chinese breaks anywhere, closing punctuation never starts a line, Latin words kept whole).

/// One screen line of wrapped text.
public struct WrappedLine: Sendable, Equatable {
    /// The characters on this screen line, as a range of the source string. The line break
    /// that ends a paragraph is not part of any line.
    public var range: Range<String.Index>
    /// Display columns used by the line.
    public var width: Int

    public init(range: Range<String.Index>, width: Int) {
        self.range = range
        self.width = width
    }
}

/// Wraps text by display columns.
public enum TextWrapper {
    /// Splits `text` into screen lines at most `width` columns wide (width < 2 is treated as 2).
    /// An empty text, and each empty paragraph, gives one empty line.
    public static func wrap(_ text: String, width: Int) -> [WrappedLine] {
        var lines: [WrappedLine] = []
        var start = text.startIndex
        var used = 0
        var i = text.startIndex
        let limit = max(2, width)
        while i < text.endIndex {
            let c = text[i]
            if c == "\n" || c == "\r\n" {
                lines.append(WrappedLine(range: start..<i, width: used))
                i = text.index(after: i)
                start = i
                used = 0
                continue
            }
            let w = DisplayWidth.of(c)
            if used + w > limit {
                lines.append(WrappedLine(range: start..<i, width: used))
                start = i
                used = 0
            }
            used += w
            i = text.index(after: i)
        }
        lines.append(WrappedLine(range: start..<text.endIndex, width: used))
        return lines
    }
}
