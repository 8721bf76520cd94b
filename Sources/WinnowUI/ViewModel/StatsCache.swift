import WinnowCore

/// Decisions counted over a set of samples: per decision state and per reject reason.
struct DecisionCounts: Equatable {
    var samples = 0
    var byStatus: [ReviewStatus: Int] = [:]
    var byReason: [String: Int] = [:]

    /// Samples with a decision (every state but undecided).
    var decided: Int { byStatus.filter { $0.key != .undecided }.values.reduce(0, +) }

    mutating func add(_ review: SampleReview) {
        byStatus[review.status, default: 0] += 1
        if review.status == .rejected {
            for r in review.reasons { byReason[r, default: 0] += 1 }
        }
    }
}

/// The stats panel's counts, recomputed only when the journal, the filter or the lists
/// changed (counting a 641,868-sample list on every frame would be wasted work).
final class StatsCache {
    struct Key: Equatable {
        var entries: Int
        var filter: ReviewFilter
        var visible: Int
        var base: Int
        var scanning: Bool
    }
    private var key: Key?
    private var value: (filter: DecisionCounts?, overall: DecisionCounts)?

    /// The counts for `key`, computed by `make` when the key changed.
    func counts(for key: Key, make: () -> (DecisionCounts?, DecisionCounts)) -> (filter: DecisionCounts?, overall: DecisionCounts) {
        if let value, self.key == key { return value }
        let made = make()
        self.key = key
        value = made
        return made
    }
}
