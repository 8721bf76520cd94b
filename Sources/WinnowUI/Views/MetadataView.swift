import WinnowCore

/// The metadata pane: one row per field stacked above the dialogue, or wrapped values in
/// the side pane.
struct MetadataView {
    let lines: [MetadataLine]
    let sideBySide: Bool
    /// The key that shows more (for the "… +N" hint).
    let moreKey: String
    let theme: Theme

    func render(into grid: inout ScreenGrid, _ r: Rect) {
        var row = r.row
        let end = r.row + r.height
        if sideBySide {
            grid.write(" metadata", row: row, column: r.column, maxWidth: r.width, style: theme.label)
            row += 1
        }
        for (n, line) in lines.enumerated() {
            guard row < end else { break }
            if sideBySide, row == end - 1, n < lines.count - 1 {
                grid.write("… +\(lines.count - n) more", row: row, column: r.column + 1, style: theme.dim)
                break
            }
            let labelText = line.label + ": "
            let lw = grid.write(labelText, row: row, column: r.column + 1, maxWidth: min(r.width - 2, 18),
                                style: line.isProblem ? theme.error : line.isWarning ? theme.warning : theme.label)
            let valueWidth = r.width - 1 - lw
            if sideBySide {
                // Wrap values in the side pane; the stacked layout gives one row per field.
                let wrapped = TextWrapper.wrap(line.value, width: max(4, valueWidth))
                for (i, w) in wrapped.enumerated() {
                    guard row < end else { break }
                    if i > 0 && row + 1 >= end && i < wrapped.count - 1 {
                        grid.write("…", row: row, column: r.column + 1 + lw, style: theme.dim)
                        row += 1
                        break
                    }
                    grid.write(line.value[w.range], row: row, column: r.column + 1 + lw, maxWidth: valueWidth)
                    row += 1
                }
            } else {
                grid.writeTruncated(line.value, row: row, column: r.column + 1 + lw, maxWidth: valueWidth)
                row += 1
            }
        }
        if !sideBySide, lines.count > r.height, r.height > 0 {
            let more = "… +\(lines.count - r.height) (\(moreKey) shows)"
            let w = DisplayWidth.of(more)
            grid.clearRow(r.row + r.height - 1, from: max(0, r.width - w - 1), width: w + 1)
            grid.write(more, row: r.row + r.height - 1, column: max(0, r.width - w), style: theme.dim)
        }
    }
}
