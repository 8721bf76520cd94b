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
        var text = id
        let hash = text.withUTF8 { SampleTable.idHash(UnsafeRawBufferPointer($0)) }
        var best: Int?
        var slot = Int(hash) & mask
        while slots[slot] >= 0 {
            let candidate = Int(slots[slot])
            if best.map({ candidate < $0 }) ?? true, dataset.id(at: candidate) == id { best = candidate }
            slot = (slot + 1) & mask
        }
        return best
    }

    /// Fills the table from the stored id hashes; only ids with escapes are read from the file.
    private func build(_ dataset: Dataset) {
        var capacity = 16
        while capacity < dataset.count * 2 { capacity <<= 1 }
        var table = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        let stored = dataset.table
        for index in 0..<stored.count where stored.idOffsets[index] != SampleTable.noID {
            var hash = stored.idHashes[index]
            if hash == SampleTable.escapedIDHash {
                guard var id = dataset.id(at: index) else { continue }
                hash = id.withUTF8 { SampleTable.idHash(UnsafeRawBufferPointer($0)) }
            }
            var slot = Int(hash) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(truncatingIfNeeded: index)
        }
        slots = table
        self.mask = mask
    }
}
