/// One reviewer's replayed journal: the input of every team figure (agreement, reports,
/// adjudication). Built from a `JournalReplay` here, or from any other store of entries (the
/// PostgreSQL team store builds the same value from its rows).
public struct ReviewerState: Sendable {
    /// The reviewer's name as shown in reports (unique within one computation).
    public var reviewer: String
    /// Where the state came from (a journal path), for messages.
    public var source: String
    /// Each sample's state after replay (undecided samples absent).
    public var reviews: [Int: SampleReview] {
        get { reviewList.dictionary }
        set { reviewList = ReviewList(dictionary: newValue) }
    }
    /// The same reviews, walked by the figures without building the dictionary (a replay
    /// hands them over as a list).
    private var reviewList: ReviewList
    /// The applied entries in journal order (undone ones included), for times and rulings.
    public var entries: [JournalEntry]

    public init(reviewer: String, source: String, reviews: [Int: SampleReview], entries: [JournalEntry]) {
        self.reviewer = reviewer
        self.source = source
        self.reviewList = ReviewList(dictionary: reviews)
        self.entries = entries
    }

    init(reviewer: String, source: String, reviewList: ReviewList, entries: [JournalEntry]) {
        self.reviewer = reviewer
        self.source = source
        self.reviewList = reviewList
        self.entries = entries
    }

    /// The state of a replayed journal; the reviewer is the name most of its entries carry
    /// (the file name when it has none).
    public init(replay: JournalReplay, source: String, reviewer: String? = nil) {
        self.init(reviewer: reviewer ?? ReviewerState.mainReviewer(replay.entries, source: source),
                  source: source, reviewList: replay.reviewList, entries: replay.entries)
    }

    /// Calls `body` with every reviewed sample index and its review, in no particular order.
    func forEachReview(_ body: (Int, SampleReview) -> Void) { reviewList.forEach(body) }

    /// How many samples have a review.
    var reviewCount: Int { reviewList.count }

    /// The name most entries carry, or the last path component of `source`.
    static func mainReviewer(_ entries: [JournalEntry], source: String) -> String {
        var counts: [String: Int] = [:]
        // Counted by runs of one name (a journal is mostly one reviewer's): one hash per run.
        var run = "", length = 0
        for e in entries where !e.reviewer.isEmpty {
            if length > 0, e.reviewer == run { length += 1; continue }
            if length > 0 { counts[run, default: 0] += length }
            run = e.reviewer
            length = 1
        }
        if length > 0 { counts[run, default: 0] += length }
        if let best = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) { return best.key }
        return PathText.lastComponent(source)
    }

    /// The entry with sequence number `sequence` (entries are in file order, where sequence
    /// numbers increase, so this is a binary search with a linear fallback).
    public func entry(sequence: Int) -> JournalEntry? {
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].sequence < sequence { lo = mid + 1 } else { hi = mid }
        }
        if lo < entries.count, entries[lo].sequence == sequence { return entries[lo] }
        return entries.first { $0.sequence == sequence }
    }

    /// The entry that decided sample `index`'s current state.
    public func decisiveEntry(at index: Int) -> JournalEntry? {
        reviews[index]?.sequence.flatMap(entry(sequence:))
    }

    /// Whether any applied entry is a ruling (the journal is an adjudicator's).
    public var hasRulings: Bool { entries.contains { $0.ruling != nil } }

    /// The samples whose state in force was set by a ruling, with that state.
    public var rulings: [Int: SampleReview] {
        var out: [Int: SampleReview] = [:]
        for (index, review) in reviews {
            if let e = review.sequence.flatMap(entry(sequence:)), e.ruling != nil { out[index] = review }
        }
        return out
    }

    /// The label of sample `index`, or nil when this reviewer has no judgment on it.
    public func label(at index: Int, on basis: LabelBasis) -> ReviewerLabel? {
        reviews[index].flatMap { ReviewerLabel($0, on: basis) }
    }
}
