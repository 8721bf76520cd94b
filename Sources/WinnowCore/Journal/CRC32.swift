/// CRC-32 (IEEE 802.3, the same as zlib's `crc32` and Python's `zlib.crc32`), the checksum
/// of every journal line.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// Slicing-by-8 tables: table k gives the CRC of a byte followed by k zero bytes.
    private static let tables: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 256 * 8)
        for i in 0..<256 { t[i] = table[i] }
        for k in 1..<8 {
            for i in 0..<256 {
                let prev = t[(k - 1) * 256 + i]
                t[k * 256 + i] = (prev >> 8) ^ t[Int(prev & 0xFF)]
            }
        }
        return t
    }()

    /// The CRC-32 of `bytes` (eight bytes per step, read as one little-endian word; journal
    /// reading checks every line).
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        guard let p = bytes.baseAddress else { return 0 }
        let n = bytes.count
        tables.withUnsafeBufferPointer { table in
            guard let t = table.baseAddress else { return }
            var i = 0
            while i + 8 <= n {
                let word = UInt64(littleEndian: (p + i).loadUnaligned(as: UInt64.self))
                let x = c ^ UInt32(truncatingIfNeeded: word)
                let hi = UInt32(truncatingIfNeeded: word >> 32)
                c = t[7 * 256 + Int(x & 0xFF)] ^ t[6 * 256 + Int((x >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((x >> 16) & 0xFF)] ^ t[4 * 256 + Int(x >> 24)]
                    ^ t[3 * 256 + Int(hi & 0xFF)] ^ t[2 * 256 + Int((hi >> 8) & 0xFF)]
                    ^ t[1 * 256 + Int((hi >> 16) & 0xFF)] ^ t[Int(hi >> 24)]
                i += 8
            }
            while i < n {
                c = t[Int((c ^ UInt32(p.load(fromByteOffset: i, as: UInt8.self))) & 0xFF)] ^ (c >> 8)
                i += 1
            }
        }
        return c ^ 0xFFFF_FFFF
    }

    /// The CRC-32 of `bytes` as 8 lowercase hex digits.
    static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        let s = String(checksum(bytes), radix: 16)
        return String(repeating: "0", count: 8 - s.count) + s
    }
}
