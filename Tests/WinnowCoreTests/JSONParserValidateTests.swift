import Testing
@testable import WinnowCore

/// `skipValue` (the merge output check) accepts exactly what `parseDocument` accepts.
@Suite struct JSONParserValidateTests {
    static func skipAccepts(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { b in
            var p = JSONParser(bytes: b)
            do { try p.skipValue() } catch { return false }
            return p.isAtEndAfterWhitespace()
        }
    }

    static func parseAccepts(_ bytes: [UInt8]) -> Bool {
        (try? JSONParser.parse(bytes)) != nil
    }

    @Test func agreesWithTheParserOnMutations() {
        let seeds = [#"{"a": "中文 é 😀 \u00e9\ud83d\ude00 \"q\" \\ \/", "n": [0, -1.5e+3, 2E-2, true, false, null], "o": {}}"#,
                     #"["long ascii text that spans several words of eight bytes", "\t"]"#]
        var rng = SeededRandom(seed: 7)
        let nasty: [UInt8] = Array(",]}[{\"\\:nt0eE.-+u ".utf8) + [0x01, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF]
        var accepted = 0
        for k in 0..<6000 {
            var bytes = Array(seeds[k % seeds.count].utf8)
            for _ in 0..<(Int(rng.next() % 3)) {
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 3 {
                case 0: bytes[at] = nasty[Int(rng.next() % UInt64(nasty.count))]
                case 1: bytes.remove(at: at)
                default: bytes.insert(nasty[Int(rng.next() % UInt64(nasty.count))], at: at)
                }
                if bytes.isEmpty { bytes = [0x30] }
            }
            let parse = Self.parseAccepts(bytes), skip = Self.skipAccepts(bytes)
            #expect(parse == skip, "parser \(parse), skip \(skip): \(bytes)")
            if skip { accepted += 1 }
        }
        #expect(accepted > 100)
    }

    @Test func everyInvalidUTF8FormIsRefused() {
        for bad: [UInt8] in [[0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
                             [0xE4, 0xB8], [0x80], [0xE4, 0x41, 0x41]] {
            let doc: [UInt8] = [0x22] + bad + [0x22]
            #expect(!Self.skipAccepts(doc), "\(bad)")
            #expect(!Self.parseAccepts(doc), "\(bad)")
        }
        #expect(Self.skipAccepts(Array("\"中文𠀀é\"".utf8)))
    }
}
