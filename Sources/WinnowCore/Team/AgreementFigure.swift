/// One agreement statistic with the number of samples it rests on; `value` is nil when the
/// statistic is undefined for the data (no pairable samples, a single category in use, Fleiss'
/// kappa with unequal numbers of judgments, ...).
public struct AgreementFigure: Sendable, Equatable {
    public var value: Double?
    public var samples: Int

    public init(value: Double?, samples: Int) {
        self.value = value.flatMap { $0.isFinite ? $0 : nil }
        self.samples = samples
    }
}

/// Counts of two reviewers' labels on the samples both judged: `counts[i][j]` is the number of
/// samples `a` labelled `categories[i]` and `b` labelled `categories[j]`.
public struct ConfusionTable: Sendable, Equatable {
    public var categories: [String]
    public var counts: [[Int]]

    public init(categories: [String], counts: [[Int]]) {
        self.categories = categories
        self.counts = counts
    }

    /// The samples both judged.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    /// The share of those samples with the same label.
    public var observedAgreement: Double? {
        let n = total
        guard n > 0 else { return nil }
        var same = 0
        for i in counts.indices where i < counts[i].count { same += counts[i][i] }
        return Double(same) / Double(n)
    }

    /// Cohen's kappa (1960): (p_o - p_e) / (1 - p_e) with p_e from the two reviewers' own
    /// marginals; nil with no samples or when p_e = 1 (both used one and the same category).
    public var cohenKappa: Double? {
        let n = Double(total)
        guard n > 0, let po = observedAgreement else { return nil }
        var pe = 0.0
        for i in counts.indices {
            let row = Double(counts[i].reduce(0, +))
            var col = 0.0
            for r in counts where i < r.count { col += Double(r[i]) }
            pe += (row / n) * (col / n)
        }
        guard pe < 1 else { return nil }
        return (po - pe) / (1 - pe)
    }
}
