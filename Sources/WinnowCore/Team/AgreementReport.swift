/// Every agreement figure of `winnow agree` for one set of reviewers (the shared definition of
/// what the command line and the team store report). JSON member names are documented in
/// docs/teams.md and are stable.
public struct AgreementReport: Sendable {
    /// Krippendorff's alpha of one reason as a yes/no label.
    public struct ReasonAgreement: Sendable, Equatable {
        public var reason: String
        /// Judgments "rejected for this reason".
        public var yes: Int
        public var alpha: AgreementFigure
    }

    public var basis: LabelBasis
    public var reviewers: [String]
    public var sources: [String]
    /// Judgments per reviewer, in `reviewers` order.
    public var judgmentsPerReviewer: [Int]
    /// Samples judged by at least one reviewer.
    public var samples: Int
    public var judgments: Int
    public var percentAgreement: AgreementFigure
    public var krippendorffAlpha: AgreementFigure
    public var fleissKappa: AgreementFigure
    public var gwetAC1: AgreementFigure
    public var pairs: [PairAgreement]
    public var reasons: [ReasonAgreement]
    public var edits: [EditAgreement]
    /// Samples judged by only one reviewer (they count for nothing in pairwise figures).
    public var singleReviewer: [Int]
    /// Each reviewer against gold answers, when given.
    public var gold: [ReferenceAgreement]?
    /// Each reviewer against the adjudicator's rulings, when there are any.
    public var adjudicated: [ReferenceAgreement]?

    /// Computes every figure. `original` gives a sample's dialogue before edits (for edit
    /// agreement); `gold` and `rulings` are reference states by sample index.
    public init(_ states: [ReviewerState], on basis: LabelBasis, original: (Int) -> [Turn]?,
                gold: [Int: SampleReview]? = nil, rulings: [Int: SampleReview]? = nil) {
        self.basis = basis
        reviewers = states.map(\.reviewer)
        sources = states.map(\.source)
        // One pass over every reviewer's reviews, on the finest labels; the decision and
        // per-reason tables are recodings of it.
        let (fine, labels) = AgreementTable.build(states, acceptsAlike: true) { ReviewerLabel($0, on: .reasons) }
        let table = basis == .reasons ? fine
            : fine.recoded(categories: ["accept", "reject"], map: labels.map { $0.verdict == .accept ? 0 : 1 })
        let counts = AgreementStats.UnitCounts(table)
        samples = counts.judged
        let n = table.coders.count
        var perReviewer = [Int](repeating: 0, count: n)
        for (i, code) in table.codes.enumerated() where code >= 0 { perReviewer[i % max(1, n)] += 1 }
        judgmentsPerReviewer = perReviewer
        judgments = perReviewer.reduce(0, +)
        percentAgreement = AgreementStats.percentAgreement(counts)
        krippendorffAlpha = AgreementStats.krippendorffAlpha(counts)
        fleissKappa = AgreementStats.fleissKappa(counts)
        gwetAC1 = AgreementStats.gwetAC1(counts, categoryCount: basis == .decision ? 2 : max(2, table.categories.count))
        pairs = PairAgreement.all(table)
        singleReviewer = table.singleJudgmentUnits
        let reasonNames = Set(labels.flatMap(\.reasons)).sorted()
        reasons = reasonNames.map { reason in
            let t = fine.recoded(categories: ["no", "yes"], map: labels.map { $0.reasons.contains(reason) ? 1 : 0 })
            let yes = t.categories.firstIndex(of: "yes").map { k in t.codes.reduce(0) { $0 + ($1 == Int32(k) ? 1 : 0) } } ?? 0
            return ReasonAgreement(reason: reason, yes: yes, alpha: AgreementStats.krippendorffAlpha(t))
        }
        edits = EditAgreement.pairs(states, original: original)
        self.gold = gold.map { ReferenceAgreement.rows(states, reference: $0, on: basis) }
        self.adjudicated = rulings.flatMap { $0.isEmpty ? nil : ReferenceAgreement.rows(states, reference: $0, on: basis) }
    }

    /// One JSON object (docs/teams.md, "winnow agree --json").
    public var json: String {
        func figure(_ f: AgreementFigure) -> JSONValue { TeamJSON.number(f.value) }
        func reference(_ rows: [ReferenceAgreement]?) -> JSONValue {
            guard let rows else { return .null }
            return .array(rows.map { r in
                TeamJSON.object([("reviewer", .string(r.reviewer)), ("samples", TeamJSON.int(r.samples)),
                                 ("correct", TeamJSON.int(r.correct)), ("accuracy", TeamJSON.number(r.accuracy)),
                                 ("cohen_kappa", TeamJSON.number(r.cohenKappa))])
            })
        }
        let value = TeamJSON.object([
            ("on", .string(basis.rawValue)),
            ("reviewers", .array(reviewers.indices.map { i in
                TeamJSON.object([("name", .string(reviewers[i])), ("journal", .string(sources[i])),
                                 ("judgments", TeamJSON.int(judgmentsPerReviewer[i]))])
            })),
            ("samples", TeamJSON.int(samples)),
            ("judgments", TeamJSON.int(judgments)),
            ("pairable_samples", TeamJSON.int(percentAgreement.samples)),
            ("percent_agreement", figure(percentAgreement)),
            ("krippendorff_alpha", figure(krippendorffAlpha)),
            ("fleiss_kappa", figure(fleissKappa)),
            ("gwet_ac1", figure(gwetAC1)),
            ("rests_on", TeamJSON.object([
                ("percent_agreement", TeamJSON.int(percentAgreement.samples)),
                ("krippendorff_alpha", TeamJSON.int(krippendorffAlpha.samples)),
                ("fleiss_kappa", TeamJSON.int(fleissKappa.samples)),
                ("gwet_ac1", TeamJSON.int(gwetAC1.samples)),
            ])),
            ("pairs", .array(pairs.map { p in
                TeamJSON.object([
                    ("a", .string(p.a)), ("b", .string(p.b)), ("samples", TeamJSON.int(p.samples)),
                    ("percent_agreement", TeamJSON.number(p.percentAgreement)), ("cohen_kappa", TeamJSON.number(p.cohenKappa)),
                    ("confusion", TeamJSON.object([("categories", TeamJSON.strings(p.confusion.categories)),
                                                   ("counts", .array(p.confusion.counts.map(TeamJSON.ints)))])),
                ])
            })),
            ("reasons", .array(reasons.map { r in
                TeamJSON.object([("reason", .string(r.reason)), ("yes", TeamJSON.int(r.yes)),
                                 ("samples", TeamJSON.int(r.alpha.samples)), ("krippendorff_alpha", figure(r.alpha))])
            })),
            ("edits", .array(edits.map { e in
                TeamJSON.object([("a", .string(e.a)), ("b", .string(e.b)), ("samples", TeamJSON.int(e.samples)),
                                 ("exact_matches", TeamJSON.int(e.exactMatches)),
                                 ("exact_match_rate", TeamJSON.number(e.exactMatchRate)),
                                 ("mean_distance", TeamJSON.number(e.meanDistance))])
            })),
            ("single_reviewer_samples", TeamJSON.ints(singleReviewer)),
            ("gold", reference(gold)),
            ("adjudicated", reference(adjudicated)),
        ])
        return TeamJSON.text(value)
    }

    /// Readable lines for the terminal (names are the caller's to sanitise: they come from
    /// journals).
    public func text(sanitize: (String) -> String = { $0 }) -> String {
        func f(_ x: AgreementFigure) -> String { "\(TeamJSON.figure(x.value))  (\(x.samples) samples)" }
        var lines: [String] = []
        lines.append("agreement on \(basis == .reasons ? "decision + reasons" : "decision (accept / reject)") between \(reviewers.count) reviewers")
        for i in reviewers.indices {
            lines.append("  \(sanitize(reviewers[i])): \(judgmentsPerReviewer[i]) judgments (\(sanitize(sources[i])))")
        }
        lines.append("samples judged \(samples), judgments \(judgments), judged by two or more \(percentAgreement.samples)")
        lines.append("  percent agreement    \(f(percentAgreement))")
        lines.append("  Krippendorff's alpha \(f(krippendorffAlpha))")
        lines.append("  Fleiss' kappa        \(fleissKappa.value == nil ? "n/a (the samples have different numbers of judgments; see alpha)" : f(fleissKappa))")
        lines.append("  Gwet's AC1           \(f(gwetAC1))")
        if !pairs.isEmpty { lines.append("pairs:") }
        for p in pairs {
            lines.append("  \(sanitize(p.a)) / \(sanitize(p.b)): \(p.samples) samples, agreement \(TeamJSON.figure(p.percentAgreement)), Cohen's kappa \(TeamJSON.figure(p.cohenKappa))")
            guard p.samples > 0 else { continue }
            let names = p.confusion.categories.map(sanitize)
            let width = max(6, names.map(\.count).max() ?? 0)
            func pad(_ s: String) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }
            lines.append("    " + pad("") + " | " + names.map(pad).joined(separator: " "))
            for (i, row) in p.confusion.counts.enumerated() where row.contains(where: { $0 > 0 }) || p.confusion.counts.contains(where: { $0[i] > 0 }) {
                lines.append("    " + pad(names[i]) + " | " + row.map { pad(String($0)) }.joined(separator: " "))
            }
        }
        if !reasons.isEmpty { lines.append("per reason (rejected for it: yes / no):") }
        for r in reasons {
            lines.append("  \(sanitize(r.reason)): alpha \(TeamJSON.figure(r.alpha.value)) (\(r.alpha.samples) samples, \(r.yes) yes)")
        }
        let edited = edits.filter { $0.samples > 0 }
        if !edited.isEmpty { lines.append("edits (samples both edited):") }
        for e in edited {
            lines.append("  \(sanitize(e.a)) / \(sanitize(e.b)): \(e.samples) samples, exact match \(TeamJSON.figure(e.exactMatchRate)), mean distance \(TeamJSON.figure(e.meanDistance))")
        }
        if let gold { lines.append("against gold:"); lines += gold.map { "  " + Self.line($0, sanitize) } }
        if let adjudicated { lines.append("against the adjudicated result:"); lines += adjudicated.map { "  " + Self.line($0, sanitize) } }
        if !singleReviewer.isEmpty {
            let shown = singleReviewer.prefix(20).map(String.init).joined(separator: ", ")
            lines.append("\(singleReviewer.count) sample(s) judged by one reviewer only, not counted in pairwise figures: \(shown)\(singleReviewer.count > 20 ? ", ..." : "")")
        }
        return lines.joined(separator: "\n")
    }

    static func line(_ r: ReferenceAgreement, _ sanitize: (String) -> String) -> String {
        "\(sanitize(r.reviewer)): \(r.samples) samples, accuracy \(TeamJSON.figure(r.accuracy)), Cohen's kappa \(TeamJSON.figure(r.cohenKappa))"
    }
}
