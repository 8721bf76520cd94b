/// The team store as the review screen sees it: the team's progress, what waits to be sent,
/// and for `review --assigned` the samples claimed for this reviewer. The shell implements it
/// over a background task (WinnowStore's `TeamSession`); `current()` returns at once, so no
/// key ever waits on the network.
public protocol TeamFeed: AnyObject {
    /// What the background task found last.
    func current() -> TeamView
}

/// One reading of the team feed.
public struct TeamView: Sendable, Equatable {
    /// The claimed samples in the order to walk; nil when the screen walks its own order.
    public var queue: [Int]?
    /// Changes whenever `queue` does (the screen rebuilds its order only then).
    public var generation: Int
    /// Team progress, e.g. 12,345 of 641,868 (nil until the store answered once).
    public var done: Int?
    public var total: Int?
    /// Entries kept in the local spool, not yet in the store.
    public var unsynced: Int
    /// The store does not answer.
    public var offline: Bool
    /// Assigned work: the pool had nothing more for this reviewer.
    public var poolEmpty: Bool

    public init(queue: [Int]? = nil, generation: Int = 0, done: Int? = nil, total: Int? = nil,
                unsynced: Int = 0, offline: Bool = false, poolEmpty: Bool = false) {
        self.queue = queue
        self.generation = generation
        self.done = done
        self.total = total
        self.unsynced = unsynced
        self.offline = offline
        self.poolEmpty = poolEmpty
    }

    /// The status row's words: `team 12,345/641,868 · offline: 3 unsynced`.
    public var text: String? {
        var parts: [String] = []
        if let done, let total { parts.append("team \(TeamView.grouped(done))/\(TeamView.grouped(total))") }
        if unsynced > 0 {
            parts.append("offline: \(unsynced) unsynced")
        } else if offline {
            parts.append("offline")
        }
        if queue != nil && poolEmpty { parts.append("no more work") }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// 12345 -> "12,345".
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }
}
