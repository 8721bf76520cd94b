import Foundation
import Testing
@testable import WinnowCore

@Suite struct MergeJSONWriterTests {
    static let tricky = "👨‍👩‍👧 e\u{301} 𠀀𪚥 \r\n\t \"q\" \\ / \u{1} \u{7f} \u{2028} 中文"

    static let sample: JSONValue = .object([
        JSONMember(key: "id", value: .string("x/1")),
        JSONMember(key: "score", value: .number("1.0")),
        JSONMember(key: "big", value: .number("12345678901234567890")),
        JSONMember(key: "conversations", value: .array([
            .object([JSONMember(key: "from", value: .string("human")), JSONMember(key: "value", value: .string(tricky))]),
            .object([JSONMember(key: "from", value: .string("gpt")), JSONMember(key: "value", value: .string("答"))]),
        ])),
        JSONMember(key: "empty", value: .array([])),
        JSONMember(key: "meta", value: .object([])),
        JSONMember(key: "ok", value: .bool(true)),
        JSONMember(key: "none", value: .null),
    ])

    /// What Python's json.dumps writes for the same value with the same options.
    private func python(indent: String?, ensureASCII: Bool, item: String, key: String) throws -> String {
        let compact = JSONWriter(style: JSONStyle(indent: nil, ensureASCII: true, keySeparator: ":", itemSeparator: ",")).string(Self.sample)
        let indentArg = indent.map { "'\($0.replacingOccurrences(of: "\t", with: "\\t"))'" } ?? "None"
        let script = """
            import json, sys
            s = json.dumps(json.loads(sys.argv[1]), indent=\(indentArg), ensure_ascii=\(ensureASCII ? "True" : "False"), separators=('\(item)', '\(key)'))
            sys.stdout.write(s)
            """
        return try runPython(script, args: [compact])
    }

    @Test(arguments: [
        (nil as String?, true, ", ", ": "), (nil, false, ", ", ": "), (nil, false, ",", ":"),
        ("  ", false, ",", ": "), ("    ", true, ",", ": "), ("\t", false, ",", ": "),
    ])
    func matchesPythonJSONDumps(_ indent: String?, _ ascii: Bool, _ item: String, _ key: String) throws {
        let style = JSONStyle(indent: indent, ensureASCII: ascii, keySeparator: key, itemSeparator: item)
        let ours = JSONWriter(style: style).string(Self.sample)
        let theirs = try python(indent: indent, ensureASCII: ascii, item: item, key: key)
        #expect(ours == theirs)
    }

    @Test func nestedSampleInsideAnIndentedArrayKeepsItsDepth() {
        let w = JSONWriter(style: JSONStyle(indent: "  ", keySeparator: ": ", itemSeparator: ","))
        let text = w.string(.object([JSONMember(key: "a", value: .array([.number("1")]))]), baseIndent: "  ")
        #expect(text == "{\n    \"a\": [\n      1\n    ]\n  }")
    }

    @Test func sniffsTheSampleOwnStyle() {
        let original = "{\n    \"id\": \"\\u4E2D/\",\n    \"n\": 1\n  }"
        let w = Array(original.utf8).withUnsafeBytes {
            JSONWriter(matching: $0, baseIndent: "  ", fallback: JSONStyle())
        }
        #expect(w.style.indent == "  ")
        #expect(w.style.keySeparator == ": ")
        #expect(w.style.itemSeparator == ",")
        #expect(w.style.ensureASCII)
        #expect(w.uppercaseHex)
        #expect(w.style.escapesSlash == false)
        // Writing the parsed value back gives the same bytes.
        let parsed = try? JSONLineDecoding.parse(original)
        #expect(parsed.map { w.string($0, baseIndent: "  ") } == original)
    }

    @Test func compactRawSampleRoundTripsByteForByte() throws {
        let original = #"{"id": "a", "conversations": [{"from": "human", "value": "<image>\n问\"题\" \\ 😀"}], "x": [1.50, -0, 2e10]}"#
        let w = Array(original.utf8).withUnsafeBytes { JSONWriter(matching: $0, baseIndent: "", fallback: JSONStyle(ensureASCII: true)) }
        #expect(w.style.ensureASCII == false)
        #expect(w.string(try JSONLineDecoding.parse(original)) == original)
    }
}
