/// Decoded entries that the reader moves out one at a time, in order, without copying them.
///
/// A copy of an entry retains each of its strings and the drop of the original releases them
/// again; reading a million-entry journal through an array paid that for every entry.
final class EntryBuffer: @unchecked Sendable {
    private var base: UnsafeMutablePointer<JournalEntry>
    private var capacity: Int
    /// Entries appended.
    private(set) var count = 0
    /// Entries `0..<taken` have been moved out.
    private var taken = 0

    init(capacity: Int = 16) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    func append(_ entry: consuming JournalEntry) {
        if count == capacity { grow() }
        (base + count).initialize(to: entry)
        count += 1
    }

    /// Moves out the next entry not taken yet (nil when all are).
    func take() -> JournalEntry? {
        guard taken < count else { return nil }
        let e = (base + taken).move()
        taken += 1
        return e
    }

    private func grow() {
        let bigger = capacity * 2
        let fresh = UnsafeMutablePointer<JournalEntry>.allocate(capacity: bigger)
        (fresh + taken).moveInitialize(from: base + taken, count: count - taken)
        base.deallocate()
        base = fresh
        capacity = bigger
    }

    deinit {
        (base + taken).deinitialize(count: count - taken)
        base.deallocate()
    }
}
