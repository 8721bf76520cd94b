import WinnowCore

extension ReviewApp {
    /// Moves to `position` in the visible order (clamped), resetting the scroll.
    func move(to position: Int) {
        guard state.visible.count > 0 else {
            state.message = AppMessage("no samples match the filter (\(state.filter.summary))", isError: true)
            return
        }
        let p = min(max(0, position), state.visible.count - 1)
        if p == state.position && position != p {
            state.message = AppMessage(position < 0 ? "first sample" : "last sample")
        }
        if p != state.position { state.scroll = 0 }
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

    /// Next (or previous) undecided sample, wrapping around once.
    func moveToUndecided(forward: Bool) {
        let step = forward ? 1 : -1
        if let p = firstPosition(from: state.position + step, forward: forward, where: isUndecided) {
            move(to: p)
        } else if let p = firstPosition(from: forward ? 0 : state.visible.count - 1, forward: forward, where: isUndecided),
                  p != state.position {
            move(to: p)
            state.message = AppMessage("wrapped around")
        } else if let i = state.currentIndex, isUndecided(i) {
            state.message = AppMessage("this is the only undecided sample")
        } else {
            state.message = AppMessage("every sample here is decided (\(state.decidedInBase) / \(state.base.count))")
        }
    }

    func goToIndex(_ index: Int) -> Effect {
        guard index >= 0, index < source.count else {
            state.message = AppMessage("no sample \(index) (the dataset has 0...\(max(0, source.count - 1)))", isError: true)
            return .redraw
        }
        return show(index: index, what: "sample \(index)")
    }

    func goToID(_ id: String) -> Effect {
        guard !id.isEmpty else { return .redraw }
        guard let index = source.index(ofID: id) else {
            state.message = AppMessage("no sample with id \(DisplayText.sanitized(id))", isError: true)
            return .redraw
        }
        return show(index: index, what: "id \(DisplayText.sanitized(id))")
    }

    /// Shows dataset sample `index`, clearing the filter if it hides it.
    func show(index: Int, what: String) -> Effect {
        if let p = state.visible.position(of: index) {
            move(to: p)
            return .redraw
        }
        guard state.base.position(of: index) != nil else {
            state.message = AppMessage("\(what) is not in this review (\(options.baseLabel ?? "base list"))", isError: true)
            return .redraw
        }
        applyFilter(ReviewFilter())
        if let p = state.visible.position(of: index) { move(to: p) }
        state.message = AppMessage("filter cleared to show \(what)")
        return .redraw
    }

    /// Applies a filter, keeping the current sample when it still matches, else the next one.
    func applyFilter(_ filter: ReviewFilter) {
        let current = state.currentIndex
        state.filter = filter
        if !filter.isActive {
            state.visible = state.base
        } else {
            var kept: [Int] = []
            for p in 0..<state.base.count {
                guard let i = state.base[p] else { continue }
                if matches(filter, i) { kept.append(i) }
            }
            state.visible = .list(kept)
        }
        state.scroll = 0
        if let current, let p = state.visible.position(of: current) {
            state.position = p
        } else if let current, case .list(let l) = state.visible {
            state.position = l.firstIndex(where: { $0 > current }) ?? max(0, l.count - 1)
        } else {
            state.position = 0
        }
        state.message = AppMessage(filter.isActive
            ? "filter: \(filter.summary) — \(state.visible.count) of \(state.base.count)"
            : "filter cleared — \(state.base.count) samples")
    }

    func matches(_ filter: ReviewFilter, _ index: Int) -> Bool {
        if let s = filter.status {
            let status = journal?.review(at: index).status ?? .undecided
            if !s.matches(status) { return false }
        }
        if let t = filter.taskType {
            return taskType(of: index) == t
        }
        return true
    }

    func taskType(of index: Int) -> TaskType? {
        if let t = taskTypeCache[index] { return t }
        guard case .success(let s) = source.sample(at: index) else { return nil }
        taskTypeCache[index] = s.taskType
        return s.taskType
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
