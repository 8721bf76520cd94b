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

@Suite struct UTF8ValidationTests {
    func firstInvalid(_ bytes: [UInt8]) -> Int { bytes.withUnsafeBytes { JSONParser.firstInvalidUTF8($0) } }

    /// The hand-written check agrees with the standard library on the edge cases of RFC 3629.
    @Test(arguments: [
        [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
        [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
        [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80], [0xE4, 0xB8],
    ] as [[UInt8]])
    func edgeCases(_ bytes: [UInt8]) {
        let valid = bytes.withUnsafeBytes { String(validating: $0, as: UTF8.self) } != nil
        #expect((firstInvalid(bytes) == bytes.count) == valid)
        let padded = Array("abcdefghij".utf8) + bytes + Array("klmnopqrst".utf8)
        let paddedValid = padded.withUnsafeBytes { String(validating: $0, as: UTF8.self) } != nil
        #expect((firstInvalid(padded) == padded.count) == paddedValid)
        if !paddedValid { #expect(firstInvalid(padded) == 10) }
    }

    @Test func randomBytesAgreeWithTheStandardLibrary() {
        var rng = SeededRandom(seed: 7)
        let alphabet: [UInt8] = [0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE4, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        for _ in 0..<3000 {
            let count = Int(rng.next() % 24)
            let bytes = (0..<count).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let valid = bytes.withUnsafeBytes { String(validating: $0, as: UTF8.self) } != nil
            #expect((firstInvalid(bytes) == bytes.count) == valid, "\(bytes)")
        }
    }
}
