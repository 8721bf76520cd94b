import WinnowCore

/// Issue 14, "Act on many at once": marks, batch decisions with a confirmation that states
/// the count, one journal entry per sample (one write and one fsync for a file journal),
/// undo of a whole batch, and reset to undecided.
extension ReviewApp {
    /// `mark-toggle`: marks or unmarks the current sample.
    func toggleMark() -> Effect {
        guard let index = state.currentIndex else { return noSample() }
        let on = state.marked.insert(index).inserted
        if !on { state.marked.remove(index) }
        state.message = .info(.marked(index: index, on: on, count: state.marked.count))
        return .redraw
    }

    /// `batch`: the marked samples, else every sample the filter still matches; asks which
    /// decision (the review keys of accept, reject, skip, flag and reset answer).
    func beginBatch() -> Effect {
        let batch: BatchState
        if !state.marked.isEmpty {
            batch = BatchState(targets: inReviewOrder(state.marked), origin: .marked, stage: .choosing)
        } else if state.filter.isActive, state.filterScan == nil, state.visible.count > 0 {
            var targets: [Int] = []
            for p in 0..<state.visible.count {
                if let i = state.visible[p], !state.filterStale.contains(i) { targets.append(i) }
            }
            guard !targets.isEmpty else { return noSample() }
            batch = BatchState(targets: targets, origin: .filter, stage: .choosing)
        } else {
            state.message = .error(.batchNeedsSamples(markKey: keymap.hint(for: .markToggle, in: .review) ?? "mark-toggle"))
            return .redraw
        }
        state.batch = batch
        let choices: [(Command, String)] = [(.accept, "accept"), (.reject, "reject"), (.skip, "skip"), (.flag, "flag"),
                                            (.reset, "reset")]
        // Any other key cancels (and says so): the line stays short enough for 80 columns.
        let keys = choices.compactMap { c, label in keymap.hint(for: c, in: .review).map { "\($0) \(label)" } }
        state.message = .info(.batchChoose(what: batch.what, keys: keys.joined(separator: " · ")))
        return .redraw
    }

    /// The key after `batch` (the action) or after the action (y confirms).
    func answerBatch(_ key: KeyPress) -> Effect {
        guard let batch = state.batch else { return .redraw }
        state.batch = nil
        switch batch.stage {
        case .choosing:
            switch keymap.command(for: key, in: .review) {
            case .accept?: return confirmBatch(.accept, batch)
            case .skip?: return confirmBatch(.skip, batch)
            case .reset?: return confirmBatch(.reset, batch)
            case .reject?:
                guard let first = batch.targets.first else { return .redraw }
                var picker = ReasonPicker(reasons: options.reasons, sampleIndex: first)
                picker.batch = batch
                state.mode = .reasonPicker(picker)
                state.message = nil
                return .redraw
            case .flag?:
                state.mode = .prompt(PromptState(purpose: .batchFlag(batch.targets), input: LineInput("check")))
                state.message = nil
                return .redraw
            default:
                state.message = .info(.batchCancelled)
                return .redraw
            }
        case .confirming(let action):
            guard key == .char("y") || key == .char("Y") else {
                state.message = .info(.batchCancelled)
                return .redraw
            }
            return runBatch(action, on: batch.targets)
        }
    }

    /// The picker's reasons: one sample, or (after a y/n) the picker's batch.
    func finishReject(_ picker: ReasonPicker, reasons: [String]) -> Effect {
        guard let batch = picker.batch else {
            return decide(.reject(reasons: reasons, note: picker.note), at: picker.sampleIndex)
        }
        return confirmBatch(.reject(reasons: reasons, note: picker.note), batch)
    }

    /// Asks y/n, naming the action and the count.
    func confirmBatch(_ action: BatchState.Action, _ batch: BatchState) -> Effect {
        var b = batch
        b.stage = .confirming(action)
        state.batch = b
        state.message = .info(.batchConfirm(action: Self.words(action), what: b.what))
        return .redraw
    }

    /// For the flag prompt, which knows only the samples.
    func confirmBatch(_ action: BatchState.Action, on targets: [Int]) -> Effect {
        let origin: BatchState.Origin = state.marked.isEmpty ? .filter : .marked
        return confirmBatch(action, BatchState(targets: targets, origin: origin, stage: .choosing))
    }

    static func words(_ action: BatchState.Action) -> String {
        switch action {
        case .accept: return "accept"
        case .reject(let reasons, _): return reasons.isEmpty ? "reject (no reason)" : "reject (\(reasons.joined(separator: ", ")))"
        case .skip: return "skip"
        case .flag(let flag): return "flag '\(DisplayText.sanitized(flag))'"
        case .reset: return "reset to undecided"
        }
    }

    static func decision(_ action: BatchState.Action) -> Decision {
        switch action {
        case .accept: return .accept
        case .reject(let reasons, let note): return .reject(reasons: reasons, note: note)
        case .skip: return .skip
        case .flag(let flag): return .note(text: nil, flag: flag)
        case .reset: return .reset
        }
    }

    /// Journals the action on every target (samples it cannot apply to are left out: an
    /// unreadable sample cannot be accepted, an undecided one needs no reset); says "saved"
    /// only for what the journal returned.
    func runBatch(_ action: BatchState.Action, on targets: [Int]) -> Effect {
        guard let journal else {
            state.message = .error(.readOnly)
            return .redraw
        }
        let decision = Self.decision(action)
        let items: [(decision: Decision, index: Int)] = targets.compactMap { i in
            if DecisionCheck.refusal(of: decision, for: source.sample(at: i)) != nil { return nil }
            if case .reset = decision, journal.review(at: i).status == .undecided { return nil }
            return (decision, i)
        }
        let before = Dictionary(items.map { ($0.index, journal.review(at: $0.index).status) }, uniquingKeysWith: { a, _ in a })
        let result = journal.appendEach(items)
        for e in result.saved {
            let after = journal.review(at: e.index).status
            invalidateSample(e.index)
            updateDecidedCount(index: e.index, before: before[e.index] ?? .undecided, after: after)
            journalChanged(index: e.index, before: before[e.index] ?? .undecided, after: after, timed: isDecision(decision))
            state.marked.remove(e.index)
            state.undoStack.append(e)
        }
        if !result.saved.isEmpty { state.undoBatches.append(result.saved.map(\.sequence)) }
        if let error = result.error {
            state.message = .notSaved(.batch(reason: error.description, saved: result.saved.count, total: items.count))
        } else {
            state.message = .saved(.batch(decision, count: result.saved.count, total: targets.count))
        }
        return .redraw
    }

    /// When the latest thing this session saved was a batch, undoes all of it (one write);
    /// nil otherwise.
    func undoLatestBatch() -> Effect? {
        guard let journal, let top = state.undoStack.last, let batch = state.undoBatches.last,
              batch.contains(top.sequence) else { return nil }
        let members = Set(batch)
        var entries: [JournalEntry] = []
        while let last = state.undoStack.last, members.contains(last.sequence) { entries.append(state.undoStack.removeLast()) }
        state.undoBatches.removeLast()
        let before = Dictionary(entries.map { ($0.index, journal.review(at: $0.index).status) }, uniquingKeysWith: { a, _ in a })
        let result = journal.appendEach(entries.map { (Decision.undo(sequence: $0.sequence), $0.index) })
        for e in result.saved {
            let after = journal.review(at: e.index).status
            invalidateSample(e.index)
            updateDecidedCount(index: e.index, before: before[e.index] ?? .undecided, after: after)
            journalChanged(index: e.index, before: before[e.index] ?? .undecided, after: after, timed: false)
        }
        if let error = result.error {
            // What was not undone stays undoable.
            let undone = Set(result.saved.compactMap { e -> Int? in if case .undo(let s) = e.decision { return s } else { return nil } })
            let left = entries.reversed().filter { !undone.contains($0.sequence) }
            state.undoStack += left
            state.undoBatches.append(left.map(\.sequence))
            state.message = .notSaved(.batch(reason: error.description, saved: result.saved.count, total: entries.count))
        } else {
            state.message = .saved(.undidBatch(count: result.saved.count))
        }
        return .redraw
    }

    /// `reset`: the current sample back to undecided, with an entry of its own (decisions
    /// from earlier sessions too; `u` takes it back).
    func resetToUndecided() -> Effect {
        guard let index = state.currentIndex else { return noSample() }
        guard journal?.review(at: index).status != .undecided else {
            state.message = .info(.alreadyUndecided(index: index))
            return .redraw
        }
        return decide(.reset, at: index)
    }

    /// Dataset indices in the order of the review (the base order).
    private func inReviewOrder(_ indices: Set<Int>) -> [Int] {
        switch state.base {
        case .all: return indices.sorted()
        case .list(let l): return l.filter { indices.contains($0) }
        }
    }
}
