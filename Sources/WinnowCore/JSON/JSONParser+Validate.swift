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
    /// bytes, escapes well formed.
    private mutating func skipString() throws(JSONParseError) {
        let open = pos
        pos += 1
        var runStart = pos
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            throw fail("string is not terminated (no closing quote before the end)")
        }
        let n = bytes.count
        while true {
            // Eight bytes at a time: stop at a word holding '"', '\' or a byte below 0x20.
            while pos + 8 <= n {
                let w = UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
                let quote = w ^ (ones &* 0x22), slash = w ^ (ones &* 0x5C)
                let hit = ((quote &- ones) & ~quote) | ((slash &- ones) & ~slash) | ((w &- ones &* 0x20) & ~w)
                if hit & highs != 0 { break }
                pos += 8
            }
            while pos < n {
                let b = base[pos]
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
                pos += 1
            }
            guard pos < n else {
                pos = open
                throw fail("string is not terminated (no closing quote before the end)")
            }
            let run = UnsafeRawBufferPointer(rebasing: bytes[runStart..<pos])
            let bad = Self.firstInvalidUTF8(run)
            if bad < run.count { throw JSONParseError(byteOffset: baseOffset + runStart + bad, reason: "invalid UTF-8 in a string") }
            let b = base[pos]
            if b == UInt8(ascii: "\"") { pos += 1; return }
            if b < 0x20 { throw fail("raw control character 0x\(String(b, radix: 16)) inside a string (must be escaped)") }
            scratch.removeAll(keepingCapacity: true)
            try parseEscape()
            runStart = pos
        }
    }
}
