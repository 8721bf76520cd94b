import Foundation
import Testing
@testable import WinnowCore

/// Writes generated samples in one of many JSON styles (a tiny serializer of our own, so the
/// styles cover what Python's json module and minifiers produce).
struct StyledWriter {
    var indent: String?
    var itemSeparator = ", "
    var keySeparator = ": "
    var ensureASCII = false
    var escapeSlash = false
    var newline = "\n"

    func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "/" where escapeSlash: out += "\\/"
            default:
                if scalar.value < 0x20 || (ensureASCII && scalar.value > 0x7E) {
                    for unit in String(scalar).utf16 {
                        let hex = String(unit, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    func value(_ v: Any, level: Int) -> String {
        switch v {
        case let s as String: return string(s)
        case let n as Int: return String(n)
        case let b as Bool: return b ? "true" : "false"
        case let o as [(String, Any)]:
            return container("{", "}", o.map { string($0.0) + keySeparator + value($0.1, level: level + 1) }, level: level)
        case let a as [Any]:
            return container("[", "]", a.map { value($0, level: level + 1) }, level: level)
        default: return "null"
        }
    }

    private func container(_ open: String, _ close: String, _ items: [String], level: Int) -> String {
        if items.isEmpty { return open + close }
        guard let indent else { return open + items.joined(separator: itemSeparator) + close }
        let inner = newline + String(repeating: indent, count: level + 1)
        return open + inner + items.joined(separator: "," + inner) + newline + String(repeating: indent, count: level) + close
    }
}

/// Random samples whose strings are full of brackets, quotes, backslashes, CJK and emoji.
struct SampleGenerator {
    var rng: SeededRandom
    let alphabet: [String] = ["a", "Z", " ", "\"", "\\", "{", "}", "[", "]", ",", ":", "中", "文", "，", "。", "😀", "\n", "\t",
                              "\u{1}", "\u{1b}", "/", "<image>", "\\\"", "\"}", "]}", "\\u"]

    mutating func text() -> String {
        let n = Int.random(in: 0...30, using: &rng)
        return (0..<n).map { _ in alphabet.randomElement(using: &rng) ?? "" }.joined()
    }

    mutating func sample(_ index: Int) -> [(String, Any)] {
        var members: [(String, Any)] = []
        switch Int.random(in: 0...3, using: &rng) {
        case 0: members.append(("id", "s-\(index)-" + text().filter { $0 != "\\" }))
        case 1: members.append(("id", index * 7))
        case 2: break
        default: members.append(("id", String(format: "%012d", index)))
        }
        if Bool.random(using: &rng) { members.append(("image", "images/\(index).jpg")) }
        var turns: [Any] = []
        for t in 0..<Int.random(in: 1...6, using: &rng) {
            turns.append([("from", t % 2 == 0 ? "human" : "gpt"), ("value", text())] as [(String, Any)])
        }
        members.append(("conversations", turns))
        if Bool.random(using: &rng) {
            members.append(("meta", [("nested", [[("k", text())] as [(String, Any)], 3, true] as [Any]), ("id", "inner")] as [(String, Any)]))
        }
        if members.count > 1, Bool.random(using: &rng) { members.swapAt(0, members.count - 1) }
        return members
    }
}

@Suite struct IndexerAgreementTests {
    @Test(arguments: 0..<40)
    func agreesWithJSONSerialization(seed: Int) throws {
        var gen = SampleGenerator(rng: SeededRandom(seed: UInt64(seed) &* 7919 &+ 17))
        let count = [0, 1, 2, 5, 17, 60][seed % 6]
        let samples = (0..<count).map { gen.sample($0) }
        let styles: [StyledWriter] = [
            StyledWriter(indent: nil),
            StyledWriter(indent: nil, itemSeparator: ",", keySeparator: ":"),
            StyledWriter(indent: "  ", itemSeparator: ",", keySeparator: ": "),
            StyledWriter(indent: "    ", itemSeparator: ",", keySeparator: ": ", ensureASCII: true),
            StyledWriter(indent: "\t", itemSeparator: ",", keySeparator: ": ", newline: "\r\n"),
            StyledWriter(indent: nil, ensureASCII: true, escapeSlash: true),
        ]
        let writer = styles[seed % styles.count]
        let jsonl = seed % 4 == 1 && writer.indent == nil
        var text: String
        if jsonl {
            let eol = seed % 8 == 1 ? "\r\n" : "\n"
            text = samples.map { writer.value($0, level: 0) + eol }.joined()
        } else if writer.indent == nil {
            text = "[" + samples.map { writer.value($0, level: 0) }.joined(separator: writer.itemSeparator) + "]"
        } else {
            text = writer.value(samples as [Any], level: 0) + writer.newline
        }
        let path = writeTemp(text, name: jsonl ? "g.jsonl" : "g.json")
        if count == 0 && jsonl { return }
        let dataset = try openUncached(path)
        #expect(dataset.container == (jsonl ? .jsonLines : .jsonArray))
        #expect(dataset.problems.isEmpty, "\(dataset.problems)")
        let bytes = Data(text.utf8)
        let reference: [Any]
        if jsonl {
            reference = try text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map {
                try JSONSerialization.jsonObject(with: Data($0.utf8))
            }
        } else {
            reference = try #require(JSONSerialization.jsonObject(with: bytes) as? [Any])
        }
        #expect(dataset.count == reference.count)
        for i in 0..<min(dataset.count, reference.count) {
            let range = dataset.byteRange(at: i)
            let element = try JSONSerialization.jsonObject(with: bytes.subdata(in: range))
            #expect((element as? NSDictionary)?.isEqual(reference[i]) == true, "sample \(i) differs (seed \(seed))")
            let dict = reference[i] as? [String: Any]
            let expectedID: String? = (dict?["id"] as? String) ?? (dict?["id"] as? Int).map { String($0) }
            #expect(dataset.id(at: i) == expectedID, "id of sample \(i) (seed \(seed))")
            let sample = try dataset.sample(at: i).get()
            #expect(sample.turns.count == (dict?["conversations"] as? [Any])?.count)
            #expect(sample.id == expectedID ?? "#\(i)")
            if let expectedID { #expect(dataset.index(ofID: expectedID).map { $0 <= i } == true) }
        }
        if count > 0 {
            #expect(dataset.style.ensureASCII == writer.ensureASCII || !text.contains("\\u"))
            #expect(dataset.style.indent == (jsonl ? nil : writer.indent))
        }
    }
}
