/// The compact per-sample index: byte ranges and where each sample's id value sits, in
/// parallel arrays of plain integers (about 24 bytes a sample, no per-sample objects).
struct SampleTable: Sendable, Equatable {
    /// Marks "no id member found" in `idOffsets`.
    static let noID: UInt32 = .max
    /// Set in `idLengths` when the id is a JSON string (the range is then inside the quotes).
    static let stringFlag: UInt32 = 1 << 31

    var starts: [Int64] = []
    var ends: [Int64] = []
    /// Offset of the id value from the sample start, or `noID`.
    var idOffsets: [UInt32] = []
    /// Byte length of the id value, with `stringFlag` for string ids.
    var idLengths: [UInt32] = []
    /// FNV-1a of the id's raw bytes (low 32 bits), so id lookups never touch the file to build
    /// their table; `escapedIDHash` marks ids with escapes, hashed after decoding instead.
    var idHashes: [UInt32] = []
    static let escapedIDHash: UInt32 = 0

    var count: Int { starts.count }

    mutating func reserve(_ n: Int) {
        starts.reserveCapacity(n)
        ends.reserveCapacity(n)
        idOffsets.reserveCapacity(n)
        idLengths.reserveCapacity(n)
        idHashes.reserveCapacity(n)
    }

    mutating func append(start: Int, end: Int, idStart: Int, idLength: Int, idIsString: Bool, idHash: UInt32 = 0) {
        starts.append(Int64(start))
        ends.append(Int64(end))
        if idStart >= start, idStart - start < Int(Self.noID), idLength >= 0, idLength < Int(Self.stringFlag) {
            idOffsets.append(UInt32(idStart - start))
            idLengths.append(UInt32(idLength) | (idIsString ? Self.stringFlag : 0))
            idHashes.append(idHash)
        } else {
            idOffsets.append(Self.noID)
            idLengths.append(0)
            idHashes.append(0)
        }
    }

    /// The id value's byte range in the file and whether it is a string, if the sample has one.
    func idRange(at index: Int) -> (range: Range<Int>, isString: Bool)? {
        guard index >= 0, index < count, idOffsets[index] != Self.noID else { return nil }
        let start = Int(starts[index]) + Int(idOffsets[index])
        let length = Int(idLengths[index] & ~Self.stringFlag)
        return (start..<(start + length), idLengths[index] & Self.stringFlag != 0)
    }

    /// The 32-bit id hash used by lookups: FNV-1a of the id text's UTF-8, never `escapedIDHash`.
    static func idHash(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        let h = UInt32(truncatingIfNeeded: Hashing.fnv1a(bytes))
        return h == escapedIDHash ? 1 : h
    }

    /// Checks the invariants a cache loaded from disk must satisfy before it is trusted.
    func isConsistent(fileSize: Int) -> Bool {
        guard ends.count == count, idOffsets.count == count, idLengths.count == count, idHashes.count == count else { return false }
        var previousEnd: Int64 = 0
        for i in 0..<count {
            let s = starts[i], e = ends[i]
            guard s >= previousEnd, e > s, e <= Int64(fileSize) else { return false }
            if idOffsets[i] != Self.noID {
                let idEnd = s + Int64(idOffsets[i]) + Int64(idLengths[i] & ~Self.stringFlag)
                guard idEnd <= e else { return false }
            }
            previousEnd = e
        }
        return true
    }
}
