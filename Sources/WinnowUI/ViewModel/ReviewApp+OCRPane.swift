import WinnowCore

/// The OCR pane's place and content, for frames and keys alike.
extension ReviewApp {
    /// `layout` with the OCR pane cut from the dialogue's area while reading (the editor
    /// splits its own area: `editorAreas`).
    func withOCRPane(_ layout: ReviewLayout) -> ReviewLayout {
        guard ocrPaneShown, !isEditing, let split = SidePaneLayout.split(layout.dialogue, wantedRows: ocrWantedRows) else {
            return layout
        }
        var out = layout
        out.dialogue = split.main
        out.ocr = split.pane
        return out
    }

    private var isEditing: Bool {
        if case .editing = state.mode { return true }
        return false
    }

    /// Rows the pane would like for the sample on screen: title, its lines, the quote.
    var ocrWantedRows: Int {
        let lines = ocrSampleIndex.flatMap { ocrLines(sampleIndex: $0) }?.count ?? 1
        return 1 + max(1, lines) + 3
    }

    /// The editor's area and the OCR pane's, within the body.
    func editorAreas() -> (editor: Rect, ocr: Rect?) {
        let body = editorBody(screenLayout())
        guard ocrPaneShown, let split = SidePaneLayout.split(body, wantedRows: ocrWantedRows) else { return (body, nil) }
        return (split.main, split.pane)
    }

    /// The pane's content for the sample on screen (reading: the quote in focus; editing: the
    /// quote at the cursor).
    func ocrPaneModel() -> OCRPaneModel? {
        guard let index = ocrSampleIndex else { return nil }
        let keys = [keymap.hint(for: .ocrLinePrev, in: isEditing ? .editor : .review),
                    keymap.hint(for: .ocrLineNext, in: isEditing ? .editor : .review)].compactMap { $0 }
        var title = " OCR"
        guard let path = ocrImagePath(sampleIndex: index) else {
            return OCRPaneModel(title: title, content: .message("no image file to read", isError: false), selected: 0)
        }
        if let sample = facts(at: index).decoded, sample.images.count > 1, let chosen = chosenImage(of: sample) {
            title += " image \(chosen + 1)/\(sample.images.count)"
        }
        let content: OCRPaneModel.Content
        switch ocrStatus(path) {
        case nil, .asked?: content = .message("looking in the OCR cache…", isError: false)
        case .notCached?: content = .message("not in the OCR cache", isError: false)
        case .reading?: content = .message("reading the image…", isError: false)
        case .unavailable(let reason)?: content = .message(reason, isError: true)
        case .done(let page)?:
            if let error = page.error {
                content = .message(error, isError: true)
            } else {
                content = .lines(page.lines)
                title += " · \(page.lines.count) line\(page.lines.count == 1 ? "" : "s")"
                if keys.count == 2, page.lines.count > 1 { title += " · \(keys[0]) \(keys[1]) line" }
                if !isEditing, let key = keymap.hint(for: .quoteNext, in: .review) { title += " · \(key) quote" }
            }
        }
        var model = OCRPaneModel(title: title + " ", content: content, selected: selectedOCRLine(sampleIndex: index, path: path))
        model.quote = focusedQuote(sampleIndex: index)
        return model
    }

    /// The quote the pane compares: at the editor's cursor, or the reading view's focus.
    private func focusedQuote(sampleIndex index: Int) -> OCRPaneModel.Quote? {
        if case .editing(let editing) = state.mode {
            guard let session = editing.session, let quote = session.quoteAtCursor,
                  let lines = ocrLines(sampleIndex: index) else { return nil }
            let match = OCRQuoteCheck.matcher.match(quote.phrase, lines: lines)
            return OCRPaneModel.Quote(match: match, number: quote.ordinal + 1, count: quote.count)
        }
        guard let check = quoteCheck(sampleIndex: index),
              let focus = state.ocr.focusedQuote(in: index) ?? check.defaultFocus,
              check.matches.indices.contains(focus) else { return nil }
        return OCRPaneModel.Quote(match: check.matches[focus], number: focus + 1, count: check.matches.count)
    }
}
