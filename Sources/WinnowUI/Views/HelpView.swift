import WinnowCore

/// The help overlay: every bound command of the active keymap, scrolled.
struct HelpView {
    let model: HelpModel
    let theme: Theme

    func render(into grid: inout ScreenGrid, _ r: Rect) {
        let lines = model.lines
        let rows = r.height - 1
        let top = min(model.scroll, max(0, lines.count - rows))
        let filter = model.filter.map { " · filter: \(DisplayText.sanitized($0))" } ?? ""
        grid.writeTruncated(" help\(filter) · \(top + 1)-\(min(lines.count, top + rows)) of \(lines.count)",
                            row: r.row, column: 0, maxWidth: r.width, style: theme.label)
        for i in 0..<max(0, rows) where top + i < lines.count {
            let line = lines[top + i]
            let style: CellStyle = line.hasSuffix(":") ? theme.gptRole : .plain
            grid.writeTruncated(line, row: r.row + 1 + i, column: 1, maxWidth: r.width - 2, style: style)
        }
    }
}
