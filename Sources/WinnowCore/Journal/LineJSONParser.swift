/// A small strict JSON parser over bytes, used for journal lines and `decide --from` input,
/// where Foundation's parsers are too slow (replay reads 100,000 lines in well under a second)
/// and lose number lexemes.
struct LineJSONParser {
    /// Why a text is not valid JSON, with the 0-based byte offset.
    struct Failure: Error, Equatable {
        var offset: Int
        var message: String
    }

    private let bytes: UnsafeRawBufferPointer
    private var pos = 0
    private var depth = 0

    private init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Parses exactly one JSON value (surrounding whitespace allowed).
    static func parse(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> JSONValue {
        var p = LineJSONParser(bytes)
        p.skipSpace()
        let v = try p.value()
        p.skipSpace()
        if p.pos != bytes.count { throw Failure(offset: p.pos, message: "unexpected text after the JSON value") }
        return v
    }

    /// Parses a `String`'s UTF-8.
    static func parse(_ text: String) throws(Failure) -> JSONValue {
        var copy = text
        let result: Result<JSONValue, Failure> = copy.withUTF8 { buf in
            do throws(Failure) { return .success(try parse(UnsafeRawBufferPointer(buf))) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private mutating func skipSpace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x0A, 0x0D, 0x09: pos += 1
            default: return
            }
        }
    }

    private func fail(_ message: String) -> Failure { Failure(offset: pos, message: message) }

    private mutating func value() throws(Failure) -> JSONValue {
        guard pos < bytes.count else { throw fail("unexpected end of text") }
        switch bytes[pos] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw fail("unexpected character '\(printable(bytes[pos]))'")
        }
    }

    private func printable(_ b: UInt8) -> String {
        (0x21...0x7E).contains(b) ? String(UnicodeScalar(b)) : "\\x" + String(b, radix: 16)
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let n = word.utf8CodeUnitCount
        guard pos + n <= bytes.count else { throw fail("unexpected end of text") }
        let w = UnsafeRawBufferPointer(start: word.utf8Start, count: n)
        for i in 0..<n where bytes[pos + i] != w[i] { throw fail("invalid literal") }
        pos += n
    }

    private mutating func number() throws(Failure) -> String {
        let start = pos
        if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        func digits(_ p: inout Int, _ b: UnsafeRawBufferPointer) -> Int {
            let s = p
            while p < b.count, (0x30...0x39).contains(b[p]) { p += 1 }
            return p - s
        }
        guard pos < bytes.count, (0x30...0x39).contains(bytes[pos]) else { throw fail("invalid number") }
        if bytes[pos] == 0x30 { pos += 1 } else { _ = digits(&pos, bytes) }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            pos += 1
            if digits(&pos, bytes) == 0 { throw fail("invalid number: no digits after '.'") }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            if digits(&pos, bytes) == 0 { throw fail("invalid number: no digits in exponent") }
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard pos + 4 <= bytes.count else { throw fail("unexpected end of text in \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[pos]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw fail("invalid \\u escape")
            }
            v = v << 4 | d
            pos += 1
        }
        return v
    }

    private mutating func string() throws(Failure) -> String {
        pos += 1  // opening quote
        let start = pos
        // Fast path: no escapes.
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
                pos += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw fail("control character in a string") }
            pos += 1
        }
        var out = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[start..<pos]))
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                pos += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b < 0x20 { throw fail("control character in a string") }
            if b != UInt8(ascii: "\\") { out.append(b); pos += 1; continue }
            pos += 1
            guard pos < bytes.count else { break }
            let e = bytes[pos]
            pos += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar), pos + 6 <= bytes.count,
                   bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                    let save = pos
                    pos += 2
                    let low = try hex4()
                    if (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        pos = save
                    }
                }
                // A lone surrogate cannot be held in a Swift String; it becomes U+FFFD.
                let u = UnicodeScalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: String(Character(u)).utf8)
            default:
                pos -= 1
                throw fail("invalid escape '\\\(printable(e))'")
            }
        }
        throw fail("unterminated string")
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        if depth > 512 { throw fail("nesting too deep") }
    }

    private mutating func array() throws(Failure) -> JSONValue {
        try enter()
        pos += 1
        var items: [JSONValue] = []
        skipSpace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1; depth -= 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value())
            skipSpace()
            guard pos < bytes.count else { throw fail("unexpected end of text in an array") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "]") { pos += 1; depth -= 1; return .array(items) }
            throw fail("expected ',' or ']' in an array")
        }
    }

    private mutating func object() throws(Failure) -> JSONValue {
        try enter()
        pos += 1
        var members: [JSONMember] = []
        skipSpace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") { pos += 1; depth -= 1; return .object(members) }
        while true {
            skipSpace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw fail("expected a member name in an object") }
            let key = try string()
            skipSpace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw fail("expected ':' after a member name") }
            pos += 1
            skipSpace()
            members.append(JSONMember(key: key, value: try value()))
            skipSpace()
            guard pos < bytes.count else { throw fail("unexpected end of text in an object") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "}") { pos += 1; depth -= 1; return .object(members) }
            throw fail("expected ',' or '}' in an object")
        }
    }
}

extension LineJSONParser {
    /// Walks the members of the one object in `bytes`; `member` gets each name and must
    /// consume its value with one of the `read` methods. Used to decode journal lines without
    /// building a `JSONValue` tree (replay decodes 100,000 lines at a time).
    static func walkObject(_ bytes: UnsafeRawBufferPointer,
                           _ member: (String, inout LineJSONParser) throws(Failure) -> Void) throws(Failure) {
        var p = LineJSONParser(bytes)
        p.skipSpace()
        guard p.pos < bytes.count, bytes[p.pos] == UInt8(ascii: "{") else { throw p.fail("expected an object") }
        p.pos += 1
        p.skipSpace()
        if p.pos < bytes.count, bytes[p.pos] == UInt8(ascii: "}") { p.pos += 1 } else {
            while true {
                p.skipSpace()
                guard p.pos < bytes.count, bytes[p.pos] == UInt8(ascii: "\"") else { throw p.fail("expected a member name in an object") }
                let key = try p.string()
                p.skipSpace()
                guard p.pos < bytes.count, bytes[p.pos] == UInt8(ascii: ":") else { throw p.fail("expected ':' after a member name") }
                p.pos += 1
                p.skipSpace()
                try member(key, &p)
                p.skipSpace()
                guard p.pos < bytes.count else { throw p.fail("unexpected end of text in an object") }
                if bytes[p.pos] == UInt8(ascii: ",") { p.pos += 1; continue }
                if bytes[p.pos] == UInt8(ascii: "}") { p.pos += 1; break }
                throw p.fail("expected ',' or '}' in an object")
            }
        }
        p.skipSpace()
        if p.pos != bytes.count { throw p.fail("unexpected text after the JSON value") }
    }

    /// Reads any value.
    mutating func readValue() throws(Failure) -> JSONValue { try value() }

    /// Reads a value that must be a string.
    mutating func readString(_ name: String) throws(Failure) -> String {
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw fail("'\(name)' must be a string") }
        return try string()
    }

    /// Reads a value that must be an integer.
    mutating func readInt(_ name: String) throws(Failure) -> Int {
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "-") || (0x30...0x39).contains(bytes[pos]) else {
            throw fail("'\(name)' must be a number")
        }
        let lexeme = try number()
        guard let v = Int(lexeme) else { throw fail("'\(name)' must be an integer") }
        return v
    }
}
