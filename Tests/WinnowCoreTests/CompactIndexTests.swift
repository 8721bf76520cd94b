import Foundation
import Testing
@testable import WinnowCore

/// The mapped compact index (cache version 6): ranges, ids and lookups equal what a plain
/// scan gives, across blocks and for every case that needs a full-width exception.
@Suite struct CompactIndexTests {
    /// JSON Lines with 200 samples: blank lines and long whitespace runs between some (gaps
    /// over 255 bytes), a 300-byte id, escaped and non-ASCII ids, numeric ids, no id,
    /// repeated ids; returns the text and each sample's expected byte range and id.
    func corpus() -> (String, [(Range<Int>, String?)]) {
        var text = ""
        var expected: [(Range<Int>, String?)] = []
        for i in 0..<200 {
            if i % 17 == 5 { text += String(repeating: " ", count: 300) + "\n" }
            if i % 23 == 7 { text += "\n\n" }
            let idJSON: String?, id: String?
            switch i % 9 {
            case 0: idJSON = "\"long-\(i)-" + String(repeating: "x", count: 300) + "\""; id = "long-\(i)-" + String(repeating: "x", count: 300)
            case 1: idJSON = "\"esc\\\"\(i)\\\\\""; id = "esc\"\(i)\\"
            case 2: idJSON = "\"图\(i)\""; id = "图\(i)"
            case 3: idJSON = "\(i * 10)"; id = "\(i * 10)"
            case 4: idJSON = nil; id = nil
            case 5: idJSON = "\"dup\""; id = "dup"
            default: idJSON = "\"s\(i)\""; id = "s\(i)"
            }
            let member = idJSON.map { "\"id\": \($0), " } ?? ""
            let line = "{\(member)\"conversations\": [{\"from\": \"human\", \"value\": \"q\(i) },{ \\\"x\\\" \"}]}"
            let start = text.utf8.count
            text += line
            expected.append((start..<text.utf8.count, id))
            text += "\n"
        }
        return (text, expected)
    }

    @Test func rangesIdsAndLookupsMatchCachedAndUncached() throws {
        let (text, expected) = corpus()
        let path = writeTemp(text, name: "compact.jsonl")
        let fresh = try Dataset.open(path: path)
        let cached = try Dataset.open(path: path)
        let uncached = try openUncached(path)
        #expect(!fresh.indexWasCached)
        #expect(cached.indexWasCached)
        for dataset in [fresh, cached, uncached] {
            #expect(dataset.count == expected.count)
            for (i, (range, id)) in expected.enumerated() {
                #expect(dataset.byteRange(at: i) == range, "sample \(i)")
                #expect(dataset.id(at: i) == id, "sample \(i)")
                if let id, id != "dup" { #expect(dataset.index(ofID: id) == i, "id \(id)") }
            }
            // A repeated id finds its first sample; absent ids find nothing.
            #expect(dataset.index(ofID: "dup") == 5)
            #expect(dataset.index(ofID: "absent") == nil)
            #expect(dataset.index(ofID: "#4") == 4)
        }
        #expect(cached.fingerprint == fresh.fingerprint)
        #expect(uncached.fingerprint == fresh.fingerprint)
    }

    /// The fingerprint is computed exactly as version 5 did (journals keep matching).
    @Test func fingerprintIsUnchangedFromTheArrayFormula() throws {
        let (text, expected) = corpus()
        let path = writeTemp(text, name: "fp.jsonl")
        let dataset = try openUncached(path)
        let bytes = Array(text.utf8)
        let old: UInt64 = bytes.withUnsafeBytes { raw in
            var h = Hashing.words(UnsafeRawBufferPointer(rebasing: raw[0..<min(65536, raw.count)]), seed: UInt64(raw.count))
            h = Hashing.words(UnsafeRawBufferPointer(rebasing: raw[max(0, raw.count - 65536)..<raw.count]), seed: h)
            if raw.count > 2 * 65536 {
                for k in 0..<64 {
                    let offset = Int((Int64(raw.count) - 4096) * Int64(k) / 64)
                    h = Hashing.words(UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + 4096)]), seed: h)
                }
            }
            let starts = expected.map { Int64($0.0.lowerBound) }, ends = expected.map { Int64($0.0.upperBound) }
            starts.withUnsafeBytes { h = Hashing.words($0, seed: h) }
            ends.withUnsafeBytes { h = Hashing.words($0, seed: h) }
            return h
        }
        #expect(dataset.fingerprint == Hashing.hex(old))
    }

    @Test func cacheTakesAtMost16BytesPerSample() throws {
        let line = #"{"id": "k%d", "conversations": [{"from": "human", "value": "问题%d"}, {"from": "gpt", "value": "答"}]}"#
        let text = (0..<5000).map { String(format: line, $0, $0) }.joined(separator: "\n") + "\n"
        let path = writeTemp(text, name: "size.jsonl")
        let dataset = try Dataset.open(path: path)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path + ".winnow-index")[.size] as? NSNumber).intValue
        #expect(Double(size) / Double(dataset.count) <= 16)
        #expect(try Dataset.open(path: path).index(ofID: "k4999") == 4999)
    }

    /// A cache of an older version (or a newer one) is rebuilt, never read.
    @Test func otherVersionsAreRebuilt() throws {
        let path = writeTemp(#"[{"id": "a", "conversations": []}]"#, name: "v.json")
        _ = try Dataset.open(path: path)
        let cachePath = path + ".winnow-index"
        var bytes = try #require(FileManager.default.contents(atPath: cachePath))
        for version: UInt8 in [5, 7] {
            bytes[8] = version
            try bytes.write(to: URL(fileURLWithPath: cachePath))
            let reopened = try Dataset.open(path: path)
            #expect(!reopened.indexWasCached)
            #expect(reopened.id(at: 0) == "a")
            bytes = try #require(FileManager.default.contents(atPath: cachePath))
        }
        #expect(try Dataset.open(path: path).indexWasCached)
    }

    @Test func taskTypeAtMatchesTheDecodedSample() throws {
        let (text, expected) = corpus()
        let path = writeTemp(text, name: "types.jsonl")
        let dataset = try openUncached(path)
        for i in 0..<expected.count {
            guard case .success(let s) = dataset.sample(at: i) else { Issue.record("sample \(i) unreadable"); continue }
            #expect(dataset.taskType(at: i) == s.taskType)
        }
        #expect(dataset.taskType(at: -1) == nil)
        #expect(dataset.taskType(at: expected.count) == nil)
    }
}

/// The task type recorded by the indexer agrees with the decoder, and is recorded (no decode
/// needed) for plain samples.
@Suite struct IndexedTaskTypeTests {
    static let samples: [(String, Bool)] = [
        (#"{"id": "a", "conversations": [{"from": "human", "value": "<image>\n图中有什么？"}, {"from": "gpt", "value": "猫"}, {"from": "human", "value": "几只？"}, {"from": "gpt", "value": "两只"}]}"#, true),
        (#"{"id": "b", "conversations": [{"from": "human", "value": "请描述这张图片。"}, {"from": "gpt", "value": "一只猫"}]}"#, true),
        (#"{"id": "c", "conversations": [{"from": "human", "value": "Please DESCRIBE the image"}, {"from": "gpt", "value": "x"}]}"#, true),
        (#"{"id": "d", "conversations": [{"from": "human", "value": "为什么猫在这里？"}, {"from": "gpt", "value": "因为"}]}"#, true),
        (#"{"id": "e", "type": "detail", "conversations": [{"from": "human", "value": "为什么？"}, {"from": "gpt", "value": "x"}]}"#, true),
        (#"{"id": "f", "task": "conversation", "type": 3, "conversations": [{"value": "why", "from": "human"}]}"#, true),
        (#"{"id": "g", "type": "weird", "conversations": [{"from": "user", "value": "describe"}]}"#, true),
        (#"{"id": "h", "messages": [{"role": "user", "content": "what do you see"}, {"role": "assistant", "content": "x"}]}"#, true),
        (#"{"id": "i", "conversations": [{"from": "human", "value": "请\n描述"}]}"#, true),
        (#"{"id": "i2", "conversations": [{"from": "human", "value": "\u63cf\u8ff0"}]}"#, false),
        (#"{"id": "j", "conversations": [{"from": "hum\u0061n", "value": "x"}, {"from": "human", "value": "y"}]}"#, false),
        (#"{"id": "k", "messages": [{"role": "user", "content": [{"type": "text", "text": "describe"}]}]}"#, false),
        (#"{"id": "l", "conversations": [{"from": "gpt", "value": "describe"}]}"#, true),
        (#"{"id": "m", "conversations": [{"from": "human", "value": "descri\u0301be é"}]}"#, false),
        (#"{"id": "n", "conversations": [{"from": "human", "value": "a"}, "str", [1], {"from": "human", "value": "b"}], "messages": []}"#, true),
        (#"{"id": "o", "conversations": [{"from": "human", "value": "a"}], "conversations": [{"from": "human", "value": "describe"}]}"#, true),
        (#"{"id": "p", "conversations": "nope"}"#, false),
        (#"{"id": "q", "conversations": [{"from": "human", "from": "gpt", "value": "describe"}]}"#, true),
    ]

    @Test(arguments: [DatasetContainer.jsonLines, .jsonArray])
    func agreesWithTheDecoder(container: DatasetContainer) throws {
        let lines = Self.samples.map(\.0)
        let text = container == .jsonLines ? lines.joined(separator: "\n") + "\n" : "[\n" + lines.joined(separator: ",\n") + "\n]\n"
        let dataset = try openUncached(writeTemp(text, name: container == .jsonLines ? "t.jsonl" : "t.json"))
        #expect(dataset.count == Self.samples.count)
        for (i, (_, recorded)) in Self.samples.enumerated() {
            let decoded: TaskType? = { if case .success(let s) = dataset.sample(at: i) { return s.taskType }; return nil }()
            #expect(dataset.taskType(at: i) == decoded, "sample \(i)")
            let scanned = dataset.scannedTaskType(at: i)
            #expect((scanned != nil) == recorded, "sample \(i) found by the byte walk")
            if let scanned { #expect(scanned == decoded, "sample \(i)") }
        }
        #expect(dataset.taskTypes() == (0..<dataset.count).map { dataset.taskType(at: $0) })
    }

    /// The byte walk never answers for an object cut short or followed by more bytes.
    @Test func byteWalkRefusesBrokenRanges() throws {
        let good = #"{"id": "b", "conversations": [{"from": "human", "value": "请描述这张图片。"}]}"#
        let bytes = Array(good.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            #expect(TaskTypeScan.classify(base, 0, bytes.count) == .detail)
            #expect(TaskTypeScan.classify(base, 0, bytes.count - 1) == nil)
            #expect(TaskTypeScan.classify(base, 1, bytes.count) == nil)
            #expect(TaskTypeScan.classify(base, 0, 0) == nil)
        }
    }
}

/// Indexing JSON Lines on two threads gives the one-thread index byte for byte.
@Suite struct ParallelIndexTests {
    func both(_ text: String) throws -> (Dataset, Dataset) {
        let path = writeTemp(text, name: "p.jsonl")
        let options = DatasetOptions(useIndexCache: false)
        return (try Dataset.open(path: path, options: options, parallelThreshold: 0),
                try Dataset.open(path: path, options: options, parallelThreshold: .max))
    }

    func expectSame(_ a: Dataset, _ b: Dataset, _ note: String) {
        #expect(a.count == b.count, "\(note)")
        #expect(a.table.sectionBytes == b.table.sectionBytes, "\(note)")
        #expect(a.fingerprint == b.fingerprint, "\(note)")
        #expect(a.problems == b.problems, "\(note)")
        #expect(a.style == b.style, "\(note)")
    }

    /// Lines whose strings hold `},{`, an escaped newline followed by `{`, escaped quotes and
    /// backslashes, with the cut (the first newline after the middle) landing right after them.
    @Test func edgeCasesAtTheSplitPoint() throws {
        let tricky = [
            #"{"id": "a", "conversations": [{"from": "human", "value": "x },{ \"id\": \"z\" }"}]}"#,
            #"{"id": "b\\", "conversations": [{"from": "human", "value": "line\n{\"id\": 1}"}]}"#,
            #"{"id": "c\"", "conversations": [{"from": "human", "value": "\\\\\""}]}"#,
            #"{"id": 42, "conversations": [{"from": "human", "value": "请描述 \\"}]}"#,
        ]
        for (k, line) in tricky.enumerated() {
            // The tricky line sits just before and just after the middle.
            for padding in [0, 7, 60] {
                let filler = #"{"id": "f%d", "conversations": [{"from": "human", "value": "%@"}]}"#
                var lines = (0..<6).map { String(format: filler, $0, String(repeating: "y", count: padding)) }
                lines.insert(line, at: 3)
                lines.insert(line, at: 4)
                let (a, b) = try both(lines.joined(separator: "\n") + "\n")
                expectSame(a, b, "tricky \(k) padding \(padding)")
                #expect(a.index(ofID: "a") == b.index(ofID: "a"))
            }
        }
    }

    /// Enough ids on both sides of the cut for the radix sort and the merge of the two
    /// parts' sorted id keys (repeated ids included: the first sample keeps winning).
    @Test func manyIDsIndexTheSameBothWays() throws {
        var random = SeededRandom(seed: 7)
        var lines: [String] = []
        for i in 0..<12_000 {
            let id = random.next() % 9 == 0 ? "" : "\"id\": \"s\(random.next() % 9_000)\", "
            lines.append("{\(id)\"conversations\": [{\"from\": \"human\", \"value\": \"q\(i)\"}]}")
        }
        let (a, b) = try both(lines.joined(separator: "\n") + "\n")
        expectSame(a, b, "12,000 lines")
        for k in stride(from: 0, to: 9_000, by: 97) {
            let first = lines.firstIndex { $0.hasPrefix("{\"id\": \"s\(k)\"") }
            #expect(a.index(ofID: "s\(k)") == first, "s\(k)")
        }
    }

    @Test func idKeySortEqualsAFullSort() {
        var random = SeededRandom(seed: 3)
        for n in [0, 1, 5, 4095, 4096, 50_000] {
            var keys = (0..<n).map { UInt64(random.next() % 2_000) << 32 | UInt64($0) }
            let expected = keys.sorted()
            IDKeySort.sort(&keys)
            #expect(keys == expected, "n \(n)")
        }
        // About 40 keys a top-16-bit bucket: the insertion sort inside buckets.
        var crowded = (0..<8_000).map { (random.next() % 200) << 48 | (random.next() % 5_000) << 32 | UInt64($0) }
        let crowdedSorted = crowded.sorted()
        IDKeySort.sort(&crowded)
        #expect(crowded == crowdedSorted)
        var full = (0..<20_000).map { UInt64(truncatingIfNeeded: random.next()) & 0xFFFF_FFFF_0000_0000 | UInt64($0) }
        let expected = full.sorted()
        IDKeySort.sort(&full)
        #expect(full == expected)
    }

    @Test(arguments: 0..<12)
    func randomFilesIndexTheSameBothWays(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let pieces = ["x", "},{", "\\n{", "\\\"", "\\\\", "描述", " ", "{\\\"id\\\": 3}"]
        var lines: [String] = []
        for i in 0..<(20 + Int(random.next() % 200)) {
            var value = ""
            for _ in 0..<Int(random.next() % 8) { value += pieces[Int(random.next() % UInt64(pieces.count))] }
            let id = random.next() % 5 == 0 ? "" : "\"id\": \"r\(random.next() % 50)\(i % 3 == 0 ? "\\\\" : "")\", "
            var line = "{\(id)\"conversations\": [{\"from\": \"human\", \"value\": \"\(value)\"}]}"
            if random.next() % 40 == 0 { line = "not json" }
            if random.next() % 30 == 0 { line = "" }
            lines.append(line)
        }
        let (a, b) = try both(lines.joined(separator: random.next() % 2 == 0 ? "\n" : "\r\n") + "\n")
        expectSame(a, b, "seed \(seed)")
    }
}
