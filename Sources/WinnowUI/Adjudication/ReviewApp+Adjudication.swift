import WinnowCore

/// The adjudication screen's commands: the review screen walking only the conflicts, where
/// every decision is journalled as a ruling (docs/teams.md).
extension ReviewApp {
    /// Runs `body` on the adjudication screen; elsewhere says the command belongs there.
    func adjudicating(_ body: () -> Effect) -> Effect {
        guard adjudication != nil else {
            state.message = .info(.adjudication(.onlyWhenAdjudicating))
            return .redraw
        }
        return body()
    }

    /// The command a key runs: on the adjudication screen while reading, the `adjudicate`
    /// context first, then `review` (and `global`); elsewhere the mode's own context.
    func command(for key: KeyPress) -> Command? {
        if adjudication != nil, case .reading = state.mode,
           let c = keymap.bindings[.adjudicate]?[key] {
            return c
        }
        return keymap.command(for: key, in: state.mode.keyContext)
    }

    /// Digits 1-9 on the adjudication screen take that reviewer's side (not rebindable: they
    /// follow the panel's numbering). nil: not a digit here.
    func adjudicationDigit(_ key: KeyPress) -> Effect? {
        guard adjudication != nil, case .reading = state.mode, case .character(let c) = key.base,
              !key.control, !key.alt, let digit = c.wholeNumberValue, digit >= 1, digit <= 9 else { return nil }
        guard !isReadOnly else {
            state.message = .error(.readOnly)
            return .redraw
        }
        return pick(side: digit)
    }

    /// Rules the majority label: a reject takes the majority's reasons (on `--on decision`,
    /// every reason the majority gave), an accept the majority's edit when they made the same
    /// one (different edits: pick one with a digit, or edit anew).
    func ruleMajority() -> Effect {
        guard !isReadOnly else {
            state.message = .error(.readOnly)
            return .redraw
        }
        guard let index = state.currentIndex, let conflict = adjudication?.conflict(at: index) else { return noSample() }
        guard let majority = conflict.majority else {
            state.message = .info(.adjudication(.noMajority(sides: conflict.sides.count)))
            return .redraw
        }
        let voters = conflict.sides.filter { $0.label == majority }
        let decision: Decision
        switch majority.verdict {
        case .reject:
            var reasons: [String] = []
            for v in voters { for r in v.review.reasons where !reasons.contains(r) { reasons.append(r) } }
            decision = .reject(reasons: reasons, note: nil)
        case .accept:
            let texts = Set(voters.map { $0.edited.map(EditAgreement.text) ?? "" })
            guard texts.count == 1, let first = voters.first else {
                state.message = .info(.adjudication(.majorityEditsDiffer))
                return .redraw
            }
            decision = first.review.edit.map { .edit($0, note: nil) } ?? .accept
        }
        adjudication?.pendingRuling = Ruling(basis: .decided)
        return decide(decision, at: index)
    }

    /// Takes side `number` (1-based, as the panel numbers them): that reviewer's label, reasons,
    /// note and edit, recorded as a ruling that names them.
    func pick(side number: Int) -> Effect {
        guard let index = state.currentIndex, let conflict = adjudication?.conflict(at: index) else { return noSample() }
        guard number >= 1, number <= conflict.sides.count else {
            state.message = .info(.adjudication(.noSuchSide(number, sides: conflict.sides.count)))
            return .redraw
        }
        let side = conflict.sides[number - 1]
        guard let decision = Adjudication.decision(taking: side.review) else {
            state.message = .info(.adjudication(.noJudgment(reviewer: side.reviewer)))
            return .redraw
        }
        adjudication?.pendingRuling = Ruling(basis: .picked, picked: side.reviewer)
        return decide(decision, at: index)
    }

    /// `skip` on the adjudication screen: no ruling is written; on to the next conflict.
    func skipConflict() -> Effect {
        let before = state.position
        move(to: state.position + 1)
        if state.position != before { state.message = .info(.adjudication(.leftWithoutRuling)) }
        return .redraw
    }

    /// Journals a decision: on the adjudication screen, a decision (accept, reject, edit) goes
    /// through `RulingLog.appendRuling` as a ruling that replaces the adjudicator's earlier
    /// ones on the sample; the undos it wrote go on the undo stack before the ruling, so `undo`
    /// takes the ruling back and restores what it replaced. Notes, and every other screen,
    /// append as usual.
    func appendDecision(_ decision: Decision, index: Int, to journal: any DecisionLog) throws(JournalError) -> JournalEntry {
        guard let adjudication, isDecision(decision), let log = journal as? any RulingLog else {
            return try journal.append(decision, index: index)
        }
        let ruling = adjudication.pendingRuling ?? Ruling(basis: .decided)
        adjudication.pendingRuling = nil
        var d = decision
        if case .edit(let edit, let note) = decision { d = .edit(wholeEdit(edit, index: index), note: note) }
        let written = try log.appendRuling(d, index: index, ruling: ruling)
        guard let entry = written.last else {
            throw JournalError.io(path: options.journalName ?? "", reason: "no ruling was written")
        }
        state.undoStack.append(contentsOf: written.dropLast())
        return entry
    }

    /// An edit made in the editor is relative to the text on screen, which may already carry
    /// an earlier ruling's edit; a ruling replaces that whole, so it must say every changed
    /// turn against the dataset's text (or the whole dialogue when turns were added or removed).
    private func wholeEdit(_ edit: SampleEdit, index: Int) -> SampleEdit {
        guard case .success(let shown) = decodedSample(at: index), case .success(let original) = source.sample(at: index) else {
            return edit
        }
        let after = edit.applied(to: shown.turns)
        guard after.count == original.turns.count, zip(after, original.turns).allSatisfy({ $0.role == $1.role }) else {
            return .conversation(after)
        }
        var changed: [Int: String] = [:]
        for (t, turn) in after.enumerated() where turn.text != original.turns[t].text { changed[t] = turn.text }
        return .turns(changed)
    }

    /// `undo` on the adjudication screen: takes back the last ruling of this session and
    /// restores the ruling it replaced (undoing the undos written with it); with none this
    /// session, the current sample's decision in force.
    func undoRuling() -> Effect {
        guard let journal else {
            state.message = .error(.readOnlyUndo)
            return .redraw
        }
        var target: JournalEntry? = nil
        while let last = state.undoStack.popLast() {
            if case .undo = last.decision { continue }
            target = last
            break
        }
        var replaced: [JournalEntry] = []
        if let t = target {
            while let last = state.undoStack.last, case .undo = last.decision, last.index == t.index {
                replaced.append(last)
                state.undoStack.removeLast()
            }
        } else if let index = state.currentIndex, let seq = journal.review(at: index).sequence {
            target = journal.entries.last(where: { $0.sequence == seq })
        }
        guard let target else {
            state.message = .info(.nothingToUndo)
            return .redraw
        }
        let before = journal.review(at: target.index).status
        do {
            try journal.append(.undo(sequence: target.sequence), index: target.index)
        } catch {
            state.undoStack.append(contentsOf: replaced.reversed())
            state.undoStack.append(target)
            state.message = .notSaved(.undo(reason: error.description))
            return .redraw
        }
        var restoreFailed: String? = nil
        for undo in replaced {
            do { try journal.append(.undo(sequence: undo.sequence), index: target.index) } catch {
                restoreFailed = error.description
                break
            }
        }
        invalidateSample(target.index)
        updateDecidedCount(index: target.index, before: before, after: journal.review(at: target.index).status)
        _ = show(index: target.index, as: .index(target.index))
        if let restoreFailed {
            state.message = .notSaved(.undo(reason: "the ruling was undone, but the one it replaced was not restored: \(restoreFailed)"))
        } else {
            state.message = .saved(.undid(target.decision, index: target.index))
        }
        return .redraw
    }

    /// "saved: ruled … #12 (picked bob)" on the adjudication screen, "saved: …" elsewhere.
    func savedMessage(_ decision: Decision, index: Int, then: AppMessage.Info?) -> AppMessage {
        guard adjudication != nil, isDecision(decision), let journal,
              let seq = journal.review(at: index).sequence,
              let entry = journal.entries.last(where: { $0.sequence == seq }), let ruling = entry.ruling else {
            return .saved(.decision(decision, index: index), then: then)
        }
        return .saved(.ruling(decision, index: index, picked: ruling.picked), then: then)
    }

    /// Scrolls the conflict panel, within its lines.
    func scrollPanel(by lines: Int) -> Effect {
        guard let index = state.currentIndex, let panel = screenLayout()?.panel else { return .redraw }
        let total = conflictPanelLines(index: index, width: panel.width).count
        let rows = max(1, panel.height - 2)
        let top = state.panel.scroll(for: index) + lines
        state.panel.index = index
        state.panel.scroll = min(max(0, top), max(0, total - rows))
        return .redraw
    }

    /// Cycles the panel: half the pane, the whole pane, hidden.
    func togglePanel() -> Effect {
        switch state.panel.size {
        case .half: state.panel.size = .whole
        case .whole: state.panel.size = .hidden
        case .hidden: state.panel.size = .half
        }
        state.message = .info(.adjudication(.panel(state.panel.size)))
        return .redraw
    }

    /// Carves the conflict panel out of the top of the dialogue pane (nil panel: not
    /// adjudicating, hidden, or no room). Keys and frames both get their layout through here.
    func withConflictPanel(_ layout: ReviewLayout?) -> ReviewLayout? {
        guard var layout, adjudication != nil, state.panel.size != .hidden, let index = state.currentIndex,
              adjudication?.conflict(at: index) != nil else { return layout }
        let d = layout.dialogue
        // The dialogue keeps at least its title and two lines.
        let room = d.height - 3
        guard room >= 3 else { return layout }
        let lines = conflictPanelLines(index: index, width: d.width).count
        // Half the pane, or more when the dialogue needs fewer lines than that.
        var cap = state.panel.size == .whole ? room : max(3, min(room, d.height / 2))
        if case .success(let sample) = decodedSample(at: index) {
            let dialogue = cache.layout(for: sample, width: max(4, d.width - 1))
            dialogue.ensure(through: d.height)
            let (count, exact) = dialogue.lineCount
            let needs = (exact ? count : dialogue.wrapped.count) + 1
            cap = max(cap, min(room, d.height - needs))
        }
        let h = min(cap, lines + 2)
        layout.panel = Rect(row: d.row, column: d.column, width: d.width, height: h)
        layout.dialogue = Rect(row: d.row + h, column: d.column, width: d.width, height: d.height - h)
        return layout
    }
}

/// The adjudication screen's notes for the message row.
public enum AdjudicationNote: Sendable, Equatable {
    case onlyWhenAdjudicating
    case noMajority(sides: Int)
    case majorityEditsDiffer
    case noSuchSide(Int, sides: Int)
    case noJudgment(reviewer: String)
    case leftWithoutRuling
    case panel(ConflictPanelState.Size)
    case readOnlyWithoutJournalOut

    var text: String {
        switch self {
        case .onlyWhenAdjudicating: return "this key rules conflicts: it works in winnow adjudicate"
        case .noMajority(let sides): return "no majority: pick a reviewer (1-\(min(9, sides))), accept, reject or edit"
        case .majorityEditsDiffer: return "the majority accepted with different edits: pick one (digit) or edit anew"
        case .noSuchSide(let n, let sides): return "no reviewer \(n) here (1-\(min(9, sides)))"
        case .noJudgment(let reviewer): return "\(DisplayText.sanitized(reviewer)) has no judgment here (skipped or undecided)"
        case .leftWithoutRuling: return "left without a ruling"
        case .readOnlyWithoutJournalOut: return "read-only: give --journal-out ADJ.jsonl to record rulings"
        case .panel(let size):
            switch size {
            case .half: return "conflict panel: half the pane"
            case .whole: return "conflict panel: whole pane"
            case .hidden: return "conflict panel hidden"
            }
        }
    }
}

extension ReviewApp {
    /// The footer on the adjudication screen: digits pick a side, the majority key, then
    /// the usual deciding keys (skip moves on without a ruling).
    func adjudicationFooter(_ footer: inout FooterModel) {
        guard let index = state.currentIndex, let conflict = adjudication?.conflict(at: index) else { return }
        footer.digits = "1-\(min(9, conflict.sides.count))"
        var hints: [(key: String, label: String)] = []
        if conflict.majority != nil, let key = keymap.hint(for: .ruleMajority, in: .adjudicate) { hints.append((key, "majority")) }
        let usual: [(Command, String)] = [(.accept, "accept"), (.reject, "reject"), (.edit, "edit"), (.undo, "undo"),
                                          (.skip, "next"), (.quit, "quit")]
        for (command, label) in usual {
            if let key = keymap.hint(for: command, in: .review) { hints.append((key, label)) }
        }
        footer.hints = hints
    }
}
