import WinnowCore

/// The stats panel (`S`): a bordered box over the lower part of the body, updated live while
/// the reviewer keeps deciding.
struct StatsPanelView {
    let model: StatsPanelModel
    let theme: Theme

    func render(into grid: inout ScreenGrid, _ area: Rect) {
        let w = min(area.width, max(40, (model.lines.map { DisplayWidth.of($0) }.max() ?? 30) + 4))
        let h = min(area.height, model.lines.count + 2)
        guard w >= 10, h >= 3 else { return }
        let top = area.row + area.height - h
        let left = area.column + max(0, (area.width - w) / 2)
        grid.fill(row: top, column: left, width: w, height: h, style: .plain)
        BoxView(style: theme.border).render(into: &grid, Rect(row: top, column: left, width: w, height: h))
        grid.write(" \(model.title) ", row: top, column: left + 2, maxWidth: w - 4, style: CellStyle(attributes: .bold))
        for (i, line) in model.lines.prefix(h - 2).enumerated() {
            grid.writeTruncated(" " + line, row: top + 1 + i, column: left + 1, maxWidth: w - 2,
                                style: line.hasPrefix(" ") ? .plain : theme.label)
        }
    }
}

/// The stats panel's content.
struct StatsPanelModel {
    var title: String
    var lines: [String]
}
