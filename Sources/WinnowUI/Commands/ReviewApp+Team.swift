import WinnowCore

extension ReviewApp {
    /// Takes the team feed's latest reading (on `tick`): a grown or shrunk assigned queue
    /// becomes the base order, keeping the current sample (or moving on to the first
    /// undecided one when the current one is decided). Returns whether the screen changed.
    func refreshTeam() -> Bool {
        guard let team else { return false }
        let view = team.current()
        guard view != teamView else { return false }
        let before = teamView
        teamView = view
        if let queue = view.queue, view.generation != before?.generation {
            adoptQueue(queue.filter { $0 >= 0 && $0 < source.count })
        }
        return true
    }

    /// The status row's team words (nil without a store).
    var teamStatusText: String? { teamView?.text }

    private func adoptQueue(_ queue: [Int]) {
        let current = state.currentIndex
        let wasDecided = current.map { journal?.review(at: $0).status != .undecided } ?? true
        state.base = .list(queue)
        state.decidedInBase = countDecided(in: state.base)
        if state.filter.isActive {
            // Re-run the filter over the new order without replacing the message row.
            let message = state.message
            applyFilter(state.filter)
            state.message = message
        } else {
            state.visible = state.base
        }
        if let current, let p = state.visible.position(of: current) {
            state.position = p
            state.scroll = 0
            if wasDecided, state.autoAdvance, case .reading = state.mode {
                _ = moveToUndecided(forward: true)
            }
        } else if case .reading = state.mode {
            // The sample shown left the queue (its claim was lost) or nothing was shown yet.
            state.position = firstPosition(from: 0, forward: true, where: isUndecided) ?? 0
            state.scroll = 0
        } else {
            state.position = min(state.position, max(0, state.visible.count - 1))
        }
    }
}
