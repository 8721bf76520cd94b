/// A reviewer measured against reference labels: gold answers, or the adjudicated result.
public struct ReferenceAgreement: Sendable, Equatable {
    public var reviewer: String
    /// Reference samples the reviewer judged.
    public var samples: Int
    /// Of those, samples where the reviewer's label equals the reference.
    public var correct: Int
    /// Cohen's kappa between the reviewer and the reference (nil when undefined).
    public var cohenKappa: Double?

    public init(reviewer: String, samples: Int, correct: Int, cohenKappa: Double?) {
        self.reviewer = reviewer
        self.samples = samples
        self.correct = correct
        self.cohenKappa = cohenKappa
    }

    /// correct / samples (nil with no samples).
    public var accuracy: Double? { samples > 0 ? Double(correct) / Double(samples) : nil }

    /// Each reviewer against `reference` (sample index -> reference state) on `basis`.
    public static func rows(_ states: [ReviewerState], reference: [Int: SampleReview], on basis: LabelBasis) -> [ReferenceAgreement] {
        let truth = reference.compactMapValues { ReviewerLabel($0, on: basis) }
        return states.map { s in
            let r = ReviewerState(reviewer: "reference", source: "", reviews: reference, entries: [])
            let table = AgreementTable([s, r], on: basis)
            let confusion = AgreementStats.confusion(table, 0, 1)
            var correct = 0
            for (index, label) in truth where s.label(at: index, on: basis) == label { correct += 1 }
            return ReferenceAgreement(reviewer: s.reviewer, samples: confusion.total, correct: correct, cohenKappa: confusion.cohenKappa)
        }
    }
}
