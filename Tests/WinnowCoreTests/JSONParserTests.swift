import Testing
@testable import WinnowCore

@Suite struct JSONParserTests {
    @Test func keepsOrderDuplicatesAndNumberLexemes() throws {
        let value = try JSONParser.parse(Array(#"{"b": 1.0, "a": [true, null, -0.5e+3], "b": 12345678901234567890}"#.utf8))
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["b", "a", "b"])
        #expect(members[0].value == .number("1.0"))
        #expect(members[1].value == .array([.bool(true), .null, .number("-0.5e+3")]))
        #expect(members[2].value == .number("12345678901234567890"))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(Array(#""\u4e2d\u6587 \ud83d\ude00 \"q\" \\ \/ \n\t""#.utf8))
        #expect(value == .string("中文 😀 \"q\" \\ / \n\t"))
    }

    @Test func loneSurrogatesBecomeReplacementWithWarning() throws {
        let bytes = Array(#"["a\ud800b", "\udc00"]"#.utf8)
        var warnings: [JSONParseWarning] = []
        let value: JSONValue = try bytes.withUnsafeBytes { buffer throws(JSONParseError) -> JSONValue in
            var parser = JSONParser(bytes: buffer, baseOffset: 100)
            let v = try parser.parseDocument()
            warnings = parser.warnings
            return v
        }
        #expect(value == .array([.string("a\u{FFFD}b"), .string("\u{FFFD}")]))
        #expect(warnings.count == 2)
        #expect(warnings.first?.byteOffset == 103)
        #expect(warnings.first?.message.contains("lone high surrogate") == true)
    }

    @Test(arguments: [
        (#"{"a": }"#, 6, "expected a value"),
        (#"{"a" 1}"#, 5, "expected ':'"),
        (#"[1, 2"#, 5, "end of input"),
        (#""abc"#, 0, "not terminated"),
        (#"[01]"#, 2, "leading zero"),
        (#"["\x"]"#, 2, "invalid escape"),
        ("[\"a\u{1}\"]", 3, "control character"),
        (#"[tru]"#, 4, "literal"),
        (#"{} x"#, 3, "after the end"),
    ])
    func reportsErrorsWithOffsets(text: String, offset: Int, reason: String) {
        do {
            _ = try JSONParser.parse(Array(text.utf8))
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.byteOffset == offset, "\(text): \(error)")
            #expect(error.reason.contains(reason), "\(text): \(error)")
        }
    }

    @Test func reportsInvalidUTF8Location() {
        let bytes: [UInt8] = Array(#"["ok", "ab"#.utf8) + [0xFF] + Array(#""]"#.utf8)
        #expect(throws: JSONParseError(byteOffset: 10, reason: "invalid UTF-8 in a string")) {
            _ = try JSONParser.parse(bytes)
        }
    }

    @Test func rejectsDeepNestingWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { _ = try JSONParser.parse(Array(deep.utf8)) }
    }
}
