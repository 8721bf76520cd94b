import WinnowCore

/// Row h-1: key hints from the active keymap. The first hint (movement) and the pinned
/// last one (`? help`) always show; the others are dropped from the right when the row is
/// too narrow (zellij's habit), never cut in the middle.
struct FooterView {
    let model: FooterModel
    let theme: Theme

    func render(into grid: inout ScreenGrid, _ r: Rect) {
        grid.clearRow(r.row, style: theme.footer)
        let fitted = FooterView.fit(model, width: r.width)
        var col = 0
        if let digits = model.digits {
            col += grid.write(" \(digits)", row: r.row, column: col, style: theme.keyHint)
            col += grid.write(" pick ", row: r.row, column: col, style: theme.footer)
        }
        for (key, label) in fitted.hints {
            col += grid.write(" \(key)", row: r.row, column: col, style: theme.keyHint)
            col += grid.write(" \(label) ", row: r.row, column: col, style: theme.footer)
        }
        if let (key, label) = fitted.last {
            let need = FooterView.hintWidth(of: (key, label))
            let at = max(col, r.width - need)
            let used = grid.write(" \(key)", row: r.row, column: at, style: theme.keyHint)
            grid.write(" \(label) ", row: r.row, column: at + used, style: theme.footer)
        }
    }

    /// Columns one hint takes: ` key label `.
    static func hintWidth(of hint: (key: String, label: String)) -> Int {
        DisplayWidth.of(hint.key) + DisplayWidth.of(hint.label) + 3
    }

    /// The hints that fit in `width`: the first and the pinned last are kept as long as they
    /// fit at all; the others are kept in order while they fit.
    static func fit(_ model: FooterModel, width: Int) -> (hints: [(key: String, label: String)], last: (key: String, label: String)?) {
        var room = width
        if let digits = model.digits { room -= DisplayWidth.of(digits) + 7 }
        var last = model.pinnedLast
        if let l = last {
            if hintWidth(of: l) <= room { room -= hintWidth(of: l) } else { last = nil }
        }
        var kept: [(key: String, label: String)] = []
        for hint in model.hints {
            let need = hintWidth(of: hint)
            if need > room { if kept.isEmpty { continue } else { break } }
            kept.append(hint)
            room -= need
        }
        return (kept, last)
    }
}
