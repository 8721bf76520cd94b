/// Where one reviewer's decisions are kept: the file journal, or a team store (WinnowStore).
///
/// Both fold their entries with the same `JournalReplay`, so a decision means the same thing
/// wherever it is kept; front ends (`decide`, the review screen) build against this protocol.
public protocol DecisionStore: AnyObject {
    /// The reviewer whose entries this store appends.
    var reviewer: String { get }
    /// Appends one decision; returns only once it is durable (committed, or fsynced locally).
    @discardableResult
    func append(_ decision: Decision, index: Int) throws(JournalError) -> JournalEntry
    /// The current state of sample `index`.
    func review(at index: Int) -> SampleReview
    /// The latest decision in force on sample `index` (what a plain undo takes back).
    func latestUndoableEntry(at index: Int) -> JournalEntry?
    /// Whether entry `sequence` is applied and not undone.
    func isInForce(sequence: Int) -> Bool
    /// Every applied entry on sample `index`, oldest first.
    func history(at index: Int) -> [JournalEntry]
    /// How many samples have a decision.
    var decidedCount: Int { get }
    /// All applied entries in order.
    var entries: [JournalEntry] { get }
    /// Problems found while reading.
    var problems: [String] { get }
    /// Ends the session (releases locks and connections).
    func close()
}

extension Journal: DecisionStore {}
