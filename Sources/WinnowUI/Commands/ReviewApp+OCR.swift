import WinnowCore

/// The OCR pane, the quote check and the editor's OCR key (docs/ocr.md).
extension ReviewApp {
    // MARK: - The image and its lines

    /// The sample the OCR pane is about: the one being edited, else the current one.
    var ocrSampleIndex: Int? {
        if case .editing(let editing) = state.mode { return editing.sampleIndex }
        return state.currentIndex
    }

    /// Whether the OCR pane takes room on the screen now.
    var ocrPaneShown: Bool { state.ocr.showPane && ocrProvider != nil }

    /// The file of the image shown for sample `index` (the chosen one of several), if it exists.
    func ocrImagePath(sampleIndex index: Int) -> String? {
        let facts = facts(at: index)
        guard let sample = facts.decoded, let chosen = chosenImage(of: sample) else { return nil }
        let resolved = facts.images(imageResolver)
        guard resolved.indices.contains(chosen), resolved[chosen].exists else { return nil }
        return resolved[chosen].path
    }

    /// What is known of the text of `path`, asking the provider when nothing is: the cache
    /// always, the engine only while the pane is shown (reading costs seconds of CPU).
    func ocrStatus(_ path: String) -> OCRImageStatus? {
        if let provider = ocrProvider { ocrResults.ensure(path, read: ocrPaneShown, provider: provider) }
        return ocrResults.status(path)
    }

    /// The lines of the image of sample `index`, in reading order (nil while unknown).
    func ocrLines(sampleIndex index: Int) -> [OCRLine]? {
        guard let path = ocrImagePath(sampleIndex: index), let page = ocrStatus(path)?.page, page.error == nil else {
            return nil
        }
        return page.lines
    }

    /// The current sample's quotes checked against its image's lines.
    func quoteCheck(sampleIndex index: Int) -> OCRQuoteCheck? {
        guard ocrProvider != nil, let sample = facts(at: index).decoded, let path = ocrImagePath(sampleIndex: index),
              ocrStatus(path) != nil else { return nil }
        return ocrResults.check(turns: sample.turns, path: path)
    }

    /// The selected line of the image at `path`: the reviewer's choice in it, else the line
    /// the sample's first doubtful quote matches (so `O` opens on the line that fixes it, and
    /// the editor's key puts in that line), else the first.
    func selectedOCRLine(sampleIndex index: Int, path: String) -> Int {
        if state.ocr.selectionPath == path { return state.ocr.selectedLine }
        guard let check = quoteCheck(sampleIndex: index), let focus = check.defaultFocus,
              check.matches.indices.contains(focus) else { return 0 }
        return check.matches[focus].lineIndices.first ?? 0
    }

    // MARK: - Background results

    /// Takes the provider's events: a result for the image on screen redraws (and a give-up
    /// is said on the message row); once it is settled, the next sample's image is read
    /// ahead while the pane is shown. Returns whether to redraw.
    func ocrTick() -> Bool {
        guard let provider = ocrProvider else { return false }
        let current = ocrSampleIndex.flatMap { ocrImagePath(sampleIndex: $0) }
        var redraw = false
        for event in provider.takeEvents() {
            let changed = ocrResults.apply(event)
            // Only the image on screen needs a frame: a result read ahead lands silently.
            guard changed, event.path == current else { continue }
            redraw = true
            if case .finished(_, let page) = event, let error = page.error {
                let note = OCRNote.gaveUp(image: PathText.lastComponent(event.path), reason: error)
                if case .editing(var editing) = state.mode, var session = editing.session {
                    session.message = note.text
                    editing.session = session
                    state.mode = .editing(editing)
                } else {
                    state.message = .error(.ocr(note))
                }
            }
        }
        if ocrPaneShown, let current {
            switch ocrStatus(current) {
            case .done?, .unavailable?:
                if let position = state.visible.position(of: ocrSampleIndex ?? -1),
                   let next = state.visible[position + 1], let path = ocrImagePath(sampleIndex: next) {
                    ocrResults.ensure(path, read: true, provider: provider)
                }
            case nil, .asked?, .notCached?, .reading?:
                break
            }
        }
        return redraw
    }

    // MARK: - Commands

    /// `toggle-ocr`: shows or hides the pane (reading and editing).
    func toggleOCRPane() -> Effect? {
        switch state.mode {
        case .reading, .editing: break
        case .prompt, .reasonPicker, .help: return nil
        }
        guard ocrProvider != nil else {
            say(.unavailable)
            return .redraw
        }
        state.ocr.showPane.toggle()
        say(state.ocr.showPane ? .paneOn : .paneHidden)
        if case .editing = state.mode { fitEditor() } else { state.scroll = clampedDialogueScroll(state.scroll) }
        return .redraw
    }

    /// `ocr-line-next` / `ocr-line-prev`: moves the selected line (showing the pane).
    func moveOCRSelection(by delta: Int) -> Effect? {
        switch state.mode {
        case .reading, .editing: break
        case .prompt, .reasonPicker, .help: return nil
        }
        guard ocrProvider != nil else { say(.unavailable); return .redraw }
        if !state.ocr.showPane {
            state.ocr.showPane = true
            if case .editing = state.mode { fitEditor() }
        }
        guard let index = ocrSampleIndex, let path = ocrImagePath(sampleIndex: index) else { say(.noImage); return .redraw }
        guard let lines = ocrLines(sampleIndex: index) else { say(whyNoLines(path)); return .redraw }
        guard !lines.isEmpty else { say(.noLines); return .redraw }
        let now = min(selectedOCRLine(sampleIndex: index, path: path), lines.count - 1)
        state.ocr.selectionPath = path
        state.ocr.selectedLine = min(max(0, now + delta), lines.count - 1)
        return .redraw
    }

    /// `quote-next` / `quote-prev`: focuses another quote of the sample, scrolls the dialogue
    /// to it and selects the OCR line it matches.
    func moveQuoteFocus(by delta: Int) -> Effect {
        guard let index = state.currentIndex, let sample = facts(at: index).decoded else { return .redraw }
        let phrases = sample.turns.enumerated().flatMap { QuotedPhrase.find(in: $0.element.text, turn: $0.offset) }
        guard !phrases.isEmpty else { say(.noQuotes); return .redraw }
        let check = quoteCheck(sampleIndex: index)
        let start = state.ocr.focusedQuote(in: index) ?? check?.defaultFocus
        let focus = start.map { ($0 + delta + phrases.count) % phrases.count } ?? (delta > 0 ? 0 : phrases.count - 1)
        state.ocr.focusSample = index
        state.ocr.focusedQuote = focus
        if let check, check.matches.indices.contains(focus), let line = check.matches[focus].lineIndices.first,
           let path = ocrImagePath(sampleIndex: index) {
            state.ocr.selectionPath = path
            state.ocr.selectedLine = line
        }
        scrollDialogue(toTurn: phrases[focus].turn, character: phrases[focus].start, in: sample)
        return .redraw
    }

    /// Scrolls so that character `offset` of turn `turn` is on screen (a third from the top
    /// when it was not).
    private func scrollDialogue(toTurn turn: Int, character offset: Int, in sample: Sample) {
        guard sample.turns.indices.contains(turn), state.diffMode == nil || journal?.review(at: sample.index).edit == nil else {
            return
        }
        let text = sample.turns[turn].text
        guard let target = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) else { return }
        let layout = cache.layout(for: sample, width: dialogueWidth)
        var n = 0
        while true {
            layout.ensure(through: n + 512)
            let lines = layout.wrapped
            guard n < lines.count else { return }
            if case .text(let t, let range) = lines[n], t == turn, range.contains(target) || range.upperBound == target {
                break
            }
            n += 1
        }
        let rows = dialogueRows
        if n < state.scroll || n >= state.scroll + rows {
            state.scroll = clampedDialogueScroll(n - rows / 3)
        }
    }

    /// `editor-insert-ocr`: the selected OCR line replaces the quote at the cursor, or goes
    /// in at the cursor.
    func insertOCRLine() -> Effect? {
        guard case .editing(var editing) = state.mode, var session = editing.session else { return nil }
        let note: OCRNote?
        if ocrProvider == nil {
            note = .unavailable
        } else if let path = ocrImagePath(sampleIndex: editing.sampleIndex) {
            if let lines = ocrLines(sampleIndex: editing.sampleIndex) {
                if lines.isEmpty {
                    note = .noLines
                } else {
                    let line = lines[min(selectedOCRLine(sampleIndex: editing.sampleIndex, path: path), lines.count - 1)].text
                    let cleaned = EditorSession.cleanOCRText(line)
                    if let old = session.insertOCRLine(line) {
                        note = .replacedQuote(old: old.text, new: cleaned)
                    } else {
                        note = .inserted(cleaned)
                    }
                }
            } else {
                note = whyNoLines(path)
            }
        } else {
            note = .noImage
        }
        session.message = note?.text
        editing.session = session
        state.mode = .editing(editing)
        fitEditor()
        return .redraw
    }

    /// Why the image at `path` has no lines to use yet.
    private func whyNoLines(_ path: String) -> OCRNote {
        switch ocrResults.status(path) {
        case .done(let page)?:
            return .gaveUp(image: PathText.lastComponent(path), reason: page.error ?? "no text")
        case .unavailable(let reason)?:
            return .gaveUp(image: PathText.lastComponent(path), reason: reason)
        case nil, .asked?, .notCached?, .reading?:
            return .reading
        }
    }

    /// Says something on the editor's status line while editing, else on the message row.
    private func say(_ note: OCRNote) {
        if case .editing(var editing) = state.mode, var session = editing.session {
            session.message = note.text
            editing.session = session
            state.mode = .editing(editing)
        } else {
            state.message = .info(.ocr(note))
        }
    }
}
