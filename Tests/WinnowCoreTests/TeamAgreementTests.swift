import Testing
@testable import WinnowCore

/// Published worked examples, reproduced to 3 decimals.
@Suite struct TeamAgreementTests {
    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4
    /// observers, 12 units, nominal values 1-5 with missing data; alpha = 0.743. The same data
    /// is Gwet's `cac.raw4raters` (Handbook of Inter-Rater Reliability; R package irrCAC),
    /// where percent agreement = 0.818 and AC1 = 0.775.
    static let krippendorff: AgreementTable = {
        let rows: [[Int?]] = [
            [1, 1, nil, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
            [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [nil, 5, 5, 5], [nil, nil, 1, 1], [nil, 3, nil, nil],
        ]
        return AgreementTable(coders: ["A", "B", "C", "D"], rows: rows.map { $0.map { $0.map(String.init) } })
    }()

    @Test func krippendorffNominalWithMissingData() throws {
        let alpha = AgreementStats.krippendorffAlpha(Self.krippendorff)
        #expect(try #require(alpha.value).rounded3 == 0.743)
        // Unit 12 has one value only: it cannot be paired.
        #expect(alpha.samples == 11)
        #expect(Self.krippendorff.singleJudgmentUnits == [11])
    }

    @Test func gwetAC1AndPercentAgreementOnTheSameData() throws {
        let ac1 = AgreementStats.gwetAC1(Self.krippendorff, categoryCount: 5)
        #expect(try #require(ac1.value).rounded3 == 0.775)
        #expect(try #require(AgreementStats.percentAgreement(Self.krippendorff).value).rounded3 == 0.818)
        // Judgment counts differ between units, so Fleiss' kappa is undefined.
        #expect(AgreementStats.fleissKappa(Self.krippendorff).value == nil)
    }

    /// Fleiss (1971) as worked on Wikipedia ("Fleiss' kappa", worked example): 10 subjects,
    /// 14 raters, 5 categories; P = 0.378, P_e = 0.213, kappa = 0.210.
    static let fleissCounts: [[Int]] = [
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ]

    @Test func fleissFromCounts() throws {
        #expect(try #require(AgreementStats.fleissKappa(counts: Self.fleissCounts)).rounded3 == 0.210)
    }

    @Test func fleissFromATableOfRaters() throws {
        // The same counts spread over 14 rater columns give the same kappa through the table.
        let rows: [[String?]] = Self.fleissCounts.map { counts in
            counts.enumerated().flatMap { k, n in Array(repeating: String(k + 1), count: n) }
        }
        let table = AgreementTable(coders: (1...14).map { "r\($0)" }, rows: rows)
        let kappa = AgreementStats.fleissKappa(table)
        #expect(try #require(kappa.value).rounded3 == 0.210)
        #expect(kappa.samples == 10)
    }

    /// Cohen's kappa as worked on Wikipedia ("Cohen's kappa", simple example): 50 proposals,
    /// both yes 20, A yes B no 5, A no B yes 10, both no 15; p_o = 0.7, p_e = 0.5, kappa = 0.4.
    @Test func cohenKappaFromATwoByTwoTable() throws {
        let table = ConfusionTable(categories: ["yes", "no"], counts: [[20, 5], [10, 15]])
        #expect(try #require(table.cohenKappa).rounded3 == 0.400)
        #expect(try #require(table.observedAgreement).rounded3 == 0.700)
    }

    /// The second Wikipedia example (45/15/25/15 of 100): kappa = 0.1304.
    @Test func cohenKappaSecondExample() throws {
        let table = ConfusionTable(categories: ["yes", "no"], counts: [[45, 15], [25, 15]])
        #expect(try #require(table.cohenKappa).rounded3 == 0.130)
    }

    @Test func cohenThroughATableEqualsTheConfusionFormula() throws {
        var rows: [[String?]] = []
        for (a, b, n) in [("yes", "yes", 20), ("yes", "no", 5), ("no", "yes", 10), ("no", "no", 15)] {
            rows += Array(repeating: [a, b], count: n)
        }
        let table = AgreementTable(coders: ["A", "B"], rows: rows)
        let confusion = AgreementStats.confusion(table, 0, 1)
        #expect(confusion.total == 50)
        #expect(try #require(confusion.cohenKappa).rounded3 == 0.400)
        // With two coders and no missing data, Fleiss' kappa is Scott's pi, and alpha is
        // close to it (alpha = pi + (1 - pi) / 2n): pi = 0.3939..., alpha = 0.4)
        #expect(try #require(AgreementStats.fleissKappa(table).value).rounded3 == 0.394)
        #expect(try #require(AgreementStats.krippendorffAlpha(table).value).rounded3 == 0.400)
    }

    /// The "kappa paradox" Gwet's AC1 answers: two raters agree on 118 of 125 samples, yet
    /// kappa is below 0 because one category dominates. By hand: p_o = 0.944; kappa: p_e =
    /// 0.984*0.96 + 0.016*0.04 = 0.9453, kappa = -0.023; AC1: pi = 0.972, p_e = 2*0.972*0.028 =
    /// 0.0544, AC1 = 0.941.
    @Test func gwetAC1HighAgreementParadox() throws {
        var rows: [[String?]] = []
        for (a, b, n) in [("+", "+", 118), ("+", "-", 5), ("-", "+", 2), ("-", "-", 0)] {
            rows += Array(repeating: [a, b], count: n)
        }
        let table = AgreementTable(coders: ["A", "B"], rows: rows)
        #expect(try #require(AgreementStats.confusion(table, 0, 1).cohenKappa).rounded3 == -0.023)
        #expect(try #require(AgreementStats.gwetAC1(table, categoryCount: 2).value).rounded3 == 0.941)
    }

    @Test func undefinedFiguresAreNilNotNaN() {
        let one = AgreementTable(coders: ["A", "B"], rows: [["x", "x"], ["x", "x"]])
        #expect(AgreementStats.krippendorffAlpha(one).value == nil)
        #expect(AgreementStats.confusion(one, 0, 1).cohenKappa == nil)
        #expect(AgreementStats.percentAgreement(one).value == 1)
        let empty = AgreementTable(coders: [], rows: [])
        #expect(AgreementStats.percentAgreement(empty).value == nil)
        #expect(AgreementStats.gwetAC1(empty).value == nil)
    }
}

extension Double {
    /// Rounded to 3 decimals, as published examples are quoted.
    var rounded3: Double { (self * 1000).rounded() / 1000 }
}
