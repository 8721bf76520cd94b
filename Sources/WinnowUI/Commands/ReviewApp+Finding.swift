import WinnowCore

/// Issue 14, "Find things again": lint findings and flagged samples one after another, a
/// filter typed as terms, and `goto` by position in a filtered or spot-check list.
extension ReviewApp {
    /// The findings of sample `index` as reviewed (an edit in force applied), in reading
    /// order: by turn (sample-wide ones first), then by character.
    func orderedFindings(at index: Int) -> [LintFinding] {
        let found: [LintFinding]
        if index == state.currentIndex {
            found = facts(at: index).lint
        } else {
            // Scanning other samples must not push the current one out of the cache.
            guard case .success(var s) = source.sample(at: index) else { return [] }
            if let edit = journal?.review(at: index).edit { s.turns = edit.applied(to: s.turns) }
            found = SampleLinter().lint(s)
        }
        return found.enumerated().sorted { a, b in
            let ka = (a.element.turn ?? -1, a.element.character ?? 0, a.offset)
            let kb = (b.element.turn ?? -1, b.element.character ?? 0, b.offset)
            return ka < kb
        }.map(\.element)
    }

    /// `next-finding` / `prev-finding`: the next finding of this sample, else the first one
    /// of the next sample in the list that has one; scrolls to its turn and character.
    func moveToFinding(forward: Bool) -> Effect {
        guard let index = state.currentIndex else { return noSample() }
        let here = orderedFindings(at: index)
        let next: Int? = {
            guard let c = state.findingCursor else { return forward ? 0 : nil }
            return c + (forward ? 1 : -1)
        }()
        if let n = next, n >= 0, n < here.count {
            showFinding(n, of: here, index: index)
            return .redraw
        }
        var p = state.position + (forward ? 1 : -1)
        while p >= 0 && p < state.visible.count {
            if let i = state.visible[p] {
                let found = orderedFindings(at: i)
                if !found.isEmpty {
                    move(to: p)
                    showFinding(forward ? 0 : found.count - 1, of: orderedFindings(at: i), index: i)
                    return .redraw
                }
            }
            p += forward ? 1 : -1
        }
        state.message = .info(.noMoreFindings(forward: forward))
        return .redraw
    }

    private func showFinding(_ n: Int, of findings: [LintFinding], index: Int) {
        let f = findings[n]
        state.findingCursor = n
        if let line = dialogueLine(turn: f.turn, character: f.character) { state.scroll = clampedDialogueScroll(line - 2) }
        state.message = .info(.finding(number: n + 1, of: findings.count, index: index, kind: f.kind.rawValue, message: f.message))
    }

    /// The screen line of the current sample's dialogue that shows turn `turn` (its label)
    /// or character `character` of it (Unicode scalars, as findings count them).
    func dialogueLine(turn: Int?, character: Int?) -> Int? {
        guard let turn, let (sample, layout) = currentDialogue(), sample.turns.indices.contains(turn) else { return nil }
        let text = sample.turns[turn].text
        let scalars = text.unicodeScalars
        let target = character.map { scalars.index(scalars.startIndex, offsetBy: min(max(0, $0), scalars.count)) }
        var i = 0
        var label: Int?
        while true {
            if i >= layout.wrapped.count {
                if layout.isComplete { break }
                layout.ensure(through: layout.wrapped.count + 512)
                continue
            }
            switch layout.wrapped[i] {
            case .label(let t) where t == turn:
                label = i
                if target == nil { return i }
            case .text(let t, let r) where t == turn:
                if let target, target < r.upperBound || r.upperBound == text.endIndex { return i }
            case .label(let t) where t > turn, .text(let t, _) where t > turn:
                return label
            default: break
            }
            i += 1
        }
        return label
    }

    /// `next-flagged` / `prev-flagged`: the next sample in the list with a flag.
    func moveToFlagged(forward: Bool) -> Effect {
        var p = state.position + (forward ? 1 : -1)
        while p >= 0 && p < state.visible.count {
            if let i = state.visible[p], let flags = journal?.review(at: i).flags, !flags.isEmpty {
                move(to: p)
                state.message = .info(.flagged(index: i, flags: flags))
                return .redraw
            }
            p += forward ? 1 : -1
        }
        state.message = .info(.noMoreFlagged(forward: forward))
        return .redraw
    }

    /// The typed filter (`filter-edit`): replaces the filter in force; empty clears it.
    func submitFilter(_ text: String) -> Effect {
        do {
            applyFilter(try ReviewFilter.parse(text, reasons: options.reasons))
        } catch {
            state.message = .error(.badFilter(error.description))
        }
        return .redraw
    }

    /// Whether `goto` counts positions: a filter or a spot check is on, so the header's
    /// `N / total` is not the dataset index.
    var gotoCountsPositions: Bool {
        if state.filter.isActive { return true }
        if case .list = state.base { return true }
        return false
    }

    /// The `goto` answer: `#N` is always dataset index N; a plain number is a position
    /// (1-based, as the header shows it) in the filtered or spot-check list when one is on,
    /// else the dataset index as before; anything else is an id.
    func goTo(_ text: String) -> Effect {
        if text.hasPrefix("#"), let n = Int(text.dropFirst()) { return goToIndex(n) }
        guard let n = Int(text) else { return goToID(text) }
        guard gotoCountsPositions else { return goToIndex(n) }
        guard n >= 1, n <= state.visible.count else {
            state.message = .error(.noSuchPosition(n, count: state.visible.count))
            return .redraw
        }
        move(to: n - 1)
        return .redraw
    }

    /// The `goto` prompt's label, which says what a plain number means here.
    var gotoLabel: String {
        gotoCountsPositions ? "go to position 1-\(state.visible.count) (#index, id): " : "go to index (#index, id): "
    }
}
