import WinnowCore

extension DialogueView {
    /// Quotes the image does not confirm, on one screen line of turn `turn`: near ones in the
    /// warning style, not-found ones in the error style and italic, both underlined (so they
    /// survive monochrome); the one the OCR pane shows is reversed too.
    func quoteSpans(turn: Int, line: Range<String.Index>) -> [StyledSpan] {
        guard let quotes = model.quotes else { return [] }
        var spans: [StyledSpan] = []
        for h in quotes.highlights(turn: turn) where h.range.overlaps(line) {
            var style = h.status == .near ? theme.warning : theme.error
            style.attributes.formUnion(h.status == .near ? .underline : [.underline, .italic])
            if h.index == model.focusedQuote { style.attributes.formUnion(.reverse) }
            spans.append(StyledSpan(range: h.range, style: style))
        }
        return spans
    }
}
