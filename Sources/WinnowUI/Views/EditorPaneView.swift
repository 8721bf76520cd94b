import WinnowCore

/// The turn editor, with the end of the turn before it above and the start of the turn
/// after it below, and the image pane when it is on.
struct EditorPaneView {
    let model: EditorPaneModel
    let theme: Theme

    func render(into grid: inout ScreenGrid, _ body: Rect) {
        if let (image, r) = model.image { ImagePaneView(model: image, theme: theme).render(into: &grid, r) }
        let areas = model.areas ?? EditorAreas(editor: body)
        if let session = model.session {
            if let r = areas.before, session.turns.indices.contains(session.turnIndex - 1) {
                renderContext(session.turns[session.turnIndex - 1], number: session.turnIndex, count: session.turns.count,
                              tail: true, into: &grid, r)
            }
            if let r = areas.after, session.turns.indices.contains(session.turnIndex + 1) {
                renderContext(session.turns[session.turnIndex + 1], number: session.turnIndex + 2, count: session.turns.count,
                              tail: false, into: &grid, r)
            }
        }
        let r = areas.editor
        model.session?.render(into: &grid, row: r.row, column: r.column, width: r.width, height: r.height,
                              textIndent: model.textIndent, styles: model.styles)
    }

    /// A neighbouring turn, read-only: its label, then its last lines (`tail`, the turn
    /// before) or its first lines (the turn after), wrapped like the reading view.
    private func renderContext(_ turn: Turn, number: Int, count: Int, tail: Bool, into grid: inout ScreenGrid, _ r: Rect) {
        guard r.height >= 1, r.width > DialogueLayout.indent + 2 else { return }
        grid.write("▍\(turn.roleName)  turn \(number)/\(count)", row: r.row, column: r.column, maxWidth: r.width,
                   style: model.labelStyle)
        let rows = r.height - 1
        guard rows > 0 else { return }
        let width = r.width - DialogueLayout.indent - 1
        let text = turn.text
        // Only as much text as the rows can show is wrapped: a 200,000-character neighbour
        // costs no more than a short one.
        let budget = rows * max(1, width) * 2
        let piece = String(tail ? text.suffix(budget) : text.prefix(budget))
        let lines = TextWrapper.wrap(piece, width: width)
        let shown = tail ? Array(lines.suffix(rows)) : Array(lines.prefix(rows))
        for (i, line) in shown.enumerated() {
            grid.write(piece[line.range], row: r.row + 1 + i, column: r.column + DialogueLayout.indent,
                       maxWidth: width, style: model.contextStyle)
        }
    }
}

/// Where the editor and the turns around the edited one go in the editor's rectangle.
struct EditorAreas: Equatable {
    var before: Rect?
    var editor: Rect
    var after: Rect?

    init(before: Rect? = nil, editor: Rect, after: Rect? = nil) {
        self.before = before
        self.editor = editor
        self.after = after
    }

    /// Up to five rows for each neighbouring turn (label and text), when the editor keeps at
    /// least eight rows (header, six lines, status).
    static func make(in r: Rect, session: EditorSession?) -> EditorAreas {
        guard let session else { return EditorAreas(editor: r) }
        let rows = max(0, min(5, (r.height - 8) / 2))
        guard rows >= 2 else { return EditorAreas(editor: r) }
        let hasBefore = session.turnIndex > 0
        let hasAfter = session.turnIndex + 1 < session.turns.count
        var editor = r
        var before: Rect?
        var after: Rect?
        if hasBefore {
            before = Rect(row: r.row, column: r.column, width: r.width, height: rows)
            editor.row += rows
            editor.height -= rows
        }
        if hasAfter {
            after = Rect(row: r.row + r.height - rows, column: r.column, width: r.width, height: rows)
            editor.height -= rows
        }
        return EditorAreas(before: before, editor: editor, after: after)
    }
}
