/// The notice below the smallest usable size: short lines, so that even a 20x5 pane says
/// how to get out.
struct TooSmallView {
    let lines: [String]
    let style: CellStyle

    func render(into grid: inout ScreenGrid) {
        for (i, line) in lines.enumerated() where i < grid.height {
            grid.writeTruncated(line, row: i, column: 0, maxWidth: grid.width, style: style)
        }
    }
}
