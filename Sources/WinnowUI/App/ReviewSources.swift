import WinnowCore

/// What the review screen reads samples from (the dataset engine; tests pass a fake).
public protocol SampleSource: AnyObject {
    /// The dataset's path as given.
    var path: String { get }
    /// Number of samples.
    var count: Int { get }
    /// Decodes sample `index`, or says why it cannot be read.
    func sample(at index: Int) -> Result<Sample, UnreadableSample>
    /// The index of the first sample whose id is `id`.
    func index(ofID id: String) -> Int?
}

extension Dataset: SampleSource {}

/// Where decisions go (the journal; tests pass a fake).
public protocol DecisionLog: AnyObject {
    /// Appends one decision; returns only once it is durable.
    @discardableResult
    func append(_ decision: Decision, index: Int) throws(JournalError) -> JournalEntry
    /// The current state of sample `index`.
    func review(at index: Int) -> SampleReview
    /// How many samples have a decision.
    var decidedCount: Int { get }
    /// All live entries in order.
    var entries: [JournalEntry] { get }
    /// Problems found while reading.
    var problems: [String] { get }
}

extension Journal: DecisionLog {}
