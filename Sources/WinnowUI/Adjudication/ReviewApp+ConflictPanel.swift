import WinnowCore

extension ReviewApp {
    /// The panel's lines for sample `index` at `width` columns: every reviewer's side
    /// (decision, reasons, time, note), their edits as grapheme diffs against the dataset's
    /// text, and the edits against each other. Cached per (sample, width).
    func conflictPanelLines(index: Int, width: Int) -> [ConflictPanelLine] {
        guard let adjudication, let conflict = adjudication.conflict(at: index) else { return [] }
        let key = AdjudicationContext.PanelKey(index: index, width: width)
        if let lines = adjudication.panelCache[key] { return lines }
        let original: [Turn]? = if case .success(let s) = source.sample(at: index) { s.turns } else { nil }
        let lines = ConflictPanelBuilder(conflict: conflict, original: original, width: width).build()
        // A few conflicts are in view at a time; keep the cache from growing with resizes.
        if adjudication.panelCache.count > 64 { adjudication.panelCache.removeAll() }
        adjudication.panelCache[key] = lines
        return lines
    }

    /// The panel for the current sample, or nil when there is none (not adjudicating, hidden,
    /// or not a conflict).
    func conflictPanelModel(height: Int, width: Int) -> ConflictPanelModel? {
        guard let adjudication, state.panel.size != .hidden, let index = state.currentIndex,
              let conflict = adjudication.conflict(at: index) else { return nil }
        let lines = conflictPanelLines(index: index, width: width)
        let rows = max(0, height - 2)
        let scroll = min(state.panel.scroll(for: index), max(0, lines.count - rows))
        // The ruling in force comes before the key hint, so that 80 columns keep it.
        var title: [ConflictPanelLine.Segment] = []
        if let m = conflict.majority {
            title.append(ConflictPanelLine.Segment(" majority ", .label))
            title.append(ConflictPanelLine.Segment(" \(m.description) ", .majority))
        } else {
            title.append(ConflictPanelLine.Segment(" no majority", .dim))
        }
        title.append(ConflictPanelLine.Segment(" · ", .label))
        title.append(contentsOf: rulingSegments(index: index))
        if conflict.majority != nil, let key = keymap.keys(for: .ruleMajority, in: .adjudicate).first.map(KeyName.format) {
            title.append(ConflictPanelLine.Segment(" · \(key) rules the majority", .dim))
        }
        var hint: [String] = []
        let more = lines.count - scroll - rows
        if more > 0 { hint.append("\(more) more ↓") }
        if let down = keymap.keys(for: .panelDown, in: .adjudicate).first, let up = keymap.keys(for: .panelUp, in: .adjudicate).first,
           lines.count > rows {
            hint.append("\(KeyName.format(down))/\(KeyName.format(up)) scroll")
        }
        if let size = keymap.keys(for: .togglePanel, in: .adjudicate).first { hint.append("\(KeyName.format(size)) size") }
        return ConflictPanelModel(title: title, lines: lines, scroll: scroll, hint: hint.joined(separator: " · "))
    }

    /// "ruled: accept (picked bob)", or "no ruling yet", from the adjudicator's journal now.
    private func rulingSegments(index: Int) -> [ConflictPanelLine.Segment] {
        guard let journal else { return [ConflictPanelLine.Segment("read-only", .dim)] }
        let review = journal.review(at: index)
        guard let label = ReviewerLabel(review, on: .reasons) else { return [ConflictPanelLine.Segment("no ruling yet", .dim)] }
        var text = "ruled: " + (review.status == .edited ? "edit" : label.description)
        if review.status != .edited, review.edit != nil { text += " + edit" }
        if let seq = review.sequence, let entry = journal.entries.last(where: { $0.sequence == seq }),
           let ruling = entry.ruling, let picked = ruling.picked {
            text += " (picked \(picked))"
        }
        return [ConflictPanelLine.Segment(text, label.verdict == .accept ? .accept : .reject)]
    }
}

/// Lays out one conflict's sides and diffs as panel lines.
struct ConflictPanelBuilder {
    let conflict: Adjudication.Conflict
    let original: [Turn]?
    let width: Int
    private var out: [ConflictPanelLine] = []

    init(conflict: Adjudication.Conflict, original: [Turn]?, width: Int) {
        self.conflict = conflict
        self.original = original
        self.width = max(8, width)
    }

    func build() -> [ConflictPanelLine] {
        var b = self
        b.layOut()
        return b.out
    }

    private mutating func layOut() {
        let nameWidth = min(16, conflict.sides.map { DisplayWidth.of($0.reviewer) }.max() ?? 0)
        for (n, side) in conflict.sides.enumerated() {
            var head: [ConflictPanelLine.Segment] = []
            let voted = side.label != nil && side.label == conflict.majority
            head.append(ConflictPanelLine.Segment(n < 9 ? " \(n + 1) " : "   ", .label))
            head.append(ConflictPanelLine.Segment(voted ? "●" : " ", voted ? .majority : .dim))
            let pad = String(repeating: " ", count: max(0, nameWidth - DisplayWidth.of(side.reviewer)))
            head.append(ConflictPanelLine.Segment(" \(side.reviewer)\(pad)  ", .label))
            let word: String
            switch side.review.status {
            case .accepted: word = "accept"
            case .edited: word = "edit"
            case .rejected: word = "reject"
            case .skipped: word = "skip"
            case .undecided: word = "undecided"
            }
            let tone: ConflictPanelLine.Tone = side.review.status == .rejected ? .reject
                : side.label == nil ? .dim : .accept
            head.append(ConflictPanelLine.Segment(word, tone))
            if !side.review.reasons.isEmpty {
                head.append(ConflictPanelLine.Segment(": " + side.review.reasons.joined(separator: ", "), tone))
            }
            if !side.time.isEmpty { head.append(ConflictPanelLine.Segment("  " + Self.shortTime(side.time), .dim)) }
            out.append(.text(head))
            if let note = side.review.note, !note.isEmpty { wrapped("note: " + note, indent: 6, tone: .plain) }
            for extra in side.review.notes where extra != side.review.note { wrapped("note: " + extra, indent: 6, tone: .dim) }
            if let edited = side.edited, let original {
                diffs(TurnDiff.diff(original, edited), indent: 6, what: "edited")
            }
        }
        // Edits against each other: every pair of sides that both edited, differently.
        let edited = conflict.sides.filter { $0.edited != nil }
        guard edited.count >= 2 else { return }
        for i in 0..<edited.count {
            for j in (i + 1)..<edited.count {
                guard let a = edited[i].edited, let b = edited[j].edited, a != b else { continue }
                out.append(.text([ConflictPanelLine.Segment(" \(edited[i].reviewer) → \(edited[j].reviewer)", .label),
                                    ConflictPanelLine.Segment("  (the second's edit against the first's)", .dim)]))
                diffs(TurnDiff.diff(a, b), indent: 6, what: "differs")
            }
        }
    }

    /// `2026-11-29 18:15:33` for the journal's `2026-11-29T18:15:33.158Z`; anything else as
    /// it is (a journal is untrusted: it is drawn sanitised either way).
    static func shortTime(_ time: String) -> String {
        let chars = Array(time)
        guard chars.count >= 19, chars[10] == "T", chars[4] == "-", chars[13] == ":" else { return time }
        return String(chars[0..<10]) + " " + String(chars[11..<19])
    }

    /// A label and the wrapped diff of each changed turn.
    private mutating func diffs(_ changes: [TurnDiff.Change], indent: Int, what: String) {
        for change in changes {
            let label: String, runs: [DiffRun]
            switch change {
            case .changed(let o, let n, let role, let r):
                label = "▍\(role)  turn \(o + 1)\(o == n ? "" : " → \(n + 1)") · \(what)"
                runs = r
            case .deleted(let o, let turn):
                label = "▍\(turn.roleName)  turn \(o + 1) · deleted"
                runs = [DiffRun(.delete, turn.text)]
            case .inserted(let n, let turn):
                label = "▍\(turn.roleName)  turn \(n + 1) · added"
                runs = [DiffRun(.insert, turn.text)]
            }
            out.append(.text([ConflictPanelLine.Segment(String(repeating: " ", count: indent - 2) + label, .dim)]))
            for line in DiffView.lines(runs, width: max(4, width - indent)) {
                out.append(.diff(indent: indent, cells: line.map { ConflictPanelLine.DiffCell(character: $0.character, kind: $0.kind) }))
            }
        }
    }

    /// `text` wrapped by display columns (CJK breaks anywhere), `indent` columns in.
    private mutating func wrapped(_ text: String, indent: Int, tone: ConflictPanelLine.Tone) {
        let pad = String(repeating: " ", count: indent)
        for line in TextWrapper.wrap(text, width: max(4, width - indent)) {
            out.append(.text([ConflictPanelLine.Segment(pad + String(text[line.range]), tone)]))
        }
    }
}
