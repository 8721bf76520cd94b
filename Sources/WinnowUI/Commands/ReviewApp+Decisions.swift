import WinnowCore

extension ReviewApp {
    /// Records a decision (the editor saves its `.edit` through this): journals it, says
    /// "saved" only after the journal returned, and moves on when auto-advance is on.
    @discardableResult
    public func record(_ decision: Decision, at index: Int? = nil) -> Effect {
        decide(decision, at: index)
    }

    /// Journals `decision` for the current sample (or `index`); says "saved" only after the
    /// journal returned, then moves on if auto-advance is on and it was a decision.
    func decide(_ decision: Decision, at index: Int? = nil) -> Effect {
        guard let index = index ?? state.currentIndex else { return noSample() }
        if adjudication != nil, case .skip = decision { return skipConflict() }
        guard let journal else {
            state.message = .error(.readOnlyDecisions)
            return .redraw
        }
        if let why = DecisionCheck.refusal(of: decision, for: source.sample(at: index)) {
            state.message = .error(.decisionRefused(why))
            return .redraw
        }
        let before = journal.review(at: index).status
        let entry: JournalEntry
        do {
            entry = try appendDecision(decision, index: index, to: journal)
        } catch {
            state.message = .notSaved(.decision(reason: error.description))
            return .redraw
        }
        let after = journal.review(at: index).status
        invalidateSample(index)
        updateDecidedCount(index: index, before: before, after: after)
        journalChanged(index: index, before: before, after: after, timed: isDecision(decision))
        state.undoStack.append(entry)
        var then: AppMessage.Info? = nil
        if isDecision(decision), state.autoAdvance, state.currentIndex == index {
            // Moving on wrapped, or found nothing to move to: say so after "saved".
            switch moveToUndecided(forward: true) {
            case .moved, .onlyThisOne: break
            case .wrapped: then = .wrappedAround
            case .allDecided: then = .everyDecided(decided: state.decidedInBase, total: state.base.count)
            }
        }
        state.message = savedMessage(decision, index: index, then: then)
        return .redraw
    }

    /// Undoes the most recent decision of this session (or the current sample's decision in
    /// force when the session has none), journalled as an undo entry.
    func undo() -> Effect {
        if adjudication != nil { return undoRuling() }
        guard let journal else {
            state.message = .error(.readOnlyUndo)
            return .redraw
        }
        if let effect = undoLatestBatch() { return effect }
        var target: JournalEntry? = nil
        while let last = state.undoStack.popLast() {
            if case .undo = last.decision { continue }
            target = last
            break
        }
        if target == nil, let index = state.currentIndex, let seq = journal.review(at: index).sequence {
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
            state.undoStack.append(target)
            state.message = .notSaved(.undo(reason: error.description))
            return .redraw
        }
        invalidateSample(target.index)
        updateDecidedCount(index: target.index, before: before, after: journal.review(at: target.index).status)
        journalChanged(index: target.index, before: before, after: journal.review(at: target.index).status, timed: false)
        _ = show(index: target.index, as: .index(target.index))
        state.message = .saved(.undid(target.decision, index: target.index))
        return .redraw
    }

    func updateDecidedCount(index: Int, before: ReviewStatus, after: ReviewStatus) {
        guard state.base.position(of: index) != nil else { return }
        if before == .undecided && after != .undecided { state.decidedInBase += 1 }
        if before != .undecided && after == .undecided { state.decidedInBase -= 1 }
    }

    func isDecision(_ d: Decision) -> Bool {
        switch d {
        case .accept, .reject, .skip, .edit: return true
        case .undo, .note, .reset: return false
        }
    }
}
