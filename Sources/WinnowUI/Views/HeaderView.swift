import WinnowCore

/// Row 0: file, position, index, id, task type, then at the right READ-ONLY (or the reviewer
/// and journal) and the decision badge.
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
        // Where decisions go is kept at every width: READ-ONLY whole, the reviewer and the
        // journal cut to a quarter of the row (at least 12 columns) when they are long.
        if model.readOnly {
            let text = " READ-ONLY "
            let start = end - DisplayWidth.of(text) - 1
            if start > 1 {
                grid.write(text, row: r.row, column: start, style: theme.error)
                end = start
            }
        } else if let writer = model.writer {
            let room = min(DisplayWidth.of(writer), max(12, r.width / 4))
            let start = end - room - 1
            if start > 1 {
                _ = grid.writeTruncated(writer, row: r.row, column: start, maxWidth: room, style: theme.header)
                end = start
            }
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
            add("  id " + (model.id.map { $0.isEmpty ? "(empty)" : $0 } ?? "?"), limit: max(6, r.width / 4) + 5)
            if let t = model.taskType { add("  \(t)", optional: true) }
        }
    }
}
