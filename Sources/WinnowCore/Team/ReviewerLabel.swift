/// What agreement is computed on (`--on`).
public enum LabelBasis: String, Sendable, Equatable, CaseIterable {
    /// Accept vs reject only.
    case decision
    /// Accept, or reject together with its set of reasons (the default).
    case reasons
}

/// One reviewer's judgment of one sample, as agreement figures compare it.
///
/// The label is the reviewer's final state after replaying their journal: accepted (an edited
/// sample counts as accepted, since the merge keeps it; the edit is compared separately, see
/// `EditAgreement`) or rejected with its set of reasons. Skipped and undecided samples carry no
/// judgment: they are missing data, not a third category.
public struct ReviewerLabel: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Verdict: String, Sendable, Hashable, Comparable {
        case accept, reject
        public static func < (a: Verdict, b: Verdict) -> Bool { a.rawValue < b.rawValue }
    }

    public var verdict: Verdict
    /// Sorted, without duplicates; always empty for `.accept` and on the decision basis.
    public var reasons: [String]

    public init(verdict: Verdict, reasons: [String] = []) {
        self.verdict = verdict
        self.reasons = verdict == .reject ? Array(Set(reasons)).sorted() : []
    }

    /// The label of `review` on `basis`, or nil when the review is no judgment (skipped,
    /// undecided, notes only).
    public init?(_ review: SampleReview, on basis: LabelBasis) {
        switch review.status {
        case .accepted, .edited:
            verdict = .accept
            reasons = []
        case .rejected:
            verdict = .reject
            if basis == .reasons, !review.reasons.isEmpty {
                reasons = review.reasons.count == 1 ? review.reasons : Array(Set(review.reasons)).sorted()
            } else {
                reasons = []
            }
        case .skipped, .undecided:
            return nil
        }
    }

    /// The yes/no label "rejected for `reason`" of `review`, or nil when it is no judgment.
    public static func hasReason(_ review: SampleReview, _ reason: String) -> Bool? {
        switch review.status {
        case .accepted, .edited: return false
        case .rejected: return review.reasons.contains(reason)
        case .skipped, .undecided: return nil
        }
    }

    /// `accept`, `reject`, or `reject: ocr+hallucination`.
    public var description: String {
        reasons.isEmpty ? verdict.rawValue : verdict.rawValue + ": " + reasons.joined(separator: "+")
    }

    public static func < (a: ReviewerLabel, b: ReviewerLabel) -> Bool {
        if a.verdict != b.verdict { return a.verdict < b.verdict }
        return a.reasons.lexicographicallyPrecedes(b.reasons)
    }
}
