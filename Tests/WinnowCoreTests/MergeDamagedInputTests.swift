import Foundation
import Testing
@testable import WinnowCore

/// Merge on damaged inputs: by default nothing is written and the problems are listed with
/// their location; `dropDamaged` writes only the readable samples, and the result loads in
/// Python.
@Suite struct MergeDamagedInputTests {
    static let good = #"{"id":"a","conversations":[{"from":"human","value":"问"},{"from":"gpt","value":"答"}]}"#
    static let other = #"{"id":"b","conversations":[{"from":"human","value":"q"},{"from":"gpt","value":"a"}]}"#

    /// (name, file name, bytes, expected readable sample ids after --drop-damaged)
    static let cases: [(String, String, [UInt8], [String])] = [
        ("trailing comma before ]", "d.json", Array("[\n\(good),\n\(other),\n]\n".utf8), ["a", "b"]),
        ("garbage after ]", "d.json", Array("[\n\(good),\n\(other)\n] trailing junk\n".utf8), ["a", "b"]),
        ("truncated last sample", "d.json", Array("[\n\(good),\n\(other.prefix(30))".utf8), ["a"]),
        ("raw control byte in a string", "d.json",
         Array("[\n\(good),\n".utf8) + Array(other.replacingOccurrences(of: "\"q\"", with: "\"q\u{1}\"").utf8) + Array("\n]\n".utf8), ["a"]),
        ("invalid UTF-8 in a string", "d.jsonl",
         Array("\(good)\n".utf8) + Array(other.utf8).map { $0 == UInt8(ascii: "q") ? 0xFF : $0 } + [0x0A], ["a"]),
        ("a JSONL line that is not an object", "d.jsonl", Array("\(good)\n[1, 2]\n\(other)\n".utf8), ["a", "b"]),
        ("a BOM", "d.json", [0xEF, 0xBB, 0xBF] + Array("[\n\(good)\n]\n".utf8), ["a"]),
    ]

    static func journal(_ dir: JournalTempDir, _ dataset: Dataset) throws -> JournalContents {
        let path = dir.file("j.jsonl")
        let j = try Journal.open(path: path, dataset: dataset, reviewer: "ann", mode: .readWrite)
        try j.append(.accept, index: 0)
        j.close()
        return try JournalReader.read(path: path)
    }

    @Test(arguments: 0..<cases.count)
    func damagedInputIsRefusedByDefault(_ k: Int) throws {
        let (name, file, bytes, _) = Self.cases[k]
        let dir = JournalTempDir()
        let path = dir.file(file)
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let dataset = try Dataset.open(path: path, options: DatasetOptions(useIndexCache: false))
        let out = dir.file("out" + (file.hasSuffix("l") ? ".jsonl" : ".json"))
        let contents = try Self.journal(dir, dataset)
        var listed: [String] = []
        do {
            _ = try Merger.merge(dataset: dataset, journals: [contents], options: MergeOptions(outputPath: out))
            Issue.record("\(name): merged without complaint")
        } catch {
            guard case .damaged(let list) = error else { Issue.record("\(name): \(error)"); return }
            listed = list
        }
        #expect(!listed.isEmpty, "\(name)")
        // Each problem names the file with line:column and a byte offset, as validate does.
        #expect(listed.allSatisfy { $0.hasPrefix(path + ":") && $0.contains("byte ") }, "\(name): \(listed)")
        #expect(!FileManager.default.fileExists(atPath: out), "\(name): an output was written")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("winnow-tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test(arguments: 0..<cases.count)
    func dropDamagedWritesOnlyReadableSamples(_ k: Int) throws {
        let (name, file, bytes, ids) = Self.cases[k]
        let dir = JournalTempDir()
        let path = dir.file(file)
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let dataset = try Dataset.open(path: path, options: DatasetOptions(useIndexCache: false))
        let ext = file.hasSuffix("l") ? ".jsonl" : ".json"
        let out = dir.file("out" + ext)
        let rejected = dir.file("rejected.jsonl")
        let summary = try Merger.merge(dataset: dataset, journals: [try Self.journal(dir, dataset)],
                                       options: MergeOptions(outputPath: out, rejectedPath: rejected, dropDamaged: true))
        #expect(!summary.leftOut.isEmpty, "\(name)")
        let script = """
            import json, sys
            path = sys.argv[1]
            if path.endswith("l"):
                data = [json.loads(l) for l in open(path, encoding="utf-8")]
            else:
                data = json.load(open(path, encoding="utf-8"))
            rej = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
            print(",".join(s["id"] for s in data))
            """
        let got = try runPython(script, args: [out, rejected])
        #expect(got == ids.joined(separator: ",") + "\n", "\(name)")
    }

    @Test func damagedRejectedSampleDoesNotStopTheMerge() throws {
        let dir = JournalTempDir()
        let path = dir.file("d.jsonl")
        let bad = #"{"id":"b","conversations":[{"from":"human","value":"q\#u{1}"}]}"#
        try (Self.good + "\n" + bad + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let dataset = try Dataset.open(path: path, options: DatasetOptions(useIndexCache: false))
        let jpath = dir.file("j.jsonl")
        let j = try Journal.open(path: jpath, dataset: dataset, reviewer: "ann", mode: .readWrite)
        try j.append(.reject(reasons: ["broken"], note: nil), index: 1)
        j.close()
        let out = dir.file("out.jsonl"), rejected = dir.file("r.jsonl")
        let summary = try Merger.merge(dataset: dataset, journals: [try JournalReader.read(path: jpath)],
                                       options: MergeOptions(outputPath: out, rejectedPath: rejected))
        #expect(summary.written == 1)
        #expect(summary.leftOut.isEmpty)
        // The rejected file stays valid JSON Lines: the unreadable sample goes in as text.
        let line = try String(contentsOfFile: rejected, encoding: .utf8)
        let value = try JSONLineDecoding.parse(line.trimmingCharacters(in: .newlines))
        #expect(value["sample"] == .null)
        #expect(value["raw"]?.stringValue == bad)
    }

    @Test func outputCheckRejectsWhatPythonRejects() {
        let bad: [(String, DatasetContainer)] = [
            ("[{\"a\":1},]", .jsonArray), ("[{\"a\":1}] x", .jsonArray), ("[{\"a\":1}", .jsonArray),
            ("[{\"a\":\"\u{1}\"}]", .jsonArray), ("[1]", .jsonArray), ("{\"a\":1}", .jsonArray), ("", .jsonArray),
            ("{\"a\":1}\n[]\n", .jsonLines), ("{\"a\":1}\n\n", .jsonLines), ("{\"a\":1} {\"b\":2}\n", .jsonLines),
            ("{\"a\":tru}\n", .jsonLines), ("{\"a\":\"x\\q\"}\n", .jsonLines), ("{\"a\":01}\n", .jsonLines),
        ]
        for (text, container) in bad {
            let problem = Array(text.utf8).withUnsafeBytes { OutputCheck.problem(in: $0, container: container) }
            #expect(problem != nil, "accepted \(text.debugDescription)")
        }
        let invalidUTF8: [UInt8] = Array("[{\"a\":\"".utf8) + [0xC0, 0xAF] + Array("\"}]".utf8)
        #expect(invalidUTF8.withUnsafeBytes { OutputCheck.problem(in: $0, container: .jsonArray) } != nil)
        let good: [(String, DatasetContainer)] = [
            ("[]\n", .jsonArray), ("[\n  {\"a\": [1, -2.5e3, true, null, \"\\u00e9\\ud83d\\ude00 é\"]},\n  {}\n]\n", .jsonArray),
            ("", .jsonLines), ("{\"a\":1}\n{\"b\":\"中\"}\r\n", .jsonLines), ("{\"a\":1}", .jsonLines),
        ]
        for (text, container) in good {
            let problem = Array(text.utf8).withUnsafeBytes { OutputCheck.problem(in: $0, container: container) }
            #expect(problem == nil, "refused \(text.debugDescription): \(problem ?? "")")
        }
    }

    @Test func staleEntriesStopTheMergeUnlessAllowed() throws {
        let dir = JournalTempDir()
        let path = dir.file("d.jsonl")
        try (Self.good + "\n" + Self.other + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let first = try Dataset.open(path: path, options: DatasetOptions(useIndexCache: false))
        let jpath = dir.file("j.jsonl")
        let j = try Journal.open(path: jpath, dataset: first, reviewer: "ann", mode: .readWrite)
        try j.append(.reject(reasons: ["bad"], note: nil), index: 1)
        j.close()
        // The dataset changes: sample 1 is rewritten, so the reject no longer applies.
        try (Self.good + "\n" + Self.other.replacingOccurrences(of: "\"a\"}", with: "\"changed\"}") + "\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let changed = try Dataset.open(path: path, options: DatasetOptions(useIndexCache: false))
        let contents = try JournalReader.read(path: jpath)
        let out = dir.file("out.jsonl")
        #expect(throws: MergeError.self) {
            try Merger.merge(dataset: changed, journals: [contents], options: MergeOptions(outputPath: out))
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        let summary = try Merger.merge(dataset: changed, journals: [contents], options: MergeOptions(outputPath: out, allowStale: true))
        #expect(summary.stale == 1)
        #expect(summary.written == 2)
    }
}
