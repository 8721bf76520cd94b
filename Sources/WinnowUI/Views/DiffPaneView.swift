import WinnowCore

/// An edited sample's turns as diffs of the dataset's text, in the dialogue pane.
struct DiffPaneView {
    let model: DiffPaneModel
    let theme: Theme

    func render(into grid: inout ScreenGrid, _ r: Rect) {
        guard r.height >= 2 else { return }
        let textWidth = max(4, r.width - 1)
        grid.write(model.title, row: r.row, column: r.column, maxWidth: r.width, style: theme.label)
        // Lay every block out, then show from the scroll position.
        var row = r.row + 1
        var skip = model.scroll
        let bottom = r.row + r.height
        for (label, runs) in model.blocks where row < bottom {
            if skip > 0 { skip -= 1 } else {
                grid.write(label, row: row, column: r.column, maxWidth: textWidth, style: theme.label)
                row += 1
            }
            guard let runs, row < bottom else { continue }
            let width = textWidth - DialogueLayout.indent
            let total = DiffView.lineCount(runs: runs, mode: model.mode, width: width)
            let first = min(skip, total)
            skip -= first
            let height = min(bottom - row, total - first)
            if height > 0 {
                DiffView.render(runs: runs, mode: model.mode, into: &grid, row: row, column: r.column + DialogueLayout.indent,
                                width: width, height: height, scrollTop: first)
                row += height
            }
            if row < bottom && skip == 0 { row += 1 } else if skip > 0 { skip -= 1 }
        }
    }
}
