/// A map from non-negative integers (sample indices, sequence numbers) to integers, kept in an
/// array while keys are dense (journals number entries 1, 2, 3 … and decide samples 0 … n-1)
/// and in a dictionary for keys far beyond that (an untrusted journal may name any index up
/// to 2^53 - 1, which must not make an array that large).
///
/// Replay looks these up several times per entry; an array slot costs a load where a
/// dictionary costs a hash and a probe, and an array of positions per sample cost an
/// allocation per sample.
struct DenseIntTable {
    /// value + 1 by key; 0 = absent.
    private var dense: [Int] = []
    private var sparse: [Int: Int] = [:]
    /// Keys below this always go in the array (a replay sets it to the dataset's size).
    var denseBound = 1 << 16

    init() {}

    /// Whether `key` would go in the array: below a bound that grows with the table's size, so
    /// an array never grows far beyond the number of keys actually used.
    private func isDense(_ key: Int, size: Int) -> Bool {
        key >= 0 && key < max(denseBound, 4 * size + 1024)
    }

    subscript(key: Int) -> Int? {
        if key >= 0, key < dense.count { let v = dense[key]; return v == 0 ? nil : v - 1 }
        return sparse.isEmpty ? nil : sparse[key]
    }

    /// Sets `key` to `value` (>= 0); `size` is how many keys the caller holds about (it bounds
    /// the array's growth).
    mutating func set(_ key: Int, _ value: Int, size: Int) {
        if key >= 0, key < dense.count { dense[key] = value + 1; return }
        if isDense(key, size: size) {
            let grown = max(key + 1, min(2 * dense.count, max(denseBound, 4 * size + 1024)))
            dense.append(contentsOf: repeatElement(0, count: grown - dense.count))
            dense[key] = value + 1
            return
        }
        sparse[key] = value
    }

    /// Room for keys below `n` without growing.
    mutating func reserveDense(_ n: Int) {
        if n > dense.count, isDense(n - 1, size: n) { dense.append(contentsOf: repeatElement(0, count: n - dense.count)) }
    }

    /// Calls `body` with every key present (array keys ascending, then the others).
    func forEachKey(_ body: (Int) -> Void) {
        dense.withUnsafeBufferPointer { d in
            for k in 0..<d.count where d[k] != 0 { body(k) }
        }
        for k in sparse.keys { body(k) }
    }
}
