/// The journal's folding of decisions into each sample's review, for journals kept
/// elsewhere (in memory for tests and benchmarks): the same code as `Journal`, so a test
/// double can never disagree with the real journal about what a sequence of entries means.
public struct DecisionFold: Sendable {
    var state = JournalState()

    /// No entries yet.
    public init() {}

    /// Adds one entry (already numbered) and refolds its sample.
    public mutating func add(_ entry: JournalEntry) { state.add(entry) }

    /// The state of sample `index`.
    public func review(at index: Int) -> SampleReview { state.reviews[index] ?? .undecided }
    /// How many samples are accepted, rejected, edited or skipped.
    public var decidedCount: Int { state.decidedCount }
    /// Every entry, in order.
    public var entries: [JournalEntry] { state.entries }
}
