import WinnowCore

/// The OCR pane: a title row, the image's lines in reading order (confidence shaded, the
/// selected one marked `▸` and reversed), and at the bottom the quote in focus: found, not
/// found, or near with the quote and the image's text one above the other, the differing
/// characters marked. Renders into any rectangle; draws nothing it has no room for.
struct OCRPaneView {
    let model: OCRPaneModel
    let theme: Theme

    /// Confidence at or above this is drawn plain: it is the matcher's bar for a line that
    /// may contradict a quote (`QuoteMatcher.minNearConfidence`).
    static let highConfidence = 88.0
    /// Below this a line is drawn dim and italic: likely noise.
    static let lowConfidence = 60.0

    func confidenceStyle(_ confidence: Double) -> CellStyle {
        if confidence >= Self.highConfidence { return .plain }
        if confidence >= Self.lowConfidence { return theme.dim }
        var style = theme.dim
        style.attributes.formUnion(.italic)
        return style
    }

    func statusStyle(_ status: QuoteMatch.Status) -> CellStyle {
        switch status {
        case .found: return theme.message
        case .near: return theme.warning
        case .notFound: return theme.error
        }
    }

    /// The column between the main content and a pane beside it (none when it is below).
    static func renderSeparator(left pane: Rect, of main: Rect, into grid: inout ScreenGrid, theme: Theme) {
        guard pane.row == main.row, pane.column > main.column + main.width else { return }
        for row in pane.row..<(pane.row + pane.height) {
            grid.put("│", width: 1, row: row, column: pane.column - 1, style: theme.border)
        }
    }

    func render(into grid: inout ScreenGrid, _ r: Rect) {
        guard r.height >= 1, r.width >= 4 else { return }
        grid.fill(row: r.row, column: r.column, width: r.width, height: r.height, style: .plain)
        grid.writeTruncated(model.title, row: r.row, column: r.column, maxWidth: r.width, style: theme.label)
        guard r.height >= 2 else { return }
        let lineCount: Int
        switch model.content {
        case .lines(let lines): lineCount = max(1, lines.count)
        case .message: lineCount = 1
        }
        var quoteRows = 0
        if let quote = model.quote {
            // Near: the quote and the image's text one above the other when there is room
            // for them and for the lines (or three of them); else all on one row.
            let full = quote.match.status == .near ? 3 : 1
            quoteRows = r.height - 1 - full >= min(lineCount, 3) ? full : 1
            if r.height < 3 { quoteRows = 0 }
        }
        let listRows = min(r.height - 1 - quoteRows, lineCount)
        switch model.content {
        case .message(let text, let isError):
            grid.writeTruncated(text, row: r.row + 1, column: r.column + 1, maxWidth: r.width - 1,
                                style: isError ? theme.error : theme.dim)
        case .lines(let lines):
            renderLines(lines, into: &grid, Rect(row: r.row + 1, column: r.column, width: r.width, height: listRows))
        }
        if quoteRows > 0, let quote = model.quote {
            // Right under the lines (after a blank row when there is room), not at the far
            // bottom of a tall pane.
            let top = min(r.row + 1 + listRows + 1, r.row + r.height - quoteRows)
            renderQuote(quote, rows: quoteRows, into: &grid, Rect(row: top, column: r.column, width: r.width, height: quoteRows))
        }
    }

    private func renderLines(_ lines: [OCRLine], into grid: inout ScreenGrid, _ r: Rect) {
        guard r.height > 0 else { return }
        if lines.isEmpty {
            grid.write("(no text found in the image)", row: r.row, column: r.column + 2, maxWidth: r.width - 2, style: theme.dim)
            return
        }
        let selected = min(max(0, model.selected), lines.count - 1)
        // Keep the selected line in view, as low as the last row.
        let top = selected < r.height ? 0 : selected - r.height + 1
        let showConfidence = r.width >= 24
        for (n, i) in (top..<min(lines.count, top + r.height)).enumerated() {
            let line = lines[i]
            let row = r.row + n
            let isSelected = i == selected
            let confidence = String(Int(min(100, max(0, line.confidence.isFinite ? line.confidence : 0))))
            let textWidth = r.width - 2 - (showConfidence ? 4 : 0)
            var style = confidenceStyle(line.confidence)
            if isSelected { style.attributes.formUnion(theme.selection.attributes) }
            grid.put(isSelected ? "▸" : " ", width: 1, row: row, column: r.column, style: isSelected ? theme.label : .plain)
            grid.writeTruncated(line.text, row: row, column: r.column + 2, maxWidth: textWidth, style: style)
            if showConfidence {
                grid.write(confidence, row: row, column: r.column + r.width - confidence.count - 1, style: theme.dim)
            }
        }
    }

    private func renderQuote(_ quote: OCRPaneModel.Quote, rows: Int, into grid: inout ScreenGrid, _ r: Rect) {
        let m = quote.match
        let status: String
        switch m.status {
        case .found: status = "found"
        case .near: status = "near"
        case .notFound: status = "not found in the image"
        }
        var col = grid.write(" quote \(quote.number)/\(quote.count) ", row: r.row, column: r.column, maxWidth: r.width, style: theme.dim)
        col += grid.write(status, row: r.row, column: r.column + col, maxWidth: r.width - col, style: statusStyle(m.status))
        if m.status != .near {
            grid.writeTruncated(" “\(m.phrase.text)”", row: r.row, column: r.column + col, maxWidth: r.width - col)
            return
        }
        var styles = DiffView.Styles()
        styles.deleted = theme.error
        styles.inserted = theme.warning
        styles.inserted.attributes.formUnion(.underline)
        // Two rows (quote above image), or one: `quote → image` after the status.
        let places: [(row: Int, label: String)] = rows >= 3 ? [(r.row + 1, "  quote "), (r.row + 2, "  image ")]
            : [(r.row, " "), (r.row, " → ")]
        let keeps: [(DiffRun.Kind) -> Bool] = [{ $0 != .insert }, { $0 != .delete }]
        var c = rows >= 3 ? 0 : col
        for k in 0..<2 {
            let row = places[k].row
            if rows >= 3 { c = 0 }
            c += grid.write(places[k].label, row: row, column: r.column + c, maxWidth: r.width - c, style: theme.dim)
            var text = ""
            var spans: [(Range<Int>, DiffRun.Kind)] = []
            for run in m.diff where keeps[k](run.kind) {
                let start = text.count
                text += run.text
                spans.append((start..<text.count, run.kind))
            }
            var n = 0
            for ch in text {
                let kind = spans.first { $0.0.contains(n) }?.1 ?? .equal
                n += 1
                let used = grid.write(String(ch), row: row, column: r.column + c, maxWidth: r.width - c, style: styles.style(kind))
                if used == 0 { break }
                c += used
            }
        }
    }
}
