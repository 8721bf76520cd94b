/// New text for an edited sample: some turns, or the whole conversation (for example after a
/// turn pair was deleted).
public enum SampleEdit: Sendable, Equatable {
    /// Turn index (0-based, into the sample's turns) -> new text.
    case turns([Int: String])
    /// The whole new dialogue.
    case conversation([Turn])
}

/// One decision a reviewer records about a sample.
public enum Decision: Sendable, Equatable {
    case accept
    case reject(reasons: [String], note: String?)
    /// Seen, no decision (kept in the output like an unreviewed sample).
    case skip
    case edit(SampleEdit, note: String?)
    /// Undo of the entry with this sequence number.
    case undo(sequence: Int)
    /// A note and/or a flag without a decision.
    case note(text: String?, flag: String?)
    /// Back to undecided: takes back the decision and edit in force (from any session) with
    /// an entry of its own; notes and flags stay. Undoing it restores what it reset.
    case reset
}

/// The current review state of one sample, after replaying the journal.
public enum ReviewStatus: String, Sendable, Equatable, CaseIterable {
    case undecided, accepted, rejected, edited, skipped
}

/// Everything the journal says about one sample now.
public struct SampleReview: Sendable, Equatable {
    public var status: ReviewStatus
    /// Reject reasons (when rejected).
    public var reasons: [String]
    /// The decision's note, if any.
    public var note: String?
    /// The edit in force (edits accumulate; a later reject still wins for the output).
    public var edit: SampleEdit?
    /// Notes and flags recorded without a decision.
    public var notes: [String]
    public var flags: [String]
    /// Who made the decision in force and its sequence number.
    public var reviewer: String?
    public var sequence: Int?

    public init(status: ReviewStatus = .undecided, reasons: [String] = [], note: String? = nil,
                edit: SampleEdit? = nil, notes: [String] = [], flags: [String] = [],
                reviewer: String? = nil, sequence: Int? = nil) {
        self.status = status
        self.reasons = reasons
        self.note = note
        self.edit = edit
        self.notes = notes
        self.flags = flags
        self.reviewer = reviewer
        self.sequence = sequence
    }

    public static let undecided = SampleReview()
}
