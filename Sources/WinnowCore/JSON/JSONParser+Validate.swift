/// Validation without building values: the same grammar, escapes and UTF-8 rules as
/// `parseDocument`, for checking a whole merged file before it is renamed into place.
///
/// Why a second walk instead of `parseDocument`: building a `JSONValue` for every string of a
/// 1.26 GB output costs several times the merge itself; this walk allocates nothing per value
/// and scans string bodies eight bytes at a time.
extension JSONParser {
    /// The offset where the next value would start (after whitespace), for callers that walk
    /// a container element by element.
    public var byteOffset: Int { baseOffset + pos }

    /// Whether only whitespace is left.
    public mutating func isAtEndAfterWhitespace() -> Bool {
        skipWhitespace()
        return pos >= bytes.count
    }

    /// Consumes `byte` (after whitespace) or returns false, leaving the position there.
    public mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard pos < bytes.count, bytes[pos] == byte else { return false }
        pos += 1
        return true
    }

    /// The byte at the current position, after whitespace (nil at the end).
    public mutating func peekAfterWhitespace() -> UInt8? {
        skipWhitespace()
        return pos < bytes.count ? bytes[pos] : nil
    }

    /// Checks one value (after whitespace) and moves past it; throws where it breaks.
    public mutating func skipValue() throws(JSONParseError) {
        skipWhitespace()
        guard pos < bytes.count else { throw fail("unexpected end of input, expected a value") }
        switch bytes[pos] {
        case UInt8(ascii: "{"):
            depth += 1
            guard depth <= Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth) levels") }
            defer { depth -= 1 }
            pos += 1
            skipWhitespace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") { pos += 1; return }
            while true {
                skipWhitespace()
                guard pos < bytes.count else { throw fail("unexpected end of input inside an object") }
                guard bytes[pos] == UInt8(ascii: "\"") else {
                    throw fail("unexpected \(describeByte(at: pos)), expected a member name in quotes")
                }
                try skipString()
                skipWhitespace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else {
                    throw fail("unexpected \(describeByte(at: pos)), expected ':' after member name")
                }
                pos += 1
                try skipValue()
                skipWhitespace()
                guard pos < bytes.count else { throw fail("unexpected end of input inside an object") }
                if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if bytes[pos] == UInt8(ascii: "}") { pos += 1; return }
                throw fail("unexpected \(describeByte(at: pos)), expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            depth += 1
            guard depth <= Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth) levels") }
            defer { depth -= 1 }
            pos += 1
            skipWhitespace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1; return }
            while true {
                try skipValue()
                skipWhitespace()
                guard pos < bytes.count else { throw fail("unexpected end of input inside an array") }
                if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if bytes[pos] == UInt8(ascii: "]") { pos += 1; return }
                throw fail("unexpected \(describeByte(at: pos)), expected ',' or ']'")
            }
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try expectLiteral("true")
        case UInt8(ascii: "f"): try expectLiteral("false")
        case UInt8(ascii: "n"): try expectLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try parseNumber()
        default: throw fail("unexpected \(describeByte(at: pos)), expected a value")
        }
    }

    /// Checks a string starting at its opening quote: raw runs valid UTF-8 without control
    /// bytes, escapes well formed. One pass: plain ASCII eight bytes at a time, multi-byte
    /// characters validated where they are met (the same RFC 3629 rules as `firstInvalidUTF8`).
    mutating func skipString() throws(JSONParseError) {
        let open = pos
        pos += 1
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            throw fail("string is not terminated (no closing quote before the end)")
        }
        let n = bytes.count
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while true {
            if pos + 8 <= n {
                // Eight plain ASCII bytes: no high bit, no '"', no '\', nothing below 0x20.
                let w = UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self)
                let quote = w ^ (ones &* 0x22), slash = w ^ (ones &* 0x5C)
                let hit = ((quote &- ones) & ~quote) | ((slash &- ones) & ~slash) | ((w &- ones &* 0x20) & ~w) | w
                if hit & highs == 0 { pos += 8; continue }
            }
            guard pos < n else {
                pos = open
                throw fail("string is not terminated (no closing quote before the end)")
            }
            var b = base[pos]
            if b >= 0x80 {
                // A run of multi-byte characters (Chinese text) is walked without trying the
                // eight-byte ASCII test between characters.
                repeat {
                    let length = Self.utf8SequenceLength(base, pos, n)
                    if length == 0 { throw JSONParseError(byteOffset: baseOffset + pos, reason: "invalid UTF-8 in a string") }
                    pos += length
                    guard pos < n else { break }
                    b = base[pos]
                } while b >= 0x80
                continue
            }
            if b == UInt8(ascii: "\"") { pos += 1; return }
            if b == UInt8(ascii: "\\") {
                scratch.removeAll(keepingCapacity: true)
                try parseEscape()
                continue
            }
            if b < 0x20 { throw fail("raw control character 0x\(String(b, radix: 16)) inside a string (must be escaped)") }
            pos += 1
        }
    }

    /// The length of the valid UTF-8 sequence starting at `i` (a byte >= 0x80), or 0.
    @inline(__always)
    static func utf8SequenceLength(_ base: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        let b = base[i]
        // The common case in Chinese text first: a three-byte character without special ranges.
        if b >= 0xE1, b <= 0xEC || b >= 0xEE, b <= 0xEF, i + 2 < n,
           base[i + 1] & 0xC0 == 0x80, base[i + 2] & 0xC0 == 0x80 { return 3 }
        let need: Int
        var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
        switch b {
        case 0xC2...0xDF: need = 1
        case 0xE0: need = 2; lo = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: need = 2
        case 0xED: need = 2; hi = 0x9F
        case 0xF0: need = 3; lo = 0x90
        case 0xF1...0xF3: need = 3
        case 0xF4: need = 3; hi = 0x8F
        default: return 0
        }
        guard i + need < n else { return 0 }
        let second = base[i + 1]
        guard second >= lo, second <= hi else { return 0 }
        if need >= 2 { guard base[i + 2] & 0xC0 == 0x80 else { return 0 } }
        if need == 3 { guard base[i + 3] & 0xC0 == 0x80 else { return 0 } }
        return need + 1
    }
}
