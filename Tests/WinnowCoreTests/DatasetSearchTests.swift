import Foundation
import Testing
@testable import WinnowCore

/// The byte search finds samples in raw and `\u`-escaped files, wraps, goes backward, and
/// never reports a hit that is not inside a sample.
struct DatasetSearchTests {
    static func samples(_ texts: [String]) -> [[String: Any]] {
        texts.enumerated().map { i, t in
            ["id": "s\(i)", "conversations": [["from": "human", "value": "<image>\n" + t],
                                             ["from": "gpt", "value": "好的"]]] as [String: Any]
        }
    }

    static func write(_ texts: [String], ascii: Bool) throws -> Dataset {
        let data = try JSONSerialization.data(withJSONObject: samples(texts))
        var text = String(decoding: data, as: UTF8.self)
        if ascii {
            // JSONSerialization writes raw UTF-8; escape like Python's ensure_ascii (lowercase hex).
            var out = ""
            for scalar in text.unicodeScalars {
                if scalar.value < 0x80 { out.unicodeScalars.append(scalar) } else {
                    for unit in String(scalar).utf16 { out += String(format: "\\u%04x", unit) }
                }
            }
            text = out
        }
        return try openUncached(writeTemp(text))
    }

    static let texts = ["猫在桌子上", "一只狗", "桌子旁边有一只猫", "天空", "猫", "emoji 😀 here"]

    @Test(arguments: [false, true])
    func findsChineseForwardBackwardAndWraps(ascii: Bool) throws {
        let d = try Self.write(Self.texts, ascii: ascii)
        #expect(d.style.ensureASCII == ascii)
        let s = DatasetSearch(dataset: d)
        #expect(s.matches("猫") == [0, 2, 4])
        #expect(s.count("桌子") == 2)
        #expect(s.count("不存在的词") == 0)
        #expect(s.find("猫", from: 1, forward: true) == 2)
        #expect(s.find("猫", from: 3, forward: false) == 2)
        #expect(s.find("猫", from: 1, forward: false) == 0)
        #expect(s.next("猫", after: 4, forward: true) == 0)
        #expect(s.next("猫", after: 0, forward: false) == 4)
        #expect(s.next("天空", after: 3, forward: true) == 3)  // only the current one: still found
        #expect(s.matches("😀") == [5])
        #expect(s.matches("s3") == [3])  // ids and metadata count
    }

    @Test func quotesAndNewlinesAreMatchedInTheirEscapedForm() throws {
        let d = try Self.write(["他说\"你好\"", "a\\b"], ascii: false)
        let s = DatasetSearch(dataset: d)
        #expect(s.matches("说\"你") == [0])
        #expect(s.matches("a\\b") == [1])
        #expect(s.matches("<image>\n") == [0, 1])
    }

    @Test func cancellationStopsTheSearch() throws {
        let d = try Self.write(Self.texts, ascii: false)
        var s = DatasetSearch(dataset: d)
        s.isCancelled = { true }
        #expect(s.find("猫", from: 0, forward: true) == nil)
    }

    @Test func escapedNeedleUsesLowercaseHexAndSurrogates() {
        let p = SearchPattern(phrase: "中😀", style: JSONStyle(ensureASCII: true))
        #expect(p.needles == [Array("\\u4e2d\\ud83d\\ude00".utf8)])
    }
}

struct SpotCheckTests {
    @Test func sampleIsReproducibleDistinctAndSeedDependent() {
        let all = Array(0..<1000)
        let a = SpotCheck.sample(50, of: all, seed: 7)
        #expect(a == SpotCheck.sample(50, of: all, seed: 7))
        #expect(a != SpotCheck.sample(50, of: all, seed: 8))
        #expect(Set(a).count == 50 && a == a.sorted())
        #expect(SpotCheck.sample(5000, of: all, seed: 1).count == 1000)
    }

    @Test func stratifiedKeepsTheTaskTypeMix() {
        let types: [TaskType] = (0..<1000).map { $0 % 10 < 6 ? .conversation : ($0 % 10 < 9 ? .detail : .complexReasoning) }
        let picked = SpotCheck.stratified(100, types: types, seed: 3)
        #expect(picked.count == 100)
        #expect(picked.filter { types[$0] == .conversation }.count == 60)
        #expect(picked.filter { types[$0] == .detail }.count == 30)
        #expect(picked.filter { types[$0] == .complexReasoning }.count == 10)
    }

    @Test func shardsAreDisjointAndCoverEverything() {
        let all = Array(0..<101)
        let shards = (1...4).map { SpotCheck.shard($0, of: 4, in: all) }
        #expect(shards.flatMap { $0 }.sorted() == all)
        #expect(Set(shards[0]).isDisjoint(with: shards[1]))
        #expect(SpotCheck.parseShard("2/5").map { $0.k == 2 && $0.n == 5 } == true)
        #expect(SpotCheck.parseShard("0/5") == nil)
        #expect(SpotCheck.parseShard("6/5") == nil)
    }
}
