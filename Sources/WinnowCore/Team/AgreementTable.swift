/// Reliability data: samples (units) by reviewers (coders), each cell a category code or
/// missing. Every agreement statistic is computed from this one table, so the command line and
/// the team store give the same figures for the same labels.
public struct AgreementTable: Sendable, Equatable {
    /// The missing-judgment code.
    public static let missing: Int32 = -1

    /// Column names.
    public var coders: [String]
    /// Row keys: the sample indices judged by at least one coder, ascending.
    public var units: [Int]
    /// Category names by code (code = position).
    public var categories: [String]
    /// Row-major `units.count x coders.count` codes; `missing` where a coder gave no judgment.
    public var codes: [Int32]

    /// A table from given codes (tests, published examples).
    public init(coders: [String], units: [Int], categories: [String], codes: [Int32]) {
        self.coders = coders
        self.units = units
        self.categories = categories
        self.codes = codes
    }

    /// A table from rows of optional category names (nil = missing), units numbered from 0.
    public init(coders: [String], rows: [[String?]]) {
        var names: [String] = []
        var codeOf: [String: Int32] = [:]
        var codes: [Int32] = []
        for row in rows {
            for c in 0..<coders.count {
                guard c < row.count, let name = row[c] else { codes.append(Self.missing); continue }
                if let k = codeOf[name] { codes.append(k); continue }
                let k = Int32(names.count)
                names.append(name)
                codeOf[name] = k
                codes.append(k)
            }
        }
        self.init(coders: coders, units: Array(rows.indices), categories: names, codes: codes)
    }

    /// Reviewers' labels on `basis`; categories are ordered (accept first, then rejects).
    public init(_ states: [ReviewerState], on basis: LabelBasis) {
        self = Self.build(states, acceptsAlike: true) { ReviewerLabel($0, on: basis) }.table
    }

    /// The yes/no table "rejected for `reason`" (categories `no`, `yes`).
    public init(_ states: [ReviewerState], reason: String) {
        self.init(states) { review -> ReviewerLabel? in
            ReviewerLabel.hasReason(review, reason).map { ReviewerLabel(verdict: $0 ? .reject : .accept, reasons: $0 ? [reason] : []) }
        }
        categories = categories.map { $0 == "accept" ? "no" : "yes" }
    }

    /// Labels from any function of a review (nil = no judgment).
    public init(_ states: [ReviewerState], label: (SampleReview) -> ReviewerLabel?) {
        self = Self.build(states, label: label).table
    }

    /// The table and the label behind each category code.
    /// `acceptsAlike`: `label` gives every accepted review the same label (true of the
    /// decision, reasons and per-reason labels), so it is computed once.
    static func build(_ states: [ReviewerState], acceptsAlike: Bool = false,
                      label: (SampleReview) -> ReviewerLabel?) -> (table: AgreementTable, labels: [ReviewerLabel]) {
        let n = states.count
        // One pass per reviewer over their own reviews: a row number per sample index, kept
        // in an array (indices are dataset positions, so dense) rather than a dictionary.
        var maxIndex = -1
        for s in states { s.forEachReview { k, _ in if k > maxIndex { maxIndex = k } } }
        var labelCodes: [ReviewerLabel: Int32] = [:]
        var labels: [ReviewerLabel] = []
        var perCoder: [[(Int, Int32)]] = []
        var judged = [Bool](repeating: false, count: maxIndex + 1)
        // Most reviews are plain accepts: skip the label hashing for them.
        var acceptCode: Int32? = nil
        for s in states {
            var cells: [(Int, Int32)] = []
            cells.reserveCapacity(s.reviewCount)
            s.forEachReview { index, review in
                guard index >= 0 else { return }
                let code: Int32
                if acceptsAlike, review.status == .accepted, let a = acceptCode {
                    code = a
                } else {
                    guard let l = label(review) else { return }
                    if let k = labelCodes[l] { code = k } else {
                        code = Int32(labels.count)
                        labels.append(l)
                        labelCodes[l] = code
                    }
                    if review.status == .accepted { acceptCode = code }
                }
                cells.append((index, code))
                judged[index] = true
            }
            perCoder.append(cells)
        }
        // Codes in label order, so output and tests do not depend on dictionary order.
        let order = labels.indices.sorted { labels[$0] < labels[$1] }
        var remap = [Int32](repeating: 0, count: labels.count)
        for (newCode, old) in order.enumerated() { remap[old] = Int32(newCode) }
        var rowOf = [Int32](repeating: -1, count: maxIndex + 1)
        var units: [Int] = []
        for i in 0...max(0, maxIndex) where i <= maxIndex && judged[i] {
            rowOf[i] = Int32(units.count)
            units.append(i)
        }
        var codes = [Int32](repeating: Self.missing, count: units.count * n)
        for (c, cells) in perCoder.enumerated() {
            for (index, code) in cells { codes[Int(rowOf[index]) * n + c] = remap[Int(code)] }
        }
        let sorted = order.map { labels[$0] }
        return (AgreementTable(coders: states.map(\.reviewer), units: units, categories: sorted.map(\.description), codes: codes), sorted)
    }

    /// The same judgments under coarser categories: `map[code]` is the new code of each old
    /// one (into `categories`); categories no judgment uses are dropped.
    public func recoded(categories names: [String], map: [Int32]) -> AgreementTable {
        var used = [Bool](repeating: false, count: names.count)
        for k in map where k >= 0 && Int(k) < names.count { used[Int(k)] = true }
        var compact = [Int32](repeating: Self.missing, count: names.count)
        var kept: [String] = []
        for (k, name) in names.enumerated() where used[k] {
            compact[k] = Int32(kept.count)
            kept.append(name)
        }
        let full = map.map { $0 >= 0 && Int($0) < names.count ? compact[Int($0)] : Self.missing }
        var out = codes
        for i in out.indices {
            let c = Int(out[i])
            if c >= 0 { out[i] = c < full.count ? full[c] : Self.missing }
        }
        return AgreementTable(coders: coders, units: units, categories: kept, codes: out)
    }

    /// The code of `coder` on row `unit`.
    public func code(unit: Int, coder: Int) -> Int32 { codes[unit * coders.count + coder] }

    /// How many judgments (non-missing cells) the table holds.
    public var judgments: Int { codes.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) } }

    /// Only the columns `keep` (in that order); rows left with no judgment are dropped.
    public func columns(_ keep: [Int]) -> AgreementTable {
        let n = coders.count
        var newUnits: [Int] = []
        var newCodes: [Int32] = []
        for u in units.indices {
            let row = keep.map { codes[u * n + $0] }
            guard row.contains(where: { $0 >= 0 }) else { continue }
            newUnits.append(units[u])
            newCodes += row
        }
        return AgreementTable(coders: keep.map { coders[$0] }, units: newUnits, categories: categories, codes: newCodes)
    }

    /// Sample indices judged by exactly one coder (they count for nothing in pairwise figures).
    public var singleJudgmentUnits: [Int] {
        let n = coders.count
        var out: [Int] = []
        for u in units.indices {
            var m = 0
            for c in 0..<n where codes[u * n + c] >= 0 { m += 1 }
            if m == 1 { out.append(units[u]) }
        }
        return out
    }
}
