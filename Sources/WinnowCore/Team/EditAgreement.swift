/// How alike two reviewers' edits are, on the samples both edited.
///
/// Texts are compared as the whole edited dialogue (turns joined by a line break), by grapheme
/// cluster as the diff view shows them: the distance is the number of graphemes deleted plus
/// inserted by `GraphemeDiff`, divided by the two texts' total length, so 0 is identical and 1
/// shares nothing.
public struct EditAgreement: Sendable, Equatable {
    public var a: String
    public var b: String
    /// Samples both reviewers edited.
    public var samples: Int
    /// Of those, samples with exactly the same edited dialogue.
    public var exactMatches: Int
    /// Mean normalised grapheme edit distance (nil with no samples).
    public var meanDistance: Double?

    public init(a: String, b: String, samples: Int, exactMatches: Int, meanDistance: Double?) {
        self.a = a
        self.b = b
        self.samples = samples
        self.exactMatches = exactMatches
        self.meanDistance = meanDistance
    }

    /// The exact-match rate (nil with no samples).
    public var exactMatchRate: Double? { samples > 0 ? Double(exactMatches) / Double(samples) : nil }

    /// Every pair of reviewers; `original` gives a sample's dialogue before any edit (nil when
    /// it cannot be read, and then the sample is left out).
    public static func pairs(_ states: [ReviewerState], original: (Int) -> [Turn]?) -> [EditAgreement] {
        // Only edited samples matter: pick them out once per reviewer.
        let edited = states.map { s in
            var reviews: [Int: SampleReview] = [:]
            s.forEachReview { index, review in if review.edit != nil { reviews[index] = review } }
            return ReviewerState(reviewer: s.reviewer, source: s.source, reviews: reviews, entries: [])
        }
        var out: [EditAgreement] = []
        for i in edited.indices {
            for j in edited.indices where j > i {
                out.append(pair(edited[i], edited[j], original: original))
            }
        }
        return out
    }

    /// Two reviewers' edits compared.
    public static func pair(_ x: ReviewerState, _ y: ReviewerState, original: (Int) -> [Turn]?) -> EditAgreement {
        var samples = 0, exact = 0
        var total = 0.0
        for (index, rx) in x.reviews {
            guard let ex = rx.edit, let ey = y.reviews[index]?.edit, let turns = original(index) else { continue }
            let tx = text(ex.applied(to: turns)), ty = text(ey.applied(to: turns))
            samples += 1
            if tx == ty { exact += 1; continue }
            total += distance(tx, ty)
        }
        return EditAgreement(a: x.reviewer, b: y.reviewer, samples: samples, exactMatches: exact,
                             meanDistance: samples > 0 ? total / Double(samples) : nil)
    }

    /// The dialogue as one text (roles included, so moving text between roles differs).
    public static func text(_ turns: [Turn]) -> String {
        turns.map { $0.roleName + ": " + $0.text }.joined(separator: "\n")
    }

    /// Normalised grapheme edit distance (insertions + deletions) / (|a| + |b|).
    public static func distance(_ a: String, _ b: String) -> Double {
        let length = a.count + b.count
        guard length > 0 else { return 0 }
        let (d, i) = GraphemeDiff.changeCounts(GraphemeDiff.diff(a, b))
        return Double(d + i) / Double(length)
    }
}
