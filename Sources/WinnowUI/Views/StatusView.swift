/// Row 1: a progress bar of decided / total, then what is in force (spot check, filter,
/// read-only, search).
struct StatusView {
    let model: StatusModel
    let theme: Theme

    func render(into grid: inout ScreenGrid, _ r: Rect) {
        let total = model.total
        let decided = model.decided
        let barWidth = max(10, min(30, r.width / 5))
        let filled = total == 0 ? 0 : min(barWidth, decided * barWidth / total)
        for i in 0..<barWidth {
            if i < filled {
                grid.put(" ", width: 1, row: r.row, column: i, style: theme.selection)
            } else {
                grid.put("-", width: 1, row: r.row, column: i, style: theme.dim)
            }
        }
        var col = barWidth
        col += grid.write(" \(decided)/\(total) decided (\(StatusView.percentText(decided, of: total)))", row: r.row, column: col)
        if !model.parts.isEmpty {
            grid.writeTruncated("  " + model.parts.joined(separator: " · "), row: r.row, column: col,
                                maxWidth: r.width - col, style: model.filterActive ? theme.message : theme.label)
        }
    }

    /// "37%", or with a tenth below 10% so progress through a 641,868-sample file is
    /// visible ("0.3%", "<0.1%") instead of a long run of "0%".
    static func percentText(_ part: Int, of total: Int) -> String {
        guard total > 0, part > 0 else { return "0%" }
        let tenths = part * 1000 / total
        if tenths >= 100 { return "\(part * 100 / total)%" }
        if tenths == 0 { return "<0.1%" }
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
