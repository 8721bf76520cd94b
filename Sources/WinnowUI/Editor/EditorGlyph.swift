import WinnowCore

/// How the editor and the diff view draw one grapheme cluster: through the reading view's
/// sanitizer (`DisplayText`), so control characters, bidi overrides and other invisible
/// scalars show as the same visible placeholders (drawn dim) and take the same columns
/// (`DisplayWidth`) as while reading; the editor's layout and the reading view's agree.
enum EditorGlyph {
    /// Draws `c` at (row, column) and returns the columns it took.
    @discardableResult
    /// `lineColumn`: where `c` starts in its screen line, for a tab to reach the next tab
    /// stop (nil: a tab is a fixed `tabWidth`).
    static func draw(_ c: Character, into grid: inout ScreenGrid, row: Int, column: Int,
                     style: CellStyle, lineColumn: Int? = nil) -> Int {
        if c == "\t", let lineColumn {
            let n = DisplayWidth.advance(c, atColumn: lineColumn)
            for k in 0..<n { grid.put(" ", width: 1, row: row, column: column + k, style: style) }
            return n
        }
        let cells = DisplayText.cells(of: c)
        var x = column
        for cell in cells {
            var cellStyle = style
            if cell.isPlaceholder { cellStyle.attributes.insert(.dim) }
            grid.put(cell.text, width: cell.width, row: row, column: x, style: cellStyle)
            x += cell.width
        }
        return x - column
    }
}
