import Foundation

// CONTRACT STUB (skeleton): the public API below is what the front end builds against.
// The journal work replaces the bodies; the signatures may grow but not break.

/// One saved journal entry.
public struct JournalEntry: Sendable, Equatable {
    public var sequence: Int
    /// ISO 8601 UTC time of writing.
    public var time: String
    public var reviewer: String
    public var index: Int
    public var id: String
    public var sampleHash: String
    public var decision: Decision

    public init(sequence: Int, time: String, reviewer: String, index: Int, id: String,
                sampleHash: String, decision: Decision) {
        self.sequence = sequence
        self.time = time
        self.reviewer = reviewer
        self.index = index
        self.id = id
        self.sampleHash = sampleHash
        self.decision = decision
    }
}

/// Why a journal could not be opened or written.
public enum JournalError: Error, Sendable, Equatable, CustomStringConvertible {
    case notWritable(path: String, reason: String)
    case locked(path: String, holderPID: Int32, holderHost: String)
    case io(path: String, reason: String)
    case invalid(path: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .notWritable(let path, let reason): return "\(path): cannot write the journal: \(reason); choose another place with --journal PATH"
        case .locked(let path, let pid, let host): return "\(path): the journal is open for writing by process \(pid) on \(host)"
        case .io(let path, let reason): return "\(path): \(reason)"
        case .invalid(let path, let line, let reason): return "\(path):\(line): \(reason)"
        }
    }
}

/// The append-only sidecar journal of one reviewer session.
public final class Journal: @unchecked Sendable {
    public enum Mode: Sendable { case readWrite, readOnly }

    public let path: String
    public let reviewer: String

    init(path: String, reviewer: String) {
        self.path = path
        self.reviewer = reviewer
    }

    /// `<dataset file>.winnow.jsonl`.
    public static func defaultPath(forDataset datasetPath: String) -> String {
        datasetPath + ".winnow.jsonl"
    }

    /// Opens (creating if needed, in `.readWrite`) the journal for `dataset` and replays it.
    public static func open(path: String, dataset: Dataset, reviewer: String, mode: Mode,
                            matchByID: Bool = false) throws(JournalError) -> Journal {
        throw .io(path: path, reason: "not implemented yet (skeleton)")
    }

    /// Appends one decision; returns only after the entry is written and fsynced, so the
    /// caller may then say "saved".
    @discardableResult
    public func append(_ decision: Decision, index: Int) throws(JournalError) -> JournalEntry {
        throw .io(path: path, reason: "not implemented yet (skeleton)")
    }

    /// The current state of sample `index`.
    public func review(at index: Int) -> SampleReview { .undecided }

    /// How many samples have a decision (accepted, rejected, edited or skipped).
    public var decidedCount: Int { 0 }

    /// All live entries in order (for undo and history).
    public var entries: [JournalEntry] { [] }

    /// Problems found while reading (torn tail set aside, damaged lines, stale entries).
    public var problems: [String] { [] }
}
