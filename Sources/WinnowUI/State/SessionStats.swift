import WinnowCore

/// What this session decided and when, for the stats panel (`S`) and the line printed on
/// quit. Times are seconds on the app's monotonic clock (`ReviewApp.now`), so tests pass
/// their own.
public struct SessionStats: Sendable, Equatable {
    /// Pauses longer than this are not counted as reviewing time (a coffee, a meeting).
    public static let pauseLimit: Double = 5 * 60

    /// When the session started.
    public var start: Double
    /// When each decision of this session was saved (accept, reject, skip, edit, reset),
    /// in order; undos do not remove them (the time was spent).
    public var decisionTimes: [Double] = []
    /// Each sample's status as this session last left it (undecided after an undo or a reset).
    public var lastStatus: [Int: ReviewStatus] = [:]

    /// A session that started at `start`.
    public init(start: Double) { self.start = start }

    /// Records that `index` now has `status` after a journal append at `time`; `timed`
    /// says whether it was a decision (which counts towards the pace).
    public mutating func record(index: Int, status: ReviewStatus, time: Double, timed: Bool) {
        lastStatus[index] = status
        if timed { decisionTimes.append(time) }
    }

    /// Samples this session left decided, per status (undone ones not counted).
    public var decidedByStatus: [ReviewStatus: Int] {
        var counts: [ReviewStatus: Int] = [:]
        for (_, s) in lastStatus where s != .undecided { counts[s, default: 0] += 1 }
        return counts
    }

    /// How many samples this session left decided.
    public var decidedCount: Int { lastStatus.values.filter { $0 != .undecided }.count }

    /// The seconds spent on each decision: the gap since the previous one (the first since
    /// the start), leaving out gaps over `pauseLimit`.
    public var activeGaps: [Double] {
        var gaps: [Double] = []
        var last = start
        for t in decisionTimes {
            let gap = t - last
            if gap >= 0 && gap <= SessionStats.pauseLimit { gaps.append(gap) }
            last = t
        }
        return gaps
    }

    /// Samples per hour over the active time; nil before the first decision.
    public var samplesPerHour: Double? {
        let gaps = activeGaps
        let total = gaps.reduce(0, +)
        // Under a millisecond in all (a test clock, key repeat): no meaningful pace.
        guard !gaps.isEmpty, total >= 0.001 else { return nil }
        return Double(gaps.count) * 3600 / total
    }

    /// The median seconds per sample; nil before the first decision.
    public var medianSeconds: Double? {
        let gaps = activeGaps.sorted()
        guard !gaps.isEmpty else { return nil }
        let mid = gaps.count / 2
        return gaps.count % 2 == 1 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2
    }

    /// The time `remaining` more samples would take at the median pace; nil without a pace.
    public func estimate(remaining: Int) -> Double? {
        guard let median = medianSeconds else { return nil }
        return Double(max(0, remaining)) * median
    }

    /// "45 s", "12 min", "3 h 05 min".
    public static func duration(_ seconds: Double) -> String {
        // Clamped before converting: Int(_:) traps on infinities and huge values.
        let s = Int(min(max(0, seconds.isFinite ? seconds : 0), 1e12).rounded())
        if s < 60 { return "\(s) s" }
        let minutes = (s + 30) / 60
        if minutes < 60 { return "\(minutes) min" }
        let m = minutes % 60
        return "\(minutes / 60) h \(m < 10 ? "0" : "")\(m) min"
    }
}
