/// Why a JSON text could not be parsed, with the byte offset (absolute in the file).
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var byteOffset: Int
    public var reason: String

    public init(byteOffset: Int, reason: String) {
        self.byteOffset = byteOffset
        self.reason = reason
    }

    public var description: String { "byte \(byteOffset): \(reason)" }
}

/// A non-fatal oddity found while parsing (a lone surrogate replaced by U+FFFD).
public struct JSONParseWarning: Sendable, Equatable {
    public var byteOffset: Int
    public var message: String
}

/// A strict RFC 8259 parser from bytes into `JSONValue`, keeping member order and number
/// lexemes. Works on a borrowed buffer; never traps on any input.
public struct JSONParser {
    /// Deeper nesting than this is rejected rather than risking the stack.
    public static let maxDepth = 512

    let bytes: UnsafeRawBufferPointer
    let baseOffset: Int
    var pos = 0
    var depth = 0
    /// Lone surrogates and similar recoverable oddities.
    public private(set) var warnings: [JSONParseWarning] = []
    var scratch: [UInt8] = []

    /// `baseOffset` is added to every reported offset (the buffer's position in its file).
    public init(bytes: UnsafeRawBufferPointer, baseOffset: Int = 0) {
        self.bytes = bytes
        self.baseOffset = baseOffset
    }

    /// Parses one complete value; anything but whitespace after it is an error.
    public mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if pos < bytes.count {
            throw fail("unexpected \(describeByte(at: pos)) after the end of the value")
        }
        return value
    }

    /// Parses `bytes` as one JSON document.
    public static func parse(_ bytes: UnsafeRawBufferPointer, baseOffset: Int = 0) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, baseOffset: baseOffset)
        return try parser.parseDocument()
    }

    /// Parses a byte array (tests, small inputs).
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer) }
        }
        return try result.get()
    }

    // MARK: - Values

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard pos < bytes.count else { throw fail("unexpected end of input, expected a value") }
        switch bytes[pos] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw fail("unexpected \(describeByte(at: pos)), expected a value")
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        depth += 1
        guard depth <= Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth) levels") }
        defer { depth -= 1 }
        pos += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard pos < bytes.count else { throw fail("unexpected end of input inside an object") }
            guard bytes[pos] == UInt8(ascii: "\"") else {
                throw fail("unexpected \(describeByte(at: pos)), expected a member name in quotes")
            }
            let key = try parseString()
            skipWhitespace()
            guard pos < bytes.count else { throw fail("unexpected end of input, expected ':'") }
            guard bytes[pos] == UInt8(ascii: ":") else { throw fail("unexpected \(describeByte(at: pos)), expected ':' after member name") }
            pos += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONMember(key: key, value: value))
            skipWhitespace()
            guard pos < bytes.count else { throw fail("unexpected end of input inside an object") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(members) }
            throw fail("unexpected \(describeByte(at: pos)), expected ',' or '}'")
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        depth += 1
        guard depth <= Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth) levels") }
        defer { depth -= 1 }
        pos += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard pos < bytes.count else { throw fail("unexpected end of input inside an array") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(elements) }
            throw fail("unexpected \(describeByte(at: pos)), expected ',' or ']'")
        }
    }

    mutating func expectLiteral(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard pos + count <= bytes.count else { throw fail("unexpected end of input in a literal") }
        let base = word.utf8Start
        for i in 0..<count where bytes[pos + i] != base[i] {
            pos += i
            throw fail("unexpected \(describeByte(at: pos + i)) in a literal (expected \(word))")
        }
        pos += count
    }

    mutating func parseNumber() throws(JSONParseError) -> String {
        let start = pos
        if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < bytes.count, isDigit(bytes[pos]) else { throw fail("a number needs a digit here") }
        if bytes[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < bytes.count, isDigit(bytes[pos]) { throw fail("a number cannot have a leading zero") }
        } else {
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            pos += 1
            guard pos < bytes.count, isDigit(bytes[pos]) else { throw fail("a number needs a digit after '.'") }
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < bytes.count, isDigit(bytes[pos]) else { throw fail("a number needs a digit in its exponent") }
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
    }

    // MARK: - Strings

    /// Parses a string starting at its opening quote. Raw runs are validated as UTF-8;
    /// escapes are decoded, with surrogate pairs joined and lone surrogates replaced by U+FFFD.
    private mutating func parseString() throws(JSONParseError) -> String {
        let open = pos
        pos += 1
        var runStart = pos
        var usedScratch = false
        scratch.removeAll(keepingCapacity: true)
        while true {
            // Fast path: plain bytes up to the next quote, backslash or control character.
            while pos < bytes.count {
                let b = bytes[pos]
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
                pos += 1
            }
            guard pos < bytes.count else {
                pos = open
                throw fail("string is not terminated (no closing quote before the end)")
            }
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                let run = UnsafeRawBufferPointer(rebasing: bytes[runStart..<pos])
                pos += 1
                if !usedScratch {
                    let bad = Self.firstInvalidUTF8(run)
                    guard bad == run.count else {
                        throw JSONParseError(byteOffset: baseOffset + runStart + bad, reason: "invalid UTF-8 in a string")
                    }
                    return String(decoding: run, as: UTF8.self)
                }
                try appendValidated(run, at: runStart)
                return String(decoding: scratch, as: UTF8.self)
            }
            if b < 0x20 {
                throw fail("raw control character 0x\(String(b, radix: 16)) inside a string (must be escaped)")
            }
            // Backslash.
            usedScratch = true
            try appendValidated(UnsafeRawBufferPointer(rebasing: bytes[runStart..<pos]), at: runStart)
            try parseEscape()
            runStart = pos
        }
    }

    private mutating func appendValidated(_ run: UnsafeRawBufferPointer, at start: Int) throws(JSONParseError) {
        let bad = Self.firstInvalidUTF8(run)
        if bad < run.count {
            throw JSONParseError(byteOffset: baseOffset + start + bad, reason: "invalid UTF-8 in a string")
        }
        scratch.append(contentsOf: run)
    }

    mutating func parseEscape() throws(JSONParseError) {
        let escapeStart = pos
        pos += 1
        guard pos < bytes.count else { throw fail("unexpected end of input in an escape") }
        let c = bytes[pos]
        pos += 1
        switch c {
        case UInt8(ascii: "\""): scratch.append(0x22)
        case UInt8(ascii: "\\"): scratch.append(0x5C)
        case UInt8(ascii: "/"): scratch.append(0x2F)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try readHex4()
            var scalar: UInt32 = unit
            if (0xD800...0xDBFF).contains(unit) {
                // A high surrogate must be followed by `\u` and a low surrogate.
                if pos + 6 <= bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                    let save = pos
                    pos += 2
                    let low = try readHex4()
                    if (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        pos = save
                        scalar = 0xFFFD
                        warn(at: escapeStart, "lone high surrogate \\u\(String(unit, radix: 16)) replaced by U+FFFD")
                    }
                } else {
                    scalar = 0xFFFD
                    warn(at: escapeStart, "lone high surrogate \\u\(String(unit, radix: 16)) replaced by U+FFFD")
                }
            } else if (0xDC00...0xDFFF).contains(unit) {
                scalar = 0xFFFD
                warn(at: escapeStart, "lone low surrogate \\u\(String(unit, radix: 16)) replaced by U+FFFD")
            }
            appendUTF8(Unicode.Scalar(scalar)?.value ?? 0xFFFD)
        default:
            pos = escapeStart
            throw fail("invalid escape \(describeByte(at: escapeStart + 1)) after a backslash")
        }
    }

    /// Appends a scalar's UTF-8 bytes to `scratch` without building a temporary array (a
    /// `\u`-escaped file has one escape per character, so this is the hot path there).
    @inline(__always)
    private mutating func appendUTF8(_ v: UInt32) {
        if v < 0x80 {
            scratch.append(UInt8(truncatingIfNeeded: v))
        } else if v < 0x800 {
            scratch.append(UInt8(truncatingIfNeeded: 0xC0 | (v >> 6)))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            scratch.append(UInt8(truncatingIfNeeded: 0xE0 | (v >> 12)))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F)))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F)))
        } else {
            scratch.append(UInt8(truncatingIfNeeded: 0xF0 | (v >> 18)))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | ((v >> 12) & 0x3F)))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F)))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F)))
        }
    }

    private mutating func readHex4() throws(JSONParseError) -> UInt32 {
        guard pos + 4 <= bytes.count else { throw fail("unexpected end of input in a \\u escape") }
        var value: UInt32 = 0
        for i in 0..<4 {
            let b = bytes[pos + i]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default:
                pos += i
                throw fail("\\u escape needs four hex digits, found \(describeByte(at: pos))")
            }
            value = value << 4 | digit
        }
        pos += 4
        return value
    }

    // MARK: - Helpers

    // Small accessors for the member walker (JSONParser+Members.swift).
    var isAtEnd: Bool { pos >= bytes.count }
    func atByte(_ b: UInt8) -> Bool { pos < bytes.count && bytes[pos] == b }
    var atDigit: Bool { pos < bytes.count && isDigit(bytes[pos]) }
    mutating func advance() { pos += 1 }
    mutating func readAnyValue() throws(JSONParseError) -> JSONValue { try parseValue() }
    mutating func readStringValue() throws(JSONParseError) -> String { try parseString() }
    mutating func readNumberLexeme() throws(JSONParseError) -> String { try parseNumber() }

    mutating func skipWhitespace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x0A, 0x0D, 0x09: pos += 1
            default: return
            }
        }
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private mutating func warn(at offset: Int, _ message: String) {
        warnings.append(JSONParseWarning(byteOffset: baseOffset + offset, message: message))
    }

    func fail(_ reason: String) -> JSONParseError {
        JSONParseError(byteOffset: baseOffset + pos, reason: reason)
    }

    func describeByte(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of input" }
        return Self.describe(byte: bytes[offset])
    }

    /// `'x'` for printable ASCII, `byte 0xNN` otherwise (never raw control bytes in messages).
    static func describe(byte b: UInt8) -> String {
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x\(String(b, radix: 16, uppercase: true))"
    }

    /// Offset of the first byte that breaks UTF-8 in `run` (run.count if none): RFC 3629,
    /// so overlong forms, surrogates and scalars above U+10FFFF are invalid.
    ///
    /// Why hand-written: `String(validating:as:)` is generic and unspecialised here; called
    /// once per string and per escape run it spent a sixth of the decoding time of a
    /// `\u`-escaped file in generic metadata lookups. ASCII runs are checked 8 bytes at a time.
    static func firstInvalidUTF8(_ run: UnsafeRawBufferPointer) -> Int {
        let n = run.count
        guard let base = run.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        var i = 0
        while i < n {
            if i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            }
            if base[i] < 0x80 { i += 1; continue }
            let length = utf8SequenceLength(base, i, n)
            if length == 0 { return i }
            i += length
        }
        return n
    }
}
