/// One run of a character-level diff.
public struct DiffRun: Sendable, Equatable {
    /// What happened to the run's text.
    public enum Kind: Sendable, Equatable { case equal, delete, insert }
    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

/// A diff of two texts by grapheme cluster (Swift `Character`), so an emoji ZWJ sequence or a
/// letter with its combining marks is changed as a whole, never split.
///
/// Policy: the common prefix and suffix are trimmed first (an edit of a caption usually
/// touches a few characters of a long text, so the middle is small), then Myers' O(ND)
/// algorithm runs on the middle. When the middle needs more than `maxEditDistance` edits the
/// texts are essentially rewritten and the middle is reported as one deletion and one
/// insertion, which keeps the time and memory bounded for any input.
public enum GraphemeDiff {
    /// Above this many single-character edits in the middle the diff gives up on detail.
    public static let maxEditDistance = 2_000

    /// The runs turning `old` into `new`; adjacent runs never share a kind, and within a
    /// changed stretch deletions come before insertions.
    public static func diff(_ old: String, _ new: String) -> [DiffRun] {
        let a = Array(old)
        let b = Array(new)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix,
              a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let midA = a[prefix..<(a.count - suffix)]
        let midB = b[prefix..<(b.count - suffix)]

        var builder = RunBuilder()
        builder.append(.equal, a[0..<prefix])
        if let script = myers(midA, midB, limit: maxEditDistance) {
            for (kind, range, fromOld) in script {
                builder.append(kind, fromOld ? a[range] : b[range])
            }
        } else {
            builder.append(.delete, midA)
            builder.append(.insert, midB)
        }
        builder.append(.equal, a[(a.count - suffix)..<a.count])
        return builder.runs
    }

    /// The number of grapheme clusters deleted and inserted.
    public static func changeCounts(_ runs: [DiffRun]) -> (deleted: Int, inserted: Int) {
        var d = 0
        var i = 0
        for run in runs {
            switch run.kind {
            case .delete: d += run.text.count
            case .insert: i += run.text.count
            case .equal: break
            }
        }
        return (d, i)
    }

    /// Myers' greedy shortest edit script between two slices (indices are those of the
    /// underlying arrays). Returns runs as (kind, index range, whether the range is in `a`),
    /// or nil when more than `limit` edits are needed.
    static func myers(_ a: ArraySlice<Character>, _ b: ArraySlice<Character>,
                      limit: Int) -> [(DiffRun.Kind, Range<Int>, Bool)]? {
        let n = a.count
        let m = b.count
        if n == 0 && m == 0 { return [] }
        if n == 0 { return [(.insert, b.startIndex..<b.endIndex, false)] }
        if m == 0 { return [(.delete, a.startIndex..<a.endIndex, true)] }
        let maxD = min(n + m, limit)
        let offset = maxD + 1
        var v = [Int](repeating: 0, count: 2 * maxD + 3)
        // trace[d] holds v[k] for k in -d...d after step d, for the backtrack.
        var trace: [[Int]] = []
        trace.reserveCapacity(maxD + 1)
        var found = -1
        outer: for d in 0...maxD {
            var k = -d
            while k <= d {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[a.startIndex + x] == b[b.startIndex + y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n && y >= m {
                    trace.append(Array(v[(offset - d)...(offset + d)]))
                    found = d
                    break outer
                }
                k += 2
            }
            trace.append(Array(v[(offset - d)...(offset + d)]))
        }
        guard found >= 0 else { return nil }

        // Backtrack from (n, m) to (0, 0), collecting single steps in reverse.
        var steps: [(DiffRun.Kind, Int)] = []  // kind and index in a (delete/equal) or b (insert)
        var x = n
        var y = m
        var d = found
        while d > 0 {
            let prev = trace[d - 1]
            func at(_ k: Int) -> Int { prev[k + (d - 1)] }
            let k = x - y
            let prevK: Int
            if k == -d || (k != d && at(k - 1) < at(k + 1)) {
                prevK = k + 1
            } else {
                prevK = k - 1
            }
            let prevX = at(prevK)
            let prevY = prevX - prevK
            while x > prevX && y > prevY {
                x -= 1
                y -= 1
                steps.append((.equal, x))
            }
            if x == prevX {
                y -= 1
                steps.append((.insert, y))
            } else {
                x -= 1
                steps.append((.delete, x))
            }
            d -= 1
        }
        while x > 0 && y > 0 {
            x -= 1
            y -= 1
            steps.append((.equal, x))
        }
        steps.reverse()

        // Group consecutive steps into ranges; put deletions before insertions in a change.
        var result: [(DiffRun.Kind, Range<Int>, Bool)] = []
        var pendingDelete: Range<Int>?
        var pendingInsert: Range<Int>?
        func flushChange() {
            if let r = pendingDelete { result.append((.delete, r, true)) }
            if let r = pendingInsert { result.append((.insert, r, false)) }
            pendingDelete = nil
            pendingInsert = nil
        }
        for (kind, i) in steps {
            switch kind {
            case .equal:
                flushChange()
                let ai = a.startIndex + i
                if let last = result.last, last.0 == .equal, last.1.upperBound == ai {
                    result[result.count - 1].1 = last.1.lowerBound..<(ai + 1)
                } else {
                    result.append((.equal, ai..<(ai + 1), true))
                }
            case .delete:
                let ai = a.startIndex + i
                if let r = pendingDelete { pendingDelete = r.lowerBound..<(ai + 1) } else { pendingDelete = ai..<(ai + 1) }
            case .insert:
                let bi = b.startIndex + i
                if let r = pendingInsert { pendingInsert = r.lowerBound..<(bi + 1) } else { pendingInsert = bi..<(bi + 1) }
            }
        }
        flushChange()
        return result
    }
}

/// Appends characters to runs, merging neighbours of the same kind.
private struct RunBuilder {
    var runs: [DiffRun] = []

    mutating func append(_ kind: DiffRun.Kind, _ chars: ArraySlice<Character>) {
        guard !chars.isEmpty else { return }
        if let last = runs.last, last.kind == kind {
            runs[runs.count - 1].text.append(contentsOf: chars)
        } else {
            runs.append(DiffRun(kind, String(chars)))
        }
    }
}
