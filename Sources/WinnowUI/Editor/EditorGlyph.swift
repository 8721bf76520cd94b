import WinnowCore

/// How the editor and the diff view draw one grapheme cluster: its own text when printable,
/// a visible stand-in (`VisibleGlyph`) otherwise, so text from a dataset or a paste never
/// reaches the terminal as raw control or bidi characters. A stand-in takes exactly the
/// columns the width function gives the cluster, so the editor's layout and the reading
/// view's agree.
enum EditorGlyph {
    /// The printable text for `c` and the columns it takes.
    static func visible(_ c: Character) -> (text: String, width: Int) {
        let width = max(1, DisplayWidth.of(c))
        return (VisibleGlyph.standIn(for: c) ?? String(c), width)
    }

    static func needsStandIn(_ c: Character) -> Bool { VisibleGlyph.needsStandIn(c) }

    /// Draws `c` at (row, column) and returns the columns it took. A stand-in narrower than
    /// the cluster's width is padded with blanks.
    @discardableResult
    static func draw(_ c: Character, into grid: inout ScreenGrid, row: Int, column: Int,
                     style: CellStyle) -> Int {
        let (text, width) = visible(c)
        if needsStandIn(c) {
            var marked = style
            marked.attributes.insert(.reverse)
            grid.put(text, width: 1, row: row, column: column, style: marked)
            for extra in 1..<max(2, width) where extra < width {
                grid.put(" ", width: 1, row: row, column: column + extra, style: style)
            }
        } else {
            grid.put(text, width: width, row: row, column: column, style: style)
        }
        return width
    }
}
