import WinnowCore

/// Row h-1: key hints from the active keymap, cut where they no longer fit.
struct FooterView {
    let model: FooterModel
    let theme: Theme

    func render(into grid: inout ScreenGrid, _ r: Rect) {
        grid.clearRow(r.row, style: theme.footer)
        var col = 0
        if let digits = model.digits {
            col += grid.write(" \(digits)", row: r.row, column: col, style: theme.keyHint)
            col += grid.write(" pick ", row: r.row, column: col, style: theme.footer)
        }
        for (key, label) in model.hints {
            let need = DisplayWidth.of(key) + DisplayWidth.of(label) + 3
            if col + need > r.width { break }
            col += grid.write(" \(key)", row: r.row, column: col, style: theme.keyHint)
            col += grid.write(" \(label) ", row: r.row, column: col, style: theme.footer)
        }
    }
}
