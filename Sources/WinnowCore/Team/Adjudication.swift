/// The samples reviewers disagree on, and the rulings that settle them (`winnow adjudicate`).
///
/// A sample is a conflict when two or more reviewers judged it and their labels differ (on the
/// chosen basis), or all accepted it but their edited dialogues differ (an edit matters only
/// for a kept sample). Samples judged by one reviewer are not conflicts: nothing to compare.
public struct Adjudication: Sendable {
    /// One reviewer's side of a sample.
    public struct Side: Sendable, Equatable {
        public var reviewer: String
        public var source: String
        public var review: SampleReview
        /// nil when the reviewer skipped the sample or left it undecided.
        public var label: ReviewerLabel?
        /// The time of the entry that decided the state.
        public var time: String
        /// The dialogue after the reviewer's edit (nil when they did not edit).
        public var edited: [Turn]?
    }

    /// One sample with every reviewer's side.
    public struct Conflict: Sendable, Equatable {
        public var index: Int
        public var id: String
        public var sides: [Side]
        /// The label most reviewers gave, when one has strictly more votes than any other.
        public var majority: ReviewerLabel?
        /// The adjudicator's ruling in force, if any.
        public var ruling: SampleReview?
    }

    public var basis: LabelBasis
    /// Samples where labels or edits differ, by index.
    public var conflicts: [Conflict]
    /// Samples two or more reviewers judged alike (labels, and edits when kept).
    public var unanimous: [Conflict]
    /// Samples judged by one reviewer only.
    public var singleReviewer: [Int]

    /// Compares `reviewers` sample by sample; `rulings` is the adjudicator's state (if any),
    /// `original` a sample's dialogue before edits, `id` its id.
    public init(_ reviewers: [ReviewerState], on basis: LabelBasis, adjudicator: ReviewerState? = nil,
                original: (Int) -> [Turn]?, id: (Int) -> String) {
        self.basis = basis
        let rulings = adjudicator?.rulings ?? [:]
        var indices = Set<Int>()
        for r in reviewers { for (i, review) in r.reviews where ReviewerLabel(review, on: basis) != nil { indices.insert(i) } }
        var conflicts: [Conflict] = [], unanimous: [Conflict] = [], single: [Int] = []
        for index in indices.sorted() {
            var sides: [Side] = []
            for r in reviewers {
                guard let review = r.reviews[index] else { continue }
                let label = ReviewerLabel(review, on: basis)
                let edited = review.edit.flatMap { e in original(index).map { e.applied(to: $0) } }
                sides.append(Side(reviewer: r.reviewer, source: r.source, review: review, label: label,
                                  time: r.decisiveEntry(at: index)?.time ?? "", edited: edited))
            }
            let judged = sides.filter { $0.label != nil }
            guard judged.count >= 2 else { single.append(index); continue }
            var votes: [ReviewerLabel: Int] = [:]
            for s in judged { if let l = s.label { votes[l, default: 0] += 1 } }
            let ranked = votes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            let majority = ranked.count == 1 || (ranked.count > 1 && ranked[0].value > ranked[1].value) ? ranked.first?.key : nil
            let kept = judged.filter { $0.label?.verdict == .accept }
            let editsDiffer = votes.count == 1 && kept.count >= 2
                && Set(kept.map { $0.edited.map(EditAgreement.text) ?? "\u{0}original" }).count > 1
            let c = Conflict(index: index, id: id(index), sides: sides, majority: majority, ruling: rulings[index])
            if votes.count > 1 || editsDiffer { conflicts.append(c) } else { unanimous.append(c) }
        }
        self.conflicts = conflicts
        self.unanimous = unanimous
        self.singleReviewer = single
    }

    /// The decision that takes over `review` as it is (`--pick`, `--auto-unanimous`): its
    /// accept, its reject with reasons and note, or its edit; nil when it is no judgment.
    public static func decision(taking review: SampleReview) -> Decision? {
        switch review.status {
        case .rejected: return .reject(reasons: review.reasons, note: review.note)
        case .accepted, .edited:
            if let edit = review.edit { return .edit(edit, note: review.note) }
            return .accept
        case .skipped, .undecided: return nil
        }
    }
}
