import WinnowCore

extension ReviewApp {
    /// `show-where`: zooms the image to the box of the OCR line a quote of the dialogue
    /// matches, so the sign fills the pane. While editing: the quote under the cursor (else
    /// the nearest one in the turn); while reading: the first quote from the turn at the top
    /// of the pane, then each further press the next one.
    func showWhere() -> Effect {
        guard let shown = shownImage() else {
            state.message = .info(.imageView(.noImageShown))
            return .redraw
        }
        guard let size = pixelSize(shown) else {
            state.message = .info(.imageView(.noImageSize))
            return .redraw
        }
        guard let lines = ocrLines?.lines(forImageAt: shown.path), !lines.isEmpty else {
            state.message = .info(.imageView(.noOCR(reference: shown.reference)))
            return .redraw
        }
        let (turns, anchor) = whereTurns(shown)
        let quotes = turns.enumerated().reduce(0) { $0 + QuotedPhrase.find(in: $1.element, turn: $1.offset).count }
        let matches = QuoteMatcher().matches(turns: turns, lines: lines).filter { $0.status != .notFound && $0.box != nil }
        guard !matches.isEmpty else {
            state.message = .info(.imageView(.noQuoteMatched(quotes: quotes)))
            return .redraw
        }
        let pick = Self.whereChoice(matches.map(\.phrase), anchor: anchor,
                                    last: state.imageView.lastWhere.flatMap { $0.sample == shown.sample ? $0.quote : nil })
        let match = matches[pick]
        guard let box = match.box else { return .redraw }
        if !state.imageView.fullView, screenLayout()?.image == nil { showPaneAnywhere() }
        let area = zoomArea
        let viewport = ImageViewport.showing(box: PixelRegion(x: box.x, y: box.y, width: box.width, height: box.height),
                                             imageWidth: size.width, imageHeight: size.height,
                                             columns: area.columns, rows: area.rows)
        state.imageView.zoom = ImageZoom(sample: shown.sample, image: shown.image, viewport: viewport)
        state.imageView.lastWhere = WhereStep(sample: shown.sample, quote: pick)
        state.message = .info(.imageView(.showing(quote: match.phrase.text, status: match.status, number: pick + 1,
                                                  of: matches.count, zoom: viewport.zoom)))
        return .redraw
    }

    /// Where to look for quotes: the dialogue's turns (while editing with the drafts typed so
    /// far), and the turn and character the choice starts from.
    private func whereTurns(_ shown: ShownImage) -> ([String], WhereAnchor) {
        if case .editing(let editing) = state.mode, let session = editing.session {
            var turns = session.turns.map(\.text)
            for (i, text) in session.changedTurns where turns.indices.contains(i) { turns[i] = text }
            let editor = session.editor
            if turns.indices.contains(session.turnIndex) { turns[session.turnIndex] = editor.text }
            let text = editor.text
            let utf8 = text.utf8
            let offset = min(max(0, editor.cursor), utf8.count)
            let cursorIndex = utf8.index(utf8.startIndex, offsetBy: offset)
            let characters = text.distance(from: text.startIndex, to: cursorIndex)
            return (turns, WhereAnchor(turn: session.turnIndex, character: characters))
        }
        guard case .success(let sample) = decodedSample(at: shown.sample) else { return ([], WhereAnchor(turn: 0, character: nil)) }
        return (sample.turns.map(\.text), WhereAnchor(turn: topTurn(in: sample), character: nil))
    }

    /// Which of the matched quotes (in dialogue order) to show: after `last`, the next one;
    /// else the one under the anchor's character, else the first at or after the anchor.
    static func whereChoice(_ phrases: [QuotedPhrase], anchor: WhereAnchor, last: Int?) -> Int {
        guard !phrases.isEmpty else { return 0 }
        if anchor.character == nil, let last, last >= 0 { return (last + 1) % phrases.count }
        if let c = anchor.character,
           let under = phrases.firstIndex(where: { $0.turn == anchor.turn && c >= $0.start - 1 && c <= $0.start + $0.length + 1 }) {
            return under
        }
        if let c = anchor.character,
           let after = phrases.firstIndex(where: { $0.turn == anchor.turn && $0.start >= c }) {
            return after
        }
        if let inTurn = phrases.firstIndex(where: { $0.turn == anchor.turn }) { return inTurn }
        return phrases.firstIndex { $0.turn > anchor.turn } ?? 0
    }
}

/// Where `show-where` starts looking: a turn and, while editing, the cursor's character.
struct WhereAnchor: Equatable {
    var turn: Int
    var character: Int?
}
