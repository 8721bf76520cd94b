import Foundation
import Testing
@testable import WinnowCore

@Suite struct JSONParserEscapeTests {
    /// Every UTF-8 length (1 to 4 bytes) and the edges between them decode from `\u` escapes
    /// to the same text as from raw UTF-8.
    @Test func escapesDecodeToTheScalarsTheyName() throws {
        let scalars: [UInt32] = [0x41, 0x7F, 0x80, 0x7FF, 0x800, 0x4E2D, 0xFFFD, 0xFFFF, 0x10000, 0x20000, 0x10FFFF]
        for v in scalars {
            let scalar = try #require(Unicode.Scalar(v))
            let text = String(Character(scalar))
            var escaped = ""
            for unit in text.utf16 { escaped += String(format: "\\u%04x", unit) }
            let value = try JSONParser.parse(Array("\"\(escaped)\"".utf8))
            #expect(value == .string(text), "U+\(String(v, radix: 16))")
        }
    }

    @Test func loneSurrogatesBecomeTheReplacementCharacter() throws {
        #expect(try JSONParser.parse(Array(#""a\ud800b\udc00c""#.utf8)) == .string("a\u{FFFD}b\u{FFFD}c"))
    }
}
