import WinnowCore

/// Row 0: file, position, index, id, task type, and the decision badge at the right.
struct HeaderView {
    let model: HeaderModel
    let theme: Theme

    func render(into grid: inout ScreenGrid, _ r: Rect) {
        grid.clearRow(r.row, style: theme.header)
        // The badge is drawn first at the right; the rest is cut to leave room for it.
        var end = r.width
        if let (badge, style) = model.badge {
            end = max(0, r.width - DisplayWidth.of(badge) - 1)
            grid.write(badge, row: r.row, column: end, style: style)
        }
        var col = 1
        /// Writes `text` cut with an ellipsis; an `optional` piece is written whole or not at all.
        func add(_ text: String, limit: Int? = nil, optional: Bool = false) {
            let room = end - col - 1
            guard room > 0 else { return }
            if optional && DisplayWidth.of(text) > room { return }
            col += grid.writeTruncated(text, row: r.row, column: col, maxWidth: min(room, limit ?? room), style: theme.header)
        }
        // Below 60 columns the position and id matter more than the file name.
        let showFile = r.width >= 60
        if showFile { add(model.fileName, limit: max(8, r.width / 4)) }
        add(showFile ? "  " + model.position : model.position)
        if let index = model.index {
            add("  #\(index)", optional: true)
            add("  id " + (model.id ?? "?"), limit: max(6, r.width / 4) + 5)
            if let t = model.taskType { add("  \(t)", optional: true) }
        }
    }
}
