/// Sorts id keys (hash << 32 | index) that were appended in index order: a stable two-pass
/// radix sort on the 32-bit hash, so equal hashes keep their index order and the result
/// equals a full sort of the keys. About ten times faster than `sort()` on 641,868 keys,
/// which matters because it runs on every cold open.
enum IDKeySort {
    /// Sorts `keys` in place; the low 32 bits must ascend in the input (they are indices).
    static func sort(_ keys: inout [UInt64]) {
        let n = keys.count
        guard n > 1 else { return }
        guard n >= 4096 else { keys.sort(); return }
        var temp = [UInt64](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 1 << 16)
        keys.withUnsafeMutableBufferPointer { a in
            temp.withUnsafeMutableBufferPointer { b in
                counts.withUnsafeMutableBufferPointer { c in
                    pass(from: a, to: b, counts: c, shift: 32)
                    pass(from: b, to: a, counts: c, shift: 48)
                }
            }
        }
    }

    /// One stable counting pass on the 16 bits at `shift`.
    private static func pass(from src: UnsafeMutableBufferPointer<UInt64>, to dst: UnsafeMutableBufferPointer<UInt64>,
                             counts: UnsafeMutableBufferPointer<Int>, shift: UInt64) {
        for k in counts.indices { counts[k] = 0 }
        for key in src { counts[Int(truncatingIfNeeded: (key >> shift) & 0xFFFF)] += 1 }
        var total = 0
        for k in counts.indices {
            let c = counts[k]
            counts[k] = total
            total += c
        }
        for key in src {
            let digit = Int(truncatingIfNeeded: (key >> shift) & 0xFFFF)
            dst[counts[digit]] = key
            counts[digit] += 1
        }
    }
}
