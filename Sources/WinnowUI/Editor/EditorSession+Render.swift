import WinnowCore

extension EditorSession {
    /// Styles of the editing screen; attributes carry the meaning so monochrome works.
    public struct Styles: Sendable {
        public var header = CellStyle(attributes: [.reverse, .bold])
        public var text = CellStyle.plain
        public var status = CellStyle(attributes: [.reverse])
        /// What the status line says when there is no message (the app fills in the keys
        /// from the active keymap).
        public var hint = "ctrl-s save · esc close · ctrl-e $EDITOR · alt-↑/↓ turn"
        public init() {}
    }

    /// Fits the session to a rectangle: re-wraps to its width (the reading view's width, so
    /// lines break where they did while reading) and scrolls so the cursor stays visible.
    /// The first row is a header and the last a status line.
    public mutating func fit(width: Int, height: Int) {
        let textHeight = max(1, height - 2)
        setLayout(wrapWidth: max(2, width), pageHeight: textHeight)
        let e = editor
        scrollTop = EditorView.scrollTop(scrollTop, cursorRow: e.cursorPosition.row,
                                         height: textHeight, lineCount: e.lineCount)
    }

    /// Draws the header, the text and the status line into the rectangle; sets the grid's
    /// cursor to the insertion point (or to the prompt while a question is pending).
    public func render(into grid: inout ScreenGrid, row: Int, column: Int, width: Int,
                       height: Int, textIndent: Int = 0, styles: Styles = Styles()) {
        guard width > 0, height > 0 else { return }
        let role = turns[turnIndex].roleName
        var header = " Editing sample \(sampleIndex) · turn \(turnIndex + 1)/\(turns.count) (\(role))"
        if isDirty { header += " · modified" }
        EditorSession.drawLine(header, into: &grid, row: row, column: column, width: width, style: styles.header)
        if height >= 3 {
            let indent = max(0, min(textIndent, width - 1))
            grid.fill(row: row + 1, column: column, width: indent, height: height - 2, style: styles.text)
            EditorView.render(editor, scrollTop: scrollTop, into: &grid, row: row + 1, column: column + indent,
                              width: width - indent, height: height - 2, style: styles.text)
        }
        let status = pending?.prompt ?? message ?? styles.hint
        EditorSession.drawLine(" " + status, into: &grid, row: row + height - 1, column: column,
                               width: width, style: styles.status)
        if pending != nil {
            let promptWidth = min(width - 1, 1 + DisplayWidth.of(status))
            grid.cursor = CursorPosition(row: row + height - 1, column: column + max(0, promptWidth))
        }
    }

    /// Draws one line of text clipped to `width`, control characters made visible.
    static func drawLine(_ text: String, into grid: inout ScreenGrid, row: Int, column: Int,
                         width: Int, style: CellStyle) {
        grid.fill(row: row, column: column, width: width, height: 1, style: style)
        var x = 0
        for c in text {
            let w = DisplayWidth.of(c)
            if x + w > width { break }
            x += EditorGlyph.draw(c, into: &grid, row: row, column: column + x, style: style)
        }
    }
}
