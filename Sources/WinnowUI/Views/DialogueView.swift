import WinnowCore

/// The dialogue pane: a title with the position, the wrapped turns from the scroll position
/// (role labels, image tokens, Markdown emphasis and search matches styled) and a scroll bar.
struct DialogueView {
    let model: DialogueModel
    let theme: Theme

    /// A message in place of a sample.
    static func renderMessage(_ text: String, theme: Theme, into grid: inout ScreenGrid, _ r: Rect) {
        guard r.height >= 2 else { return }
        for (i, w) in TextWrapper.wrap(text, width: max(4, r.width - 1)).enumerated() where i < r.height {
            grid.write(text[w.range], row: r.row + i, column: r.column + 1, style: theme.error)
        }
    }

    func roleStyle(_ role: Role) -> CellStyle {
        switch role {
        case .human: return theme.humanRole
        case .gpt: return theme.gptRole
        case .system, .other: return theme.otherRole
        }
    }

    func render(into grid: inout ScreenGrid, _ r: Rect) {
        guard r.height >= 2 else { return }
        let textWidth = max(4, r.width - 1)   // last column: scroll bar
        let sample = model.sample
        let layout = model.layout
        let rows = r.height - 1   // first row: title with position indicator
        let lineCount = model.lineCount
        let maxScroll = max(0, lineCount - rows)
        let top = min(model.scroll, maxScroll)
        let last = min(lineCount, top + rows, layout.wrapped.count)
        let where_ = lineCount <= rows ? "all" : top == 0 ? "top" : last >= lineCount ? "end" : "\(top * 100 / maxScroll)%"
        // "~": the rest of a long turn is not wrapped yet, so the total is an estimate.
        let total = model.lineCountIsExact ? "\(lineCount)" : "~\(lineCount)"
        let title = " dialogue · lines \(top + 1)-\(last) of \(total) · \(where_) "
        grid.write(title, row: r.row, column: r.column, maxWidth: r.width, style: theme.label)
        if sample.turns.isEmpty {
            grid.write("(no turns: the conversation is empty)", row: r.row + 1, column: r.column + DialogueLayout.indent,
                       maxWidth: textWidth - DialogueLayout.indent, style: theme.error)
            return
        }
        let phrase = model.searchPhrase
        let currentMatch = phrase.flatMap { p in model.searchMatch.flatMap { layout.match($0, of: p, in: sample) } }
        for n in top..<max(top, last) {
            let row = r.row + 1 + (n - top)
            switch layout.wrapped[n] {
            case .blank: break
            case .label(let t):
                guard sample.turns.indices.contains(t) else { break }
                let turn = sample.turns[t]
                var col = grid.write("▍\(turn.roleName)", row: row, column: r.column, maxWidth: textWidth, style: roleStyle(turn.role))
                let chars = model.charCounts.indices.contains(t) ? model.charCounts[t] : 0
                col += grid.write("  turn \(t + 1)/\(sample.turns.count) · \(chars) chars", row: row,
                                  column: r.column + col, maxWidth: textWidth - col, style: theme.dim)
            case .text(let t, let range):
                guard sample.turns.indices.contains(t) else { break }
                let text = sample.turns[t].text
                if range.lowerBound == text.startIndex, text.isEmpty || text.allSatisfy(\.isWhitespace) {
                    // Otherwise an empty answer is just a gap between two labels.
                    grid.write(text.isEmpty ? "(empty)" : "(only whitespace)", row: row,
                               column: r.column + DialogueLayout.indent, style: theme.error)
                    break
                }
                var spans: [StyledSpan] = []
                if let emphasis = layout.emphasis(turn: t) {
                    for m in emphasis.strong where m.overlaps(range) {
                        spans.append(StyledSpan(range: m, style: CellStyle(attributes: .bold)))
                    }
                    for m in emphasis.markup where m.overlaps(range) {
                        spans.append(StyledSpan(range: m, style: theme.dim))
                    }
                }
                for m in layout.imageMarkers(turn: t) where m.overlaps(range) {
                    spans.append(StyledSpan(range: m, style: theme.imageMarker))
                }
                spans += quoteSpans(turn: t, line: range)
                if let phrase, !phrase.isEmpty {
                    for m in layout.matches(of: phrase, turn: t, in: sample) {
                        if m.lowerBound >= range.upperBound { break }
                        if m.overlaps(range) {
                            let isCurrent = currentMatch.map { $0.turn == t && $0.range == m } ?? false
                            spans.append(StyledSpan(range: m, style: isCurrent ? theme.currentMatch : theme.match))
                        }
                    }
                }
                grid.write(text[range], row: row, column: r.column + DialogueLayout.indent,
                           maxWidth: textWidth - DialogueLayout.indent, spans: spans, tabStops: true)
            }
        }
        // Scroll bar in the last column.
        if lineCount > rows {
            let thumb = max(1, rows * rows / lineCount)
            let thumbTop = maxScroll == 0 ? 0 : (rows - thumb) * top / maxScroll
            for i in 0..<rows {
                let on = i >= thumbTop && i < thumbTop + thumb
                grid.put(on ? "┃" : "│", width: 1, row: r.row + 1 + i, column: r.column + r.width - 1,
                         style: on ? theme.label : theme.border)
            }
        }
    }
}
