/// A deterministic subset of a dataset for spot checks and for sharing a review between
/// reviewers. Every choice is a pure function of its inputs, so the same command on the same
/// file gives the same list on any machine.
public enum SpotCheck {
    /// `count` distinct indices out of `0..<total`, chosen by a seeded SplitMix64 partial
    /// Fisher-Yates shuffle, returned in ascending order (reviewers walk the file in order).
    public static func sample(_ count: Int, of indices: [Int], seed: UInt64) -> [Int] {
        var pool = indices
        let k = max(0, min(count, pool.count))
        var rng = SplitMix64(seed: seed)
        for i in 0..<k {
            let j = i + Int(rng.next(below: UInt64(pool.count - i)))
            pool.swapAt(i, j)
        }
        return Array(pool[0..<k]).sorted()
    }

    /// Like `sample`, but keeps the task-type mix: each type gets its share of `count`
    /// (largest remainders break ties), each drawn with its own seeded stream.
    /// `types[i]` is the task type of sample i (getting it needs a decode of every sample,
    /// about as costly as `winnow stats`).
    public static func stratified(_ count: Int, types: [TaskType], seed: UInt64) -> [Int] {
        var groups: [TaskType: [Int]] = [:]
        for (i, t) in types.enumerated() { groups[t, default: []].append(i) }
        let total = types.count
        guard total > 0 else { return [] }
        let k = max(0, min(count, total))
        let ordered = TaskType.allCases.filter { groups[$0] != nil }
        var quota: [TaskType: Int] = [:]
        var remainders: [(TaskType, Double)] = []
        for t in ordered {
            let exact = Double(k) * Double(groups[t]?.count ?? 0) / Double(total)
            quota[t] = Int(exact)
            remainders.append((t, exact - Double(Int(exact))))
        }
        var left = k - quota.values.reduce(0, +)
        for (t, _) in remainders.sorted(by: { $0.1 > $1.1 }) where left > 0 {
            quota[t, default: 0] += 1
            left -= 1
        }
        var out: [Int] = []
        for (n, t) in ordered.enumerated() {
            out += sample(quota[t] ?? 0, of: groups[t] ?? [], seed: seed &+ UInt64(n + 1) &* 0x9E37_79B9_7F4A_7C15)
        }
        return out.sorted()
    }

    /// Shard `k` of `n` (1-based): the samples whose index is congruent to k-1 modulo n.
    /// Shards are disjoint, cover everything, are nearly equal in size, and do not depend on
    /// the content, so re-indexing a file never moves a sample between reviewers.
    public static func shard(_ k: Int, of n: Int, in indices: [Int]) -> [Int] {
        guard n > 0, k >= 1, k <= n else { return [] }
        return indices.filter { $0 % n == k - 1 }
    }

    /// Parses `K/N` with 1 <= K <= N.
    public static func parseShard(_ text: String) -> (k: Int, n: Int)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, k >= 1, k <= n
        else { return nil }
        return (k, n)
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seedable generator; Swift's default
/// generator cannot be seeded, and spot checks must be reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in 0..<bound (bound > 0), without modulo bias.
    public mutating func next(below bound: UInt64) -> UInt64 {
        guard bound > 1 else { return 0 }
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let v = next()
            if v < limit { return v % bound }
        }
    }
}
