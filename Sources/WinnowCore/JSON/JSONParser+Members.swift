/// Reading one object member by member without building a tree for the members the caller
/// reads as plain strings or integers: journal replay reads 100,000 lines this way.
extension JSONParser {
    /// Parses `bytes` as one JSON object, calling `member` with each key and the parser placed
    /// at that member's value; `member` must consume the value with `readValue`, `readString`
    /// or `readInt`. Anything but whitespace after the object is an error.
    public static func walkObject(
        _ bytes: UnsafeRawBufferPointer,
        _ member: (String, inout JSONParser) throws(JSONParseError) -> Void
    ) throws(JSONParseError) {
        var p = JSONParser(bytes: bytes)
        try p.walkMembers(member)
    }

    private mutating func walkMembers(
        _ member: (String, inout JSONParser) throws(JSONParseError) -> Void
    ) throws(JSONParseError) {
        skipWhitespace()
        guard atByte(UInt8(ascii: "{")) else { throw fail("expected an object") }
        advance()
        skipWhitespace()
        if atByte(UInt8(ascii: "}")) {
            advance()
        } else {
            while true {
                skipWhitespace()
                guard atByte(UInt8(ascii: "\"")) else { throw fail("expected a member name in quotes") }
                let key = try readStringValue()
                skipWhitespace()
                guard atByte(UInt8(ascii: ":")) else { throw fail("expected ':' after member name") }
                advance()
                skipWhitespace()
                try member(key, &self)
                skipWhitespace()
                if atByte(UInt8(ascii: ",")) { advance(); continue }
                if atByte(UInt8(ascii: "}")) { advance(); break }
                throw fail(isAtEnd ? "unexpected end of input inside an object" : "expected ',' or '}'")
            }
        }
        skipWhitespace()
        if !isAtEnd { throw fail("unexpected text after the end of the value") }
    }

    /// Reads any value.
    public mutating func readValue() throws(JSONParseError) -> JSONValue { try readAnyValue() }

    /// Reads a value that must be a string; `name` is used in the message.
    public mutating func readString(_ name: String) throws(JSONParseError) -> String {
        guard atByte(UInt8(ascii: "\"")) else { throw fail("'\(name)' must be a string") }
        return try readStringValue()
    }

    /// Reads a value that must be an integer; `name` is used in the message.
    public mutating func readInt(_ name: String) throws(JSONParseError) -> Int {
        guard atByte(UInt8(ascii: "-")) || atDigit else { throw fail("'\(name)' must be a number") }
        guard let v = Int(try readNumberLexeme()) else { throw fail("'\(name)' must be an integer") }
        return v
    }
}
