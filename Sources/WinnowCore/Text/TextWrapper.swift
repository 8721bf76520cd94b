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
        var wrapper = LineWrapper(text, width: width)
        wrapper.next(lines: .max, emit: emit)
    }
}
