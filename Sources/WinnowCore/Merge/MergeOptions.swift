/// How `winnow merge` builds its output.
public struct MergeOptions: Sendable {
    /// What to do with samples nobody decided on (and skipped ones).
    public enum Unreviewed: String, Sendable, CaseIterable { case keep, drop }
    /// The output container.
    public enum Format: String, Sendable, CaseIterable { case same, json, jsonl }
    /// How disagreements between journals are settled.
    public enum Policy: String, Sendable, CaseIterable {
        /// The decision written last (by time) wins.
        case latest
        /// Any reject wins; otherwise the latest decision.
        case rejectWins = "reject-wins"
        /// List the conflicts and write nothing.
        case strict
        /// An adjudicator's ruling (`winnow adjudicate`) wins; conflicts without one are
        /// listed and nothing is written.
        case adjudicated
    }

    public var outputPath: String
    /// Where rejected samples go (JSON Lines with reasons, note, reviewer), if anywhere.
    public var rejectedPath: String?
    public var unreviewed: Unreviewed
    public var format: Format
    public var policy: Policy
    public var matchByID: Bool
    /// Write only the readable samples when the dataset has damage (else nothing is written).
    public var dropDamaged: Bool
    /// Merge without the stale entries (else they stop the merge).
    public var allowStale: Bool
    /// Re-read the output before renaming it into place. Only the benchmark turns this off,
    /// to measure what the check costs.
    package var verifyOutput = true

    public init(outputPath: String, rejectedPath: String? = nil, unreviewed: Unreviewed = .keep,
                format: Format = .same, policy: Policy = .strict, matchByID: Bool = false,
                dropDamaged: Bool = false, allowStale: Bool = false) {
        self.outputPath = outputPath
        self.rejectedPath = rejectedPath
        self.unreviewed = unreviewed
        self.format = format
        self.policy = policy
        self.matchByID = matchByID
        self.dropDamaged = dropDamaged
        self.allowStale = allowStale
    }
}

/// Two or more journals that disagree about one sample.
public struct MergeConflict: Sendable, Equatable, CustomStringConvertible {
    /// One journal's view of the sample.
    public struct Side: Sendable, Equatable {
        public var journal: String
        public var review: SampleReview
        public var time: String
    }

    public var index: Int
    public var id: String
    public var sides: [Side]

    /// `sample 12 (id X): a.jsonl: rejected by ann (seq 4, time); b.jsonl: accepted by bob ...`.
    public var description: String {
        let parts = sides.map { s -> String in
            var text = "\(s.journal): \(s.review.status.rawValue)"
            if s.review.status == .rejected, !s.review.reasons.isEmpty { text += " (\(s.review.reasons.joined(separator: ", ")))" }
            if s.review.edit != nil, s.review.status != .edited { text += " with an edit" }
            if let r = s.review.reviewer { text += " by \(r)" }
            if let q = s.review.sequence { text += " (entry \(q), \(s.time))" }
            return text
        }
        return "sample \(index) (id \(id)): " + parts.joined(separator: "; ")
    }
}

/// Why a merge wrote nothing.
public enum MergeError: Error, Sendable, CustomStringConvertible {
    case sameAsInput(path: String)
    case cannotWrite(path: String, reason: String)
    case conflicts([MergeConflict])
    case journal(JournalError)
    case cannotApplyEdit(index: Int, reason: String)
    /// The dataset has file-level problems or unreadable samples that would be written.
    case damaged([String])
    /// Journal entries written for another version of the dataset.
    case stale([String])
    /// The written file did not read back as loadable JSON; it was not renamed into place.
    case invalidOutput(path: String, reason: String)

    public var description: String {
        switch self {
        case .sameAsInput(let path): return "\(path): the output may not be the input dataset, a journal, or the other output"
        case .cannotWrite(let path, let reason): return "\(path): cannot write: \(reason)"
        case .conflicts(let list):
            return "\(list.count) sample(s) with conflicting decisions between journals; choose --policy latest or reject-wins, or settle them:\n"
                + list.prefix(50).map { "  " + $0.description }.joined(separator: "\n")
                + (list.count > 50 ? "\n  ... and \(list.count - 50) more" : "")
        case .journal(let e): return e.description
        case .cannotApplyEdit(let index, let reason): return "sample \(index): cannot apply the edit: \(reason)"
        case .damaged(let list):
            return MergeError.listing(list, limit: 50)
                + "\n\(list.count) \(list.count == 1 ? "problem" : "problems") in the dataset; nothing written. Fix them, reject the damaged samples, "
                + "or pass --drop-damaged to write only the readable samples."
        case .stale(let list):
            return MergeError.listing(list, limit: 50)
                + "\n\(list.count) stale journal entr\(list.count == 1 ? "y" : "ies") (the dataset changed since they were written); "
                + "nothing written. Check with `winnow journal check`, try --match-by-id, or pass --allow-stale to merge without them."
        case .invalidOutput(let path, let reason):
            return "\(path): the written file does not read back as valid JSON (\(reason)); it was not renamed into place"
        }
    }
}

extension MergeError {
    /// The first `limit` lines of `list`, indented, then how many more.
    static func listing(_ list: [String], limit: Int) -> String {
        list.prefix(limit).map { "  " + $0 }.joined(separator: "\n")
            + (list.count > limit ? "\n  ... and \(list.count - limit) more" : "")
    }
}
