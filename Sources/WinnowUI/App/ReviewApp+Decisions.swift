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
        guard let journal else {
            state.message = AppMessage("read-only: decisions are not saved (no journal)", isError: true)
            return .redraw
        }
        if let why = DecisionCheck.refusal(of: decision, for: source.sample(at: index)) {
            state.message = AppMessage(why, isError: true)
            return .redraw
        }
        let before = journal.review(at: index).status
        let entry: JournalEntry
        do {
            entry = try journal.append(decision, index: index)
        } catch {
            state.message = AppMessage("NOT saved: \(error.description)", isError: true)
            return .redraw
        }
        let after = journal.review(at: index).status
        invalidateSample(index)
        updateDecidedCount(index: index, before: before, after: after)
        state.undoStack.append(entry)
        state.message = AppMessage("saved: \(describe(decision)) #\(index)")
        if isDecision(decision), state.autoAdvance, state.currentIndex == index {
            let message = state.message
            moveToUndecided(forward: true)
            if state.message?.text.hasPrefix("wrapped") == true || state.message?.text.hasPrefix("every") == true {
                state.message = AppMessage("\(message?.text ?? "saved") — \(state.message?.text ?? "")")
            } else {
                state.message = message
            }
        }
        return .redraw
    }

    /// Undoes the most recent decision of this session (or the current sample's decision in
    /// force when the session has none), journalled as an undo entry.
    func undo() -> Effect {
        guard let journal else {
            state.message = AppMessage("read-only: nothing to undo", isError: true)
            return .redraw
        }
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
            state.message = AppMessage("nothing to undo")
            return .redraw
        }
        let before = journal.review(at: target.index).status
        do {
            try journal.append(.undo(sequence: target.sequence), index: target.index)
        } catch {
            state.undoStack.append(target)
            state.message = AppMessage("NOT saved (undo): \(error.description)", isError: true)
            return .redraw
        }
        invalidateSample(target.index)
        updateDecidedCount(index: target.index, before: before, after: journal.review(at: target.index).status)
        _ = show(index: target.index, what: "sample \(target.index)")
        state.message = AppMessage("saved: undid \(describe(target.decision)) #\(target.index)")
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
        case .undo, .note: return false
        }
    }

    func describe(_ d: Decision) -> String {
        switch d {
        case .accept: return "accepted"
        case .reject(let reasons, _): return "rejected (\(reasons.joined(separator: ", ")))"
        case .skip: return "skipped"
        case .edit: return "edited"
        case .undo: return "undo"
        case .note(let text, let flag):
            if let flag { return "flag \(DisplayText.sanitized(flag))" }
            return text == nil ? "note" : "note added"
        }
    }
}
