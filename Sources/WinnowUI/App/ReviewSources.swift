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
    /// File-level problems found while opening (a truncated tail, trailing data, a BOM).
    var fileProblems: [String] { get }
}

extension SampleSource {
    public var fileProblems: [String] { [] }
}

extension Dataset: SampleSource {
    /// Named by file name only: the header already says which file, and the message row is
    /// one line.
    public var fileProblems: [String] {
        problems.map { p in
            var short = p
            short.file = PathText.lastComponent(p.file)
            return short.description
        }
    }
}

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
    /// Appends several decisions (a batch); what comes back saved is durable.
    func appendEach(_ items: [(decision: Decision, index: Int)]) -> BatchAppend
}

extension Journal: DecisionLog {
    /// One write and one fsync for the whole batch: all of it is saved, or none.
    public func appendEach(_ items: [(decision: Decision, index: Int)]) -> BatchAppend {
        do { return BatchAppend(saved: try appendBatch(items), error: nil) } catch {
            return BatchAppend(saved: [], error: error)
        }
    }
}

/// What a batch append saved: every entry in `saved` is durable; `error` says why the rest
/// (if any) was not saved.
public struct BatchAppend: Sendable, Equatable {
    public var saved: [JournalEntry]
    public var error: JournalError?

    public init(saved: [JournalEntry], error: JournalError?) {
        self.saved = saved
        self.error = error
    }
}

extension DecisionLog {
    /// Appends decisions one by one, stopping at the first failure (logs without a batch
    /// write: the team store, test doubles). What came back saved is durable.
    public func appendEach(_ items: [(decision: Decision, index: Int)]) -> BatchAppend {
        var saved: [JournalEntry] = []
        for item in items {
            do { saved.append(try append(item.decision, index: item.index)) } catch {
                return BatchAppend(saved: saved, error: error)
            }
        }
        return BatchAppend(saved: saved, error: nil)
    }
}
