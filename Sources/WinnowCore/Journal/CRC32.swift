/// CRC-32 (IEEE 802.3, the same as zlib's `crc32` and Python's `zlib.crc32`), the checksum
/// of every journal line.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The CRC-32 of `bytes`.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { t in
            for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        return c ^ 0xFFFF_FFFF
    }

    /// The CRC-32 of `bytes` as 8 lowercase hex digits.
    static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        let s = String(checksum(bytes), radix: 16)
        return String(repeating: "0", count: 8 - s.count) + s
    }
}
