/// Per-reviewer figures of `winnow report`: decisions per kind and reason, pace, agreement
/// with the others and accuracy on gold.
public struct ReviewerReport: Sendable {
    /// A pause longer than this between two decisions is a break, not review time.
    public static let pauseLimit: Double = 300

    public struct Row: Sendable, Equatable {
        public var reviewer: String
        public var source: String
        /// Samples per final state (accepted, rejected, edited, skipped).
        public var statuses: [ReviewStatus: Int]
        /// Rejected samples per reason.
        public var reasons: [String: Int]
        /// Decision entries written (accept, reject, skip, edit), undone ones included.
        public var decisions: Int
        /// Median seconds per decision, pauses over `pauseLimit` left out (nil when fewer
        /// than two timed decisions).
        public var medianSeconds: Double?
        /// The gaps the median rests on.
        public var paceSamples: Int
        /// Agreement with each other reviewer on the samples both judged.
        public var agreement: [PairAgreement]
        /// Against gold, when given.
        public var gold: ReferenceAgreement?
    }

    public var basis: LabelBasis
    public var rows: [Row]

    public init(_ states: [ReviewerState], on basis: LabelBasis, gold: [Int: SampleReview]? = nil) {
        self.basis = basis
        let table = AgreementTable(states, on: basis)
        let pairs = PairAgreement.all(table)
        let goldRows = gold.map { ReferenceAgreement.rows(states, reference: $0, on: basis) }
        rows = states.enumerated().map { k, s in
            var statuses: [ReviewStatus: Int] = [:]
            var reasons: [String: Int] = [:]
            for r in s.reviews.values where r.status != .undecided {
                statuses[r.status, default: 0] += 1
                if r.status == .rejected { for reason in Set(r.reasons) { reasons[reason, default: 0] += 1 } }
            }
            var times: [Double] = []
            for e in s.entries {
                switch e.decision {
                case .accept, .reject, .skip, .edit: if let t = ISOTime.seconds(e.time) { times.append(t) }
                case .undo, .note, .reset: break
                }
            }
            let (median, n) = Self.pace(times)
            let mine = pairs.filter { $0.a == s.reviewer || $0.b == s.reviewer }
            return Row(reviewer: s.reviewer, source: s.source, statuses: statuses, reasons: reasons, decisions: times.count,
                       medianSeconds: median, paceSamples: n, agreement: mine, gold: goldRows?[k])
        }
    }

    /// The median gap between consecutive times (sorted), gaps over `pauseLimit` left out.
    public static func pace(_ times: [Double]) -> (median: Double?, samples: Int) {
        let sorted = times.sorted()
        var gaps: [Double] = []
        for i in sorted.indices.dropFirst() {
            let g = sorted[i] - sorted[i - 1]
            if g <= pauseLimit { gaps.append(g) }
        }
        guard !gaps.isEmpty else { return (nil, 0) }
        gaps.sort()
        let m = gaps.count / 2
        return (gaps.count % 2 == 1 ? gaps[m] : (gaps[m - 1] + gaps[m]) / 2, gaps.count)
    }

    /// One JSON object (docs/teams.md, "winnow report --json").
    public var json: String {
        let value = TeamJSON.object([
            ("on", .string(basis.rawValue)),
            ("reviewers", .array(rows.map { r in
                TeamJSON.object([
                    ("reviewer", .string(r.reviewer)), ("journal", .string(r.source)),
                    ("decisions", TeamJSON.int(r.decisions)),
                    ("accepted", TeamJSON.int(r.statuses[.accepted] ?? 0)), ("rejected", TeamJSON.int(r.statuses[.rejected] ?? 0)),
                    ("edited", TeamJSON.int(r.statuses[.edited] ?? 0)), ("skipped", TeamJSON.int(r.statuses[.skipped] ?? 0)),
                    ("reasons", TeamJSON.object(r.reasons.sorted { $0.key < $1.key }.map { ($0.key, TeamJSON.int($0.value)) })),
                    ("median_seconds", TeamJSON.number(r.medianSeconds)), ("pace_samples", TeamJSON.int(r.paceSamples)),
                    ("agreement", .array(r.agreement.map { p in
                        TeamJSON.object([("with", .string(p.a == r.reviewer ? p.b : p.a)), ("samples", TeamJSON.int(p.samples)),
                                         ("percent_agreement", TeamJSON.number(p.percentAgreement)),
                                         ("cohen_kappa", TeamJSON.number(p.cohenKappa))])
                    })),
                    ("gold", r.gold.map { g in
                        TeamJSON.object([("samples", TeamJSON.int(g.samples)), ("correct", TeamJSON.int(g.correct)),
                                         ("accuracy", TeamJSON.number(g.accuracy)), ("cohen_kappa", TeamJSON.number(g.cohenKappa))])
                    } ?? .null),
                ])
            })),
        ])
        return TeamJSON.text(value)
    }

    /// Readable lines with bars drawn in Unicode blocks (`width` columns for the longest bar).
    public func text(width: Int = 30, sanitize: (String) -> String = { $0 }) -> String {
        var lines: [String] = []
        for r in rows {
            lines.append("\(sanitize(r.reviewer)) (\(sanitize(r.source))): \(r.decisions) decisions")
            let kinds: [(String, Int)] = [("accepted", r.statuses[.accepted] ?? 0), ("rejected", r.statuses[.rejected] ?? 0),
                                          ("edited", r.statuses[.edited] ?? 0), ("skipped", r.statuses[.skipped] ?? 0)]
            let reasons = r.reasons.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ("  " + sanitize($0.key), $0.value) }
            let all = kinds + reasons
            let top = all.map(\.1).max() ?? 0
            let label = min(24, all.map { $0.0.count }.max() ?? 0)
            for (name, n) in all {
                let padded = name.count >= label ? name : name + String(repeating: " ", count: label - name.count)
                lines.append("  \(padded) \(Self.bar(n, of: top, width: width)) \(n)")
            }
            if let m = r.medianSeconds {
                lines.append("  pace: \(TeamJSON.figure(m)) s per decision (median of \(r.paceSamples), pauses over 5 min left out)")
            } else {
                lines.append("  pace: n/a (fewer than two timed decisions)")
            }
            for p in r.agreement {
                let other = p.a == r.reviewer ? p.b : p.a
                lines.append("  with \(sanitize(other)): \(p.samples) samples, agreement \(TeamJSON.figure(p.percentAgreement)) \(Self.bar(p.percentAgreement ?? 0, width: 10)), Cohen's kappa \(TeamJSON.figure(p.cohenKappa))")
            }
            if let g = r.gold {
                lines.append("  gold: \(g.samples) samples, accuracy \(TeamJSON.figure(g.accuracy)) \(Self.bar(g.accuracy ?? 0, width: 10)), Cohen's kappa \(TeamJSON.figure(g.cohenKappa))")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A bar of `value / top` of `width` columns in eighth blocks (`█▏▎▍▌▋▊▉`).
    public static func bar(_ value: Int, of top: Int, width: Int) -> String {
        bar(top > 0 ? Double(value) / Double(top) : 0, width: width)
    }

    /// A bar for a fraction in 0...1.
    public static func bar(_ fraction: Double, width: Int) -> String {
        let f = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let eighths = Int((f * Double(max(0, width) * 8)).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
    }
}
