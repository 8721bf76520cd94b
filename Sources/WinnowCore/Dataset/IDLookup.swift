import Foundation

/// A lazily built open-addressing table from id hash to sample index: 4 bytes a slot and no
/// per-id strings, so 640k ids cost about 8 MB and are compared against the mapped bytes.
final class IDLookup: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Int32] = []
    private var mask = 0

    func find(_ id: String, in dataset: Dataset) -> Int? {
        lock.lock()
        if slots.isEmpty && dataset.count > 0 { build(dataset) }
        let slots = self.slots, mask = self.mask
        lock.unlock()
        guard !slots.isEmpty else { return nil }
        var best: Int?
        var slot = Int(truncatingIfNeeded: Hashing.fnv1a(id)) & mask
        while slots[slot] >= 0 {
            let candidate = Int(slots[slot])
            if dataset.id(at: candidate) == id, best.map({ candidate < $0 }) ?? true { best = candidate }
            slot = (slot + 1) & mask
        }
        return best
    }

    private func build(_ dataset: Dataset) {
        var capacity = 16
        while capacity < dataset.count * 2 { capacity <<= 1 }
        var table = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        for index in 0..<dataset.count {
            guard let id = dataset.id(at: index) else { continue }
            var slot = Int(truncatingIfNeeded: Hashing.fnv1a(id)) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(truncatingIfNeeded: index)
        }
        slots = table
        self.mask = mask
    }
}
