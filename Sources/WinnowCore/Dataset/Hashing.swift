/// Small non-cryptographic hashes used for sample hashes, cache keys and checksums.
enum Hashing {
    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    /// 64-bit FNV-1a over bytes (stable across runs and platforms).
    static func fnv1a(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = fnvOffset) -> UInt64 {
        var h = seed
        for b in bytes {
            h ^= UInt64(b)
            h = h &* fnvPrime
        }
        return h
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var h = fnvOffset
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* fnvPrime
        }
        return h
    }

    /// A fast word-at-a-time mixing hash for large buffers (checksums, sampled blocks): reads
    /// 8 bytes per step so a 15 MB index cache verifies in a few milliseconds.
    static func words(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> UInt64 {
        var h = seed ^ UInt64(bytes.count)
        let n = bytes.count / 8
        if let base = bytes.baseAddress {
            for i in 0..<n {
                let w = base.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
                h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 31
            }
        }
        for i in (n * 8)..<bytes.count {
            h = (h ^ UInt64(bytes[i])) &* 0x94D0_49BB_1331_11EB
        }
        h ^= h >> 29
        return h
    }

    /// `words` fed one 8-byte word at a time, for values that are not in one buffer: equal to
    /// `words` over the little-endian bytes of the same `count` words.
    struct WordHasher {
        private var h: UInt64
        init(count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) { h = seed ^ UInt64(count * 8) }
        @inline(__always)
        mutating func add(_ word: UInt64) {
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
        }
        func finish() -> UInt64 { h ^ (h >> 29) }
    }

    /// Lower-case, zero-padded 16-digit hex.
    static func hex(_ value: UInt64) -> String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 16 - s.count)) + s
    }
}
