import WinnowCore

/// Draws a `TextEditor` into a rectangle of the screen grid and puts the terminal cursor at
/// the insertion point (where an input method draws its candidate window).
public enum EditorView {
    /// The first visible screen line after scrolling just enough to show the cursor.
    public static func scrollTop(_ top: Int, cursorRow: Int, height: Int, lineCount: Int) -> Int {
        let h = max(1, height)
        var t = min(max(0, top), max(0, lineCount - 1))
        if cursorRow < t { t = cursorRow }
        if cursorRow >= t + h { t = cursorRow - h + 1 }
        // Do not leave blank rows at the bottom when the text could fill them.
        t = min(t, max(0, lineCount - h))
        return max(0, min(t, cursorRow))
    }

    /// Renders the visible lines from `scrollTop` and sets `grid.cursor`. Only the visible
    /// lines are visited, so the cost does not grow with the text.
    public static func render(_ editor: TextEditor, scrollTop: Int, into grid: inout ScreenGrid,
                              row: Int, column: Int, width: Int, height: Int,
                              style: CellStyle = .plain) {
        guard width > 0, height > 0 else { return }
        grid.fill(row: row, column: column, width: width, height: height, style: style)
        let lines = editor.layout.lines
        let text = editor.text
        let first = max(0, scrollTop)
        let last = min(lines.count, first + height)
        if first < last {
            for lineIndex in first..<last {
                let line = lines[lineIndex]
                var x = 0
                for c in text[editor.index(line.start)..<editor.index(line.end)] {
                    let w = DisplayWidth.advance(c, atColumn: x)
                    if x + w > width { break }
                    x += EditorGlyph.draw(c, into: &grid, row: row + lineIndex - first, column: column + x, style: style,
                                          lineColumn: x)
                }
            }
        }
        let position = editor.cursorPosition
        if position.row >= first, position.row < last {
            grid.cursor = CursorPosition(row: row + position.row - first,
                                         column: column + min(position.column, width - 1))
        } else {
            grid.cursor = nil
        }
    }
}
