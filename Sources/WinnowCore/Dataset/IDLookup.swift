/// Finds a sample by id through the index image's id order: the indices of samples with an
/// id, sorted by (id hash, index) when the index was built. Nothing is built at open time; a
/// lookup is a binary search whose probes hash the ids they read from the mapped file.
enum IDLookup {
    /// The first sample whose id is `id`, if any.
    static func find(_ id: String, in dataset: Dataset) -> Int? {
        let table = dataset.table
        let target = SampleTable.idHash(id)
        func hashAt(_ k: Int) -> UInt32? {
            dataset.id(at: table.idOrderIndex(k)).map(SampleTable.idHash)
        }
        // Lower bound of `target`; an entry whose id no longer reads (the file changed) sorts
        // as hash 0, which at worst makes the lookup miss.
        var lo = 0, hi = table.idCount
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if (hashAt(mid) ?? 0) < target { lo = mid + 1 } else { hi = mid }
        }
        // Equal hashes are in index order: the first equal id is the answer.
        var k = lo
        while k < table.idCount, let h = hashAt(k), h == target {
            let index = table.idOrderIndex(k)
            if dataset.id(at: index) == id { return index }
            k += 1
        }
        return nil
    }
}
