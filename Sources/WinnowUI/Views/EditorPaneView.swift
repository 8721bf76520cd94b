/// The turn editor filling the body.
struct EditorPaneView {
    let model: EditorPaneModel

    func render(into grid: inout ScreenGrid, _ r: Rect) {
        model.session?.render(into: &grid, row: r.row, column: r.column, width: r.width, height: r.height,
                              textIndent: model.textIndent, styles: model.styles)
    }
}
