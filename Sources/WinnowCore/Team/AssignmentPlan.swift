/// Who reviews what: every chosen sample goes to exactly `overlap` distinct reviewers, loads
/// balanced to within one sample, and each reviewer's queue has gold samples mixed in.
/// Deterministic: the same inputs and seed give the same plan on any machine. The file format
/// is in docs/teams.md ("The plan file").
public struct AssignmentPlan: Sendable, Equatable {
    /// The plan format version this tool writes and reads.
    public static let formatVersion = 1

    /// One reviewer's share.
    public struct Share: Sendable, Equatable {
        public var reviewer: String
        /// The assigned samples, ascending.
        public var samples: [Int]
        /// The gold samples mixed into the queue.
        public var gold: [Int]
        /// The order to review in: `samples` with `gold` at seeded positions.
        public var queue: [Int]

        public init(reviewer: String, samples: [Int], gold: [Int], queue: [Int]) {
            self.reviewer = reviewer
            self.samples = samples
            self.gold = gold
            self.queue = queue
        }
    }

    public var fingerprint: String
    /// The dataset's sample count when the plan was made.
    public var datasetCount: Int
    public var overlap: Int
    public var seed: UInt64
    public var goldRate: Double
    public var shares: [Share]

    public init(fingerprint: String, datasetCount: Int, overlap: Int, seed: UInt64, goldRate: Double, shares: [Share]) {
        self.fingerprint = fingerprint
        self.datasetCount = datasetCount
        self.overlap = overlap
        self.seed = seed
        self.goldRate = goldRate
        self.shares = shares
    }

    /// The share of `reviewer`, if the plan has one.
    public func share(of reviewer: String) -> Share? { shares.first { $0.reviewer == reviewer } }

    /// Assigns `candidates` (the chosen samples) to `reviewers`, `overlap` each.
    ///
    /// Samples are taken in a seeded shuffled order; each goes to the reviewers with the
    /// lowest load so far, ties broken first by how rarely they were paired with the reviewers
    /// already chosen for it (so every pair of reviewers shares samples, which pairwise kappa
    /// needs), then by a seeded coin. Gold samples are left out of the candidates and
    /// `round(goldRate * share)` of them (at least one when the rate is positive) are drawn
    /// per reviewer and placed at seeded positions of the queue.
    public static func make(candidates: [Int], reviewers: [String], overlap: Int, seed: UInt64,
                            gold: [Int] = [], goldRate: Double = 0, fingerprint: String = "",
                            datasetCount: Int = 0) throws(TeamError) -> AssignmentPlan {
        guard !reviewers.isEmpty else { throw .invalid("no reviewers: give --reviewers ann,bob,...") }
        if let dup = Dictionary(grouping: reviewers, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw .invalid("the reviewer \(dup) is named twice in --reviewers")
        }
        if let empty = reviewers.firstIndex(where: \.isEmpty) { throw .invalid("reviewer \(empty + 1) has an empty name") }
        guard overlap >= 1, overlap <= reviewers.count else {
            throw .invalid("--overlap must be between 1 and the number of reviewers (\(reviewers.count)), not \(overlap)")
        }
        guard goldRate >= 0, goldRate < 1, goldRate.isFinite else { throw .invalid("--gold-rate must be at least 0 and below 1, not \(goldRate)") }
        let goldSet = Set(gold)
        var order = Array(Set(candidates).subtracting(goldSet)).sorted()
        var rng = SplitMix64(seed: seed)
        if order.count > 1 {
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next(below: UInt64(i + 1)))) }
        }
        let r = reviewers.count
        var load = [Int](repeating: 0, count: r)
        var together = [Int](repeating: 0, count: r * r)
        var assigned = [[Int]](repeating: [], count: r)
        var chosen: [Int] = []
        chosen.reserveCapacity(overlap)
        for sample in order {
            chosen.removeAll(keepingCapacity: true)
            for _ in 0..<overlap {
                var best = -1
                var bestKey = (Int.max, Int.max, UInt64.max)
                for c in 0..<r where !chosen.contains(c) {
                    var paired = 0
                    for o in chosen { paired += together[c * r + o] }
                    let key = (load[c], paired, rng.next())
                    if key < bestKey { bestKey = key; best = c }
                }
                guard best >= 0 else { break }
                for o in chosen { together[best * r + o] += 1; together[o * r + best] += 1 }
                chosen.append(best)
                load[best] += 1
                assigned[best].append(sample)
            }
        }
        let pool = Array(goldSet).sorted()
        var shares: [Share] = []
        for (k, name) in reviewers.enumerated() {
            let samples = assigned[k].sorted()
            var wanted = goldRate > 0 && !pool.isEmpty ? max(1, Int((goldRate * Double(samples.count)).rounded())) : 0
            wanted = min(wanted, pool.count)
            let streamSeed = seed &+ UInt64(k + 1) &* 0xD1B5_4A32_D192_ED03
            let picked = SpotCheck.sample(wanted, of: pool, seed: streamSeed)
            var queue = samples
            var positions = SplitMix64(seed: streamSeed ^ 0x5851_F42D_4C95_7F2D)
            // Shuffle the picks first so gold positions do not follow gold index order.
            var goldOrder = picked
            if goldOrder.count > 1 {
                for i in stride(from: goldOrder.count - 1, to: 0, by: -1) { goldOrder.swapAt(i, Int(positions.next(below: UInt64(i + 1)))) }
            }
            for g in goldOrder { queue.insert(g, at: Int(positions.next(below: UInt64(queue.count + 1)))) }
            shares.append(Share(reviewer: name, samples: samples, gold: picked, queue: queue))
        }
        return AssignmentPlan(fingerprint: fingerprint, datasetCount: datasetCount, overlap: overlap, seed: seed,
                              goldRate: goldRate, shares: shares)
    }
}
