import WinnowCore

/// The adjudication screen's conflict panel: a title row (majority pre-selected, ruling in
/// force), every reviewer's side with their edits as diffs from the panel's scroll position,
/// and a rule with scroll hints under it. Draws the model and changes nothing else.
struct ConflictPanelView {
    let model: ConflictPanelModel
    let theme: Theme
    /// Draw the side pane's border at the right (the dialogue pane draws it below the panel).
    var border = false

    func render(into grid: inout ScreenGrid, _ r: Rect) {
        guard r.height >= 2, r.width > 0 else { return }
        grid.fill(row: r.row, column: r.column, width: r.width, height: r.height, style: .plain)
        write(model.title, row: r.row, r, &grid)
        let rows = r.height - 2
        let first = min(max(0, model.scroll), model.lines.count)
        let shown = model.lines[first..<min(model.lines.count, first + rows)]
        for (n, line) in shown.enumerated() {
            let row = r.row + 1 + n
            switch line {
            case .text(let segments): write(segments, row: row, r, &grid)
            case .diff(let indent, let cells):
                var x = indent
                let styles = DiffView.Styles()
                for cell in cells {
                    let w = DisplayWidth.of(cell.character)
                    if x + w > r.width { break }
                    x += EditorGlyph.draw(cell.character, into: &grid, row: row, column: r.column + x, style: styles.style(cell.kind))
                }
            }
        }
        // The rule between the panel and the dialogue, with the scroll hints at its right.
        let ruleRow = r.row + r.height - 1
        let rule = String(repeating: "─", count: r.width)
        grid.write(rule, row: ruleRow, column: r.column, maxWidth: r.width, style: theme.border)
        if !model.hint.isEmpty {
            let text = " \(model.hint) "
            let w = min(r.width, DisplayWidth.of(text))
            grid.writeTruncated(text, row: ruleRow, column: r.column + r.width - w, maxWidth: w, style: theme.dim)
        }
        if border {
            for row in r.row..<(r.row + r.height) { grid.put("│", width: 1, row: row, column: r.column + r.width, style: theme.border) }
        }
    }

    private func write(_ segments: [ConflictPanelLine.Segment], row: Int, _ r: Rect, _ grid: inout ScreenGrid) {
        var col = 0
        for s in segments {
            let room = r.width - col
            guard room > 0 else { return }
            col += grid.writeTruncated(s.text, row: row, column: r.column + col, maxWidth: room, style: style(s.tone))
        }
    }

    private func style(_ tone: ConflictPanelLine.Tone) -> CellStyle {
        switch tone {
        case .plain: return .plain
        case .label: return theme.label
        case .dim: return theme.dim
        case .accept: return theme.accepted
        case .reject: return theme.rejected
        case .other: return theme.skipped
        case .majority: return theme.selection
        }
    }
}
