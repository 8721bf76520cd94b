/// Agreement coefficients over an `AgreementTable` (nominal data, missing judgments allowed).
///
/// Conventions, shared by every figure: a sample (unit) judged by fewer than two reviewers is
/// not pairable and counts for nothing, except in Gwet's chance term, which by Gwet's
/// definition uses every unit with at least one judgment.
public enum AgreementStats {
    /// Per-unit category counts, accumulated once and shared by the statistics.
    struct UnitCounts {
        /// Units with at least two judgments.
        var pairable = 0
        /// Units with at least one judgment.
        var judged = 0
        /// Sum over pairable units of agreeing ordered pairs / all ordered pairs.
        var agreementSum = 0.0
        /// Krippendorff: sum over pairable units of disagreeing ordered pairs / (m - 1).
        var disagreementCoincidences = 0.0
        /// Krippendorff: judgments per category in pairable units.
        var pairableByCategory: [Double]
        /// Gwet: sum over judged units of (judgments in category / judgments in unit).
        var shareByCategory: [Double]
        /// Fleiss: judgments per category, and the number of judgments per pairable unit when
        /// it is the same for all (nil when it varies).
        var fleissByCategory: [Double]
        var commonCount: Int? = nil
        var countsVary = false

        init(_ t: AgreementTable) {
            let q = t.categories.count
            pairableByCategory = Array(repeating: 0, count: q)
            shareByCategory = Array(repeating: 0, count: q)
            fleissByCategory = Array(repeating: 0, count: q)
            let n = t.coders.count
            var inUnit = [Int](repeating: 0, count: q)
            var used: [Int] = []
            used.reserveCapacity(n)
            t.codes.withUnsafeBufferPointer { codes in
                for u in 0..<t.units.count {
                    used.removeAll(keepingCapacity: true)
                    var m = 0
                    for c in 0..<n {
                        let k = Int(codes[u * n + c])
                        guard k >= 0, k < q else { continue }
                        if inUnit[k] == 0 { used.append(k) }
                        inUnit[k] += 1
                        m += 1
                    }
                    if m >= 1 {
                        judged += 1
                        for k in used { shareByCategory[k] += Double(inUnit[k]) / Double(m) }
                    }
                    if m >= 2 {
                        pairable += 1
                        var agreeing = 0
                        var sumSquares = 0
                        for k in used {
                            agreeing += inUnit[k] * (inUnit[k] - 1)
                            sumSquares += inUnit[k] * inUnit[k]
                            pairableByCategory[k] += Double(inUnit[k])
                        }
                        agreementSum += Double(agreeing) / Double(m * (m - 1))
                        disagreementCoincidences += Double(m * m - sumSquares) / Double(m - 1)
                        if let common = commonCount, common != m { countsVary = true }
                        if commonCount == nil { commonCount = m }
                        for k in used { fleissByCategory[k] += Double(inUnit[k]) }
                    }
                    for k in used { inUnit[k] = 0 }
                }
            }
        }
    }

    /// Observed agreement: over pairable samples, the mean share of agreeing reviewer pairs
    /// (for two reviewers, the share of samples with the same label).
    public static func percentAgreement(_ t: AgreementTable) -> AgreementFigure {
        percentAgreement(UnitCounts(t))
    }

    static func percentAgreement(_ u: UnitCounts) -> AgreementFigure {
        AgreementFigure(value: u.pairable > 0 ? u.agreementSum / Double(u.pairable) : nil, samples: u.pairable)
    }

    /// Krippendorff's alpha for nominal data with missing judgments (Krippendorff 2011,
    /// "Computing Krippendorff's Alpha-Reliability"): 1 - (n - 1) * D_o / sum_{c != k} n_c n_k,
    /// from the coincidence matrix of pairable samples. nil when fewer than two judgments can
    /// be paired or only one category occurs.
    public static func krippendorffAlpha(_ t: AgreementTable) -> AgreementFigure {
        krippendorffAlpha(UnitCounts(t))
    }

    static func krippendorffAlpha(_ u: UnitCounts) -> AgreementFigure {
        let n = u.pairableByCategory.reduce(0, +)
        let expected = n * n - u.pairableByCategory.reduce(0) { $0 + $1 * $1 }
        guard n > 1, expected > 0 else { return AgreementFigure(value: nil, samples: u.pairable) }
        return AgreementFigure(value: 1 - (n - 1) * u.disagreementCoincidences / expected, samples: u.pairable)
    }

    /// Fleiss' kappa (1971), defined when every pairable sample has the same number of
    /// judgments; nil otherwise (use Krippendorff's alpha then).
    public static func fleissKappa(_ t: AgreementTable) -> AgreementFigure {
        fleissKappa(UnitCounts(t))
    }

    static func fleissKappa(_ u: UnitCounts) -> AgreementFigure {
        guard !u.countsVary, let m = u.commonCount, u.pairable > 0 else { return AgreementFigure(value: nil, samples: u.pairable) }
        let total = Double(u.pairable * m)
        let pe = u.fleissByCategory.reduce(0) { $0 + ($1 / total) * ($1 / total) }
        let pbar = u.agreementSum / Double(u.pairable)
        guard pe < 1 else { return AgreementFigure(value: nil, samples: u.pairable) }
        return AgreementFigure(value: (pbar - pe) / (1 - pe), samples: u.pairable)
    }

    /// Fleiss' kappa from a subjects x categories table of counts (every row summing to the
    /// same number of raters), as in Fleiss (1971); nil when rows differ or p_e = 1.
    public static func fleissKappa(counts: [[Int]]) -> Double? {
        guard let m = counts.first?.reduce(0, +), m >= 2, counts.allSatisfy({ $0.reduce(0, +) == m }) else { return nil }
        let q = counts.map(\.count).max() ?? 0
        var byCategory = [Double](repeating: 0, count: q)
        var pSum = 0.0
        for row in counts {
            var agreeing = 0
            for (k, x) in row.enumerated() { agreeing += x * (x - 1); byCategory[k] += Double(x) }
            pSum += Double(agreeing) / Double(m * (m - 1))
        }
        let total = Double(counts.count * m)
        let pe = byCategory.reduce(0) { $0 + ($1 / total) * ($1 / total) }
        guard pe < 1 else { return nil }
        return (pSum / Double(counts.count) - pe) / (1 - pe)
    }

    /// Gwet's AC1 (Gwet 2008; 2014, ch. 4) for several raters with missing judgments:
    /// (p_a - p_e) / (1 - p_e), p_a over pairable samples, p_e = sum_k pi_k (1 - pi_k) / (q - 1)
    /// with pi_k the mean share of category k over samples with any judgment. `categoryCount`
    /// is q, the number of possible categories (at least those used; 2 for accept/reject).
    public static func gwetAC1(_ t: AgreementTable, categoryCount: Int? = nil) -> AgreementFigure {
        gwetAC1(UnitCounts(t), categoryCount: categoryCount)
    }

    static func gwetAC1(_ u: UnitCounts, categoryCount: Int?) -> AgreementFigure {
        let q = max(categoryCount ?? 0, u.shareByCategory.count)
        guard u.pairable > 0, u.judged > 0, q >= 2 else { return AgreementFigure(value: nil, samples: u.pairable) }
        let pa = u.agreementSum / Double(u.pairable)
        var pe = 0.0
        for s in u.shareByCategory {
            let pi = s / Double(u.judged)
            pe += pi * (1 - pi)
        }
        pe /= Double(q - 1)
        guard pe < 1 else { return AgreementFigure(value: nil, samples: u.pairable) }
        return AgreementFigure(value: (pa - pe) / (1 - pe), samples: u.pairable)
    }

    /// The confusion table of coders `a` and `b` over the samples both judged.
    public static func confusion(_ t: AgreementTable, _ a: Int, _ b: Int) -> ConfusionTable {
        let q = t.categories.count
        let n = t.coders.count
        var counts = [[Int]](repeating: [Int](repeating: 0, count: q), count: q)
        t.codes.withUnsafeBufferPointer { codes in
            for u in 0..<t.units.count {
                let x = Int(codes[u * n + a]), y = Int(codes[u * n + b])
                if x >= 0, y >= 0, x < q, y < q { counts[x][y] += 1 }
            }
        }
        return ConfusionTable(categories: t.categories, counts: counts)
    }
}
