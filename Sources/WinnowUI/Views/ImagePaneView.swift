import WinnowCore

/// The image pane: a title and the preview (or why there is none).
struct ImagePaneView {
    let model: ImagePaneModel
    let theme: Theme

    func render(into grid: inout ScreenGrid, _ r: Rect) {
        grid.write(model.title, row: r.row, column: r.column, maxWidth: r.width, style: theme.label)
        let area = Rect(row: r.row + 1, column: r.column + 1, width: r.width - 2, height: r.height - 2)
        switch model.content {
        case .missing(let ref, let problem):
            grid.write("\(problem): \(ref)", row: area.row, column: area.column, maxWidth: area.width, style: theme.error)
        case .loading:
            grid.write("loading…", row: area.row, column: area.column, style: theme.dim)
        case .ready(let picture):
            grid.blit(picture, row: area.row, column: area.column)
        case .unavailable(let reason):
            // Reasons like "too large to decode: 30000x30000 (limit 40 megapixels)" are longer
            // than the pane is wide: wrap them.
            for (i, line) in TextWrapper.wrap(reason, width: area.width).prefix(area.height).enumerated() {
                grid.write(reason[line.range], row: area.row + i, column: area.column, maxWidth: area.width, style: theme.dim)
            }
        }
    }
}
