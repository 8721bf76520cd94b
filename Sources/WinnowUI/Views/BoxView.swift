/// A single-line box around a rectangle (corners and edges only; the inside is left alone).
struct BoxView {
    let style: CellStyle

    func render(into grid: inout ScreenGrid, _ r: Rect) {
        guard r.width >= 2, r.height >= 2 else { return }
        let right = r.column + r.width - 1
        let bottom = r.row + r.height - 1
        for c in (r.column + 1)..<right {
            grid.put("─", width: 1, row: r.row, column: c, style: style)
            grid.put("─", width: 1, row: bottom, column: c, style: style)
        }
        for row in (r.row + 1)..<bottom {
            grid.put("│", width: 1, row: row, column: r.column, style: style)
            grid.put("│", width: 1, row: row, column: right, style: style)
        }
        grid.put("┌", width: 1, row: r.row, column: r.column, style: style)
        grid.put("┐", width: 1, row: r.row, column: right, style: style)
        grid.put("└", width: 1, row: bottom, column: r.column, style: style)
        grid.put("┘", width: 1, row: bottom, column: right, style: style)
    }
}
