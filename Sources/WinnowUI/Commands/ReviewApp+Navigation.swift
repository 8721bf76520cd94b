import WinnowCore

extension ReviewApp {
    /// Moves to `position` in the visible order (clamped), resetting the scroll.
    func move(to position: Int) {
        guard state.visible.count > 0 else {
            state.message = .error(.noMatchingSamples(filter: state.filter.summary))
            return
        }
        let p = min(max(0, position), state.visible.count - 1)
        if p == state.position && position != p {
            state.message = .info(position < 0 ? .firstSample : .lastSample)
        }
        if p != state.position {
            state.scroll = 0
            state.searchMatch = nil
            state.imageChoice = nil
            state.findingCursor = nil
        }
        state.position = p
    }

    func isUndecided(_ index: Int) -> Bool {
        (journal?.review(at: index).status ?? .undecided) == .undecided
    }

    /// The first visible position from `start` (inclusive) in a direction whose sample
    /// satisfies `test`, without wrapping.
    func firstPosition(from start: Int, forward: Bool, where test: (Int) -> Bool) -> Int? {
        let order = state.visible
        var p = start
        while p >= 0 && p < order.count {
            if let index = order[p], test(index) { return p }
            p += forward ? 1 : -1
        }
        return nil
    }

    /// Where `moveToUndecided` went.
    enum UndecidedMove { case moved, wrapped, onlyThisOne, allDecided }

    /// Next (or previous) undecided sample, wrapping around once; says what it did.
    @discardableResult
    func moveToUndecided(forward: Bool) -> UndecidedMove {
        let step = forward ? 1 : -1
        if let p = firstPosition(from: state.position + step, forward: forward, where: isUndecided) {
            move(to: p)
            return .moved
        } else if let p = firstPosition(from: forward ? 0 : state.visible.count - 1, forward: forward, where: isUndecided),
                  p != state.position {
            move(to: p)
            state.message = .info(.wrappedAround)
            return .wrapped
        } else if let i = state.currentIndex, isUndecided(i) {
            state.message = .info(.onlyUndecided)
            return .onlyThisOne
        } else {
            state.message = .info(.everyDecided(decided: state.decidedInBase, total: state.base.count))
            return .allDecided
        }
    }

    func goToIndex(_ index: Int) -> Effect {
        guard index >= 0, index < source.count else {
            state.message = .error(.noSuchIndex(index, last: max(0, source.count - 1)))
            return .redraw
        }
        return show(index: index, as: .index(index))
    }

    func goToID(_ id: String) -> Effect {
        guard !id.isEmpty else { return .redraw }
        guard let index = source.index(ofID: id) else {
            state.message = .error(.noSuchID(id))
            return .redraw
        }
        return show(index: index, as: .id(id))
    }

    /// Shows dataset sample `index`, clearing the filter if it hides it.
    func show(index: Int, as what: AppMessage.SampleRef) -> Effect {
        if let p = state.visible.position(of: index) {
            move(to: p)
            return .redraw
        }
        guard state.base.position(of: index) != nil else {
            state.message = .error(.notInReview(what, base: options.baseLabel ?? "base list"))
            return .redraw
        }
        applyFilter(ReviewFilter())
        if let p = state.visible.position(of: index) { move(to: p) }
        state.message = .info(.filterClearedToShow(what))
        return .redraw
    }

    /// Applies a filter, keeping the current sample when it still matches, else the next one.
    /// A task-type filter over a big list decodes every sample, so it runs in slices on
    /// `tick()` and the matches found so far are browsable at once.
    func applyFilter(_ filter: ReviewFilter) {
        // While a previous filter is still scanning, the sample to keep is the one it kept.
        // A filter that matched nothing keeps the sample from before it.
        let current = (state.filterScan.map { $0.anchored ? state.currentIndex : $0.anchor } ?? state.currentIndex)
            ?? state.lastFilterAnchor
        state.lastFilterAnchor = current
        state.filter = filter
        state.scroll = 0
        state.filterScan = nil
        state.filterStale = []
        guard filter.isActive else {
            state.visible = state.base
            state.position = current.flatMap { state.base.position(of: $0) } ?? 0
            state.message = .info(.filterCleared(total: state.base.count))
            return
        }
        state.visible = .list([])
        state.position = 0
        state.filterScan = FilterScan(next: 0, kept: [], anchor: current, anchored: false)
        let incremental = filter.needsDecoding && state.base.count > options.incrementalFilterThreshold
        continueFilter(budget: incremental ? options.filterSliceBudget : nil)
    }

    /// Scans more of the base order for the filter (all of it when `budget` is nil).
    /// Returns whether anything changed.
    @discardableResult
    func continueFilter(budget: Duration?) -> Bool {
        guard var scan = state.filterScan else { return false }
        let clock = ContinuousClock()
        let start = clock.now
        let filter = state.filter
        while scan.next < state.base.count {
            if let i = state.base[scan.next], matches(filter, i) { scan.kept.append(i) }
            scan.next += 1
            if let budget, scan.next % 64 == 0, clock.now - start > budget { break }
        }
        let done = scan.next >= state.base.count
        state.visible = .list(scan.kept)
        if !scan.anchored {
            // Land on the sample that was current, or the first match after it.
            if let anchor = scan.anchor, let p = scan.kept.lastIndex(where: { $0 <= anchor }), scan.kept[p] == anchor {
                state.position = p
                scan.anchored = true
            } else if let anchor = scan.anchor, let p = scan.kept.firstIndex(where: { $0 > anchor }) {
                state.position = p
                scan.anchored = true
            } else if done {
                state.position = max(0, scan.kept.count - 1)
            }
        }
        if done {
            state.filterScan = nil
            state.message = .info(.filterDone(summary: filter.summary, kept: scan.kept.count, total: state.base.count))
        } else {
            state.filterScan = scan
            let percent = scan.next * 100 / max(1, state.base.count)
            state.message = .info(.filtering(summary: filter.summary, kept: scan.kept.count, percent: percent))
        }
        return true
    }

    func matches(_ filter: ReviewFilter, _ index: Int) -> Bool {
        if let s = filter.status {
            let status = journal?.review(at: index).status ?? .undecided
            if !s.matches(status) { return false }
        }
        if let t = filter.taskType, taskType(of: index) != t { return false }
        return filter.matchesMoreTerms(journal?.review(at: index) ?? .undecided) {
            guard case .success(let s) = source.sample(at: index) else { return [] }
            return SampleLinter().lint(s)
        }
    }

    func countDecided(in order: SampleOrder) -> Int {
        guard let journal else { return 0 }
        if case .all = order { return journal.decidedCount }
        var n = 0
        for p in 0..<order.count {
            if let i = order[p], journal.review(at: i).status != .undecided { n += 1 }
        }
        return n
    }
}
