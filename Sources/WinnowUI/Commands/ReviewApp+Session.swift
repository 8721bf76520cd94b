import WinnowCore

/// Issue 14, "Know where you are": the session's record, live filter counts, the stats panel
/// (`S`) and the line printed on quit.
extension ReviewApp {
    private static let clockOrigin = ContinuousClock.now

    /// Seconds since the first use, never going back (the default `clock`).
    @Sendable public static func monotonicSeconds() -> Double {
        let d = ContinuousClock.now - clockOrigin
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// After every journal append that may change sample `index`: the session's record (a
    /// `timed` decision counts towards the pace) and whether it still matches the filter.
    func journalChanged(index: Int, before: ReviewStatus, after: ReviewStatus, timed: Bool) {
        if timed || before != after {
            state.session.record(index: index, status: after, time: clock(), timed: timed)
        }
        refreshFilterMatch(index)
    }

    /// Keeps the filter's live count: a listed sample that a decision took out of the filter
    /// (or an undo put back) stays listed, so the reviewer's place holds, but is counted apart.
    func refreshFilterMatch(_ index: Int) {
        guard state.filter.isActive, state.filterScan == nil, state.visible.position(of: index) != nil else { return }
        if matches(state.filter, index) { state.filterStale.remove(index) } else { state.filterStale.insert(index) }
    }

    /// The filter part of the status line: "undecided (37)", or "undecided (35 of 37 listed)"
    /// once decisions took samples out of it.
    func liveFilterText() -> String {
        let listed = state.visible.count
        let stale = state.filterStale.count
        return stale == 0 ? "\(state.filter.summary) (\(listed))" : "\(state.filter.summary) (\(listed - stale) of \(listed) listed)"
    }

    /// `S`: opens or closes the stats panel (it stays open while deciding, updated live).
    func toggleStats() -> Effect {
        state.showStats.toggle()
        return .redraw
    }

    /// The counts over the filtered list (nil without a filter) and over the whole review.
    func decisionCounts() -> (filter: DecisionCounts?, overall: DecisionCounts) {
        let entries = journal?.entries.count ?? 0
        let key = StatsCache.Key(entries: entries, filter: state.filter, visible: state.visible.count,
                                 base: state.base.count, scanning: state.filterScan != nil)
        return statsCache.counts(for: key) {
            (state.filter.isActive ? counts(in: state.visible) : nil, counts(in: state.base))
        }
    }

    private func counts(in order: SampleOrder) -> DecisionCounts {
        var c = DecisionCounts()
        c.samples = order.count
        guard let journal else {
            c.byStatus[.undecided] = order.count
            return c
        }
        switch order {
        case .all(let n):
            // Only samples the journal names can be decided: no walk over every index.
            var seen = Set<Int>()
            for e in journal.entries where e.index >= 0 && e.index < n && seen.insert(e.index).inserted {
                let r = journal.review(at: e.index)
                if r.status != .undecided { c.add(r) }
            }
            c.byStatus[.undecided] = n - c.decided
        case .list(let indices):
            for i in indices { c.add(journal.review(at: i)) }
        }
        return c
    }

    /// The stats panel's lines.
    func statsLines() -> [String] {
        let (filtered, overall) = decisionCounts()
        var lines: [String] = []
        func describe(_ title: String, _ c: DecisionCounts) {
            lines.append("\(title): \(c.decided) of \(c.samples) decided (\(StatusView.percentText(c.decided, of: c.samples)))")
            let states: [ReviewStatus] = [.accepted, .rejected, .edited, .skipped, .undecided]
            lines.append("  " + states.map { "\($0.rawValue) \(c.byStatus[$0] ?? 0)" }.joined(separator: " · "))
            if !c.byReason.isEmpty {
                let reasons = c.byReason.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                lines.append("  reasons: " + reasons.map { "\(DisplayText.sanitized($0.key)) \($0.value)" }.joined(separator: " · "))
            }
        }
        if let filtered { describe("filter \(state.filter.summary)", filtered) }
        describe(options.baseLabel ?? "overall", overall)
        let s = state.session
        let byStatus = s.decidedByStatus
        var session = "this session: \(s.decidedCount) decided"
        if !byStatus.isEmpty {
            session += " (" + byStatus.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
                .joined(separator: ", ") + ")"
        }
        lines.append(session)
        if let perHour = s.samplesPerHour, let median = s.medianSeconds {
            lines.append("  pace: \(Int(min(perHour, 1e12).rounded())) samples/h · median \(SessionStats.duration(median)) per sample")
        } else {
            lines.append("  pace: after the first decision")
        }
        let left = (filtered ?? overall).byStatus[.undecided] ?? 0
        let scope = filtered == nil ? "left" : "left in this filter"
        if let t = s.estimate(remaining: left) {
            lines.append("  \(scope): \(left) undecided ≈ \(SessionStats.duration(t))")
        } else {
            lines.append("  \(scope): \(left) undecided")
        }
        lines.append("  (pauses over 5 min are not counted)")
        return lines
    }

    /// One line for stderr on quit: what this session decided and where the journal is.
    public func sessionSummary(journalPath: String?) -> String {
        let s = state.session
        var text = "winnow: this session decided \(s.decidedCount) sample\(s.decidedCount == 1 ? "" : "s")"
        let byStatus = s.decidedByStatus
        if !byStatus.isEmpty {
            text += " (" + byStatus.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
                .joined(separator: ", ") + ")"
        }
        if isReadOnly {
            text += "; read-only, nothing saved"
        } else if let journalPath {
            text += "; journal: \(DisplayText.sanitized(journalPath))"
        }
        return text
    }
}
