import WinnowCore

/// Draws a `PopupListModel` as a box whose bottom edge sits on `bottomRow`, within `area`:
/// as wide as its longest row (cut with `…` when the terminal is narrower) and as tall as
/// its rows, showing `+N more` when they do not all fit.
struct PopupListView {
    let model: PopupListModel
    let theme: Theme

    func render(into grid: inout ScreenGrid, area: Rect) {
        guard area.width >= 12, area.height >= 3, !model.rows.isEmpty else { return }
        let keyWidth = min(16, model.rows.map { DisplayWidth.of($0.key) }.max() ?? 1)
        let labelWidth = model.rows.map { DisplayWidth.of($0.label) }.max() ?? 0
        let titleWidth = DisplayWidth.of(model.title) + 4
        let inner = min(area.width - 2, max(titleWidth, 1 + keyWidth + 2 + labelWidth + 1))
        let maxRows = area.height - 2
        var shown = Array(model.rows.enumerated())
        var more = 0
        if shown.count > maxRows {
            // Keep the selected row in view; the last line says how many are left out.
            let keep = max(1, maxRows - 1)
            let start = min(max(0, (model.selected ?? 0) - keep + 1), shown.count - keep)
            more = shown.count - keep
            shown = Array(shown[start..<(start + keep)])
        }
        let height = shown.count + (more > 0 ? 1 : 0) + 2
        let width = inner + 2
        let column = model.alignRight ? area.column + area.width - width : area.column
        let top = area.row + area.height - height
        let box = Rect(row: top, column: column, width: width, height: height)
        grid.fill(row: box.row, column: box.column, width: box.width, height: box.height, style: .plain)
        BoxView(style: theme.label).render(into: &grid, box)
        grid.writeTruncated(" \(model.title) ", row: top, column: column + 2, maxWidth: width - 4, style: theme.label)
        for (n, (i, row)) in shown.enumerated() {
            let r = top + 1 + n
            let style: CellStyle = i == model.selected ? theme.keyHint : .plain
            if i == model.selected { grid.fill(row: r, column: column + 1, width: inner, height: 1, style: style) }
            grid.writeTruncated(row.key, row: r, column: column + 2, maxWidth: keyWidth, style: i == model.selected ? style : theme.keyHint)
            grid.writeTruncated(row.label, row: r, column: column + 2 + keyWidth + 2,
                                maxWidth: max(1, inner - keyWidth - 3), style: style)
        }
        if more > 0 {
            grid.write("+\(more) more", row: top + height - 2, column: column + 2, maxWidth: inner - 1, style: theme.label)
        }
    }
}
