import Foundation
import Testing
@testable import WinnowCore

@Suite struct MergeTests {
    static let styles = ["compact-lines", "indent2", "indent4-ascii", "minified-ascii", "jsonl", "jsonl-ascii"]

    /// Decides on samples 0...5, merges, and has Python check the output is exactly the input
    /// style applied to the expected list (so untouched samples are byte-identical and edits
    /// look like their neighbours).
    @Test(arguments: styles)
    func mergeEqualsInputWithDecisionsApplied(style: String) throws {
        let dir = JournalTempDir()
        let ext = style.hasPrefix("jsonl") ? "jsonl" : "json"
        let dataPath = dir.file("data.\(ext)")
        try JournalFixtures.writeDataset(dataPath, style: style)
        let dataset = try Dataset.open(path: dataPath)
        #expect(dataset.count == 12)
        let journal = try Journal.open(path: Journal.defaultPath(forDataset: dataPath), dataset: dataset, reviewer: "ann", mode: .readWrite)
        try journal.append(.accept, index: 0)
        try journal.append(.reject(reasons: ["ocr", "pii"], note: "名字"), index: 1)
        let editText = JournalFixtures.tricky.joined(separator: " | ")
        try journal.append(.edit(.turns([1: editText]), note: nil), index: 2)
        try journal.append(.edit(.conversation([Turn(role: .human, roleName: "human", text: "<image>\n新问题 𠀀"),
                                                 Turn(role: .gpt, roleName: "gpt", text: "e\u{301}\r\n\"\\")]), note: "rewrote"), index: 3)
        try journal.append(.skip, index: 4)
        let r = try journal.append(.reject(reasons: ["dup"], note: nil), index: 5)
        try journal.append(.undo(sequence: r.sequence), index: 5)
        try journal.append(.reject(reasons: ["last"], note: nil), index: 11)
        journal.close()

        let contents = try JournalReader.read(path: Journal.defaultPath(forDataset: dataPath))
        let out = dir.file("out.\(ext)")
        let rejected = dir.file("rejected.jsonl")
        let summary = try Merger.merge(dataset: dataset, journals: [contents],
                                       options: MergeOptions(outputPath: out, rejectedPath: rejected))
        #expect(summary.written == 10)
        #expect(summary.rejected == 2)
        #expect(summary.edited == 2)
        #expect(summary.accepted == 1)
        #expect(summary.skipped == 1)
        #expect(summary.reasons == ["ocr": 1, "pii": 1, "last": 1])

        let check = JournalFixtures.pythonStyles + #"""
            import copy
            samples = json.load(open(sys.argv[1], encoding="utf-8")) if not sys.argv[1].endswith("l") else [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
            exp = copy.deepcopy(samples)
            exp[2]["conversations"][1]["value"] = sys.argv[4]
            exp[3]["conversations"] = [{"from": "human", "value": "<image>\n新问题 𠀀"}, {"from": "gpt", "value": "e\u0301\r\n\"\\"}]
            exp = [s for i, s in enumerate(exp) if i not in (1, 11)]
            got = open(sys.argv[2], encoding="utf-8", newline="").read()
            want = write(exp, sys.argv[3])
            if got != want:
                import difflib
                sys.exit("\n".join(list(difflib.unified_diff(want.splitlines(), got.splitlines(), lineterm=""))[:20]))
            rej = [json.loads(l) for l in open(sys.argv[5], encoding="utf-8")]
            assert [r["index"] for r in rej] == [1, 11], rej
            assert rej[0]["reasons"] == ["ocr", "pii"] and rej[0]["note"] == "名字" and rej[0]["reviewer"] == "ann", rej[0]
            assert rej[0]["sample"] == samples[1], rej[0]
            print("ok")
            """#
        let result = try runPython(check, args: [dataPath, out, style, editText, rejected])
        #expect(result == "ok\n")
    }

    @Test(arguments: ["indent2", "jsonl"])
    func formatConversionKeepsContent(style: String) throws {
        let dir = JournalTempDir()
        let dataPath = dir.file("data")
        try JournalFixtures.writeDataset(dataPath, style: style, count: 5)
        let dataset = try Dataset.open(path: dataPath)
        let jpath = dir.file("j.jsonl")
        let journal = try Journal.open(path: jpath, dataset: dataset, reviewer: "ann", mode: .readWrite)
        try journal.append(.reject(reasons: [], note: nil), index: 0)
        try journal.append(.edit(.turns([0: "x\ny"]), note: nil), index: 4)
        journal.close()
        let target: MergeOptions.Format = style == "jsonl" ? .json : .jsonl
        let out = dir.file("out")
        _ = try Merger.merge(dataset: dataset, journals: [JournalReader.read(path: jpath)],
                             options: MergeOptions(outputPath: out, format: target))
        let script = """
            import json, sys
            src = sys.argv[1]; out = sys.argv[2]
            a = json.load(open(src)) if sys.argv[3] != "jsonl" else [json.loads(l) for l in open(src)]
            b = json.load(open(out)) if sys.argv[3] == "jsonl" else [json.loads(l) for l in open(out)]
            a = a[1:]; a[3]["conversations"][0]["value"] = "x\\ny"
            assert a == b, (a, b)
            print("ok")
            """
        #expect(try runPython(script, args: [dataPath, out, style]) == "ok\n")
    }

    @Test func unreviewedDropKeepsOnlyDecided() throws {
        let dir = JournalTempDir()
        let dataPath = dir.file("d.json")
        try JournalFixtures.writeDataset(dataPath, style: "indent2", count: 6)
        let dataset = try Dataset.open(path: dataPath)
        let jpath = dir.file("j.jsonl")
        let journal = try Journal.open(path: jpath, dataset: dataset, reviewer: "a", mode: .readWrite)
        try journal.append(.accept, index: 5)
        try journal.append(.skip, index: 2)
        journal.close()
        let out = dir.file("o.json")
        let s = try Merger.merge(dataset: dataset, journals: [JournalReader.read(path: jpath)],
                                 options: MergeOptions(outputPath: out, unreviewed: .drop))
        #expect(s.written == 1)
        #expect(s.dropped == 5)
        let script = JournalFixtures.pythonStyles + """
            a = json.load(open(sys.argv[1])); got = open(sys.argv[2]).read()
            assert got == write([a[5]], "indent2"), got
            print("ok")
            """
        #expect(try runPython(script, args: [dataPath, out]) == "ok\n")
    }

    @Test func outputMayNotBeTheInput() throws {
        let dir = JournalTempDir()
        let dataPath = dir.file("d.json")
        try JournalFixtures.writeDataset(dataPath, style: "jsonl", count: 2)
        let dataset = try Dataset.open(path: dataPath)
        let before = try Data(contentsOf: URL(fileURLWithPath: dataPath))
        let link = dir.file("link.json")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: dataPath)
        for target in [dataPath, link, dir.path + "/./d.json"] {
            #expect(throws: MergeError.self) {
                _ = try Merger.merge(dataset: dataset, journals: [], options: MergeOptions(outputPath: target))
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dataPath)) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("winnow-tmp") }
        #expect(leftovers.isEmpty)
    }

    private func twoJournals(_ dir: JournalTempDir, _ dataset: Dataset,
                             _ a: [(Decision, Int)], _ b: [(Decision, Int)]) throws -> [JournalContents] {
        var result: [JournalContents] = []
        for (name, list) in [("a", a), ("b", b)] {
            let p = dir.file("\(name).jsonl")
            let j = try Journal.open(path: p, dataset: dataset, reviewer: name, mode: .readWrite)
            for (d, i) in list { try j.append(d, index: i) }
            j.close()
            result.append(try JournalReader.read(path: p))
            usleep(3000)  // distinct millisecond times between the journals
        }
        return result
    }

    @Test func strictPolicyListsConflictsAndWritesNothing() throws {
        let dir = JournalTempDir()
        let dataPath = dir.file("d.jsonl")
        try JournalFixtures.writeDataset(dataPath, style: "jsonl", count: 4)
        let dataset = try Dataset.open(path: dataPath)
        let journals = try twoJournals(dir, dataset,
                                       [(.reject(reasons: ["ocr"], note: nil), 0), (.accept, 1), (.accept, 2)],
                                       [(.accept, 0), (.accept, 1), (.skip, 2), (.edit(.turns([0: "z"]), note: nil), 3)])
        let out = dir.file("o.jsonl")
        do {
            _ = try Merger.merge(dataset: dataset, journals: journals, options: MergeOptions(outputPath: out))
            Issue.record("strict merge with a conflict succeeded")
        } catch {
            guard case .conflicts(let list) = error else { Issue.record("wrong error \(error)"); return }
            #expect(list.map(\.index) == [0])
            #expect(list.first?.description.contains("rejected") == true)
        }
        #expect(!FileManager.default.fileExists(atPath: out))

        let latest = try Merger.merge(dataset: dataset, journals: journals, options: MergeOptions(outputPath: out, policy: .latest))
        #expect(latest.rejected == 0)  // b's accept came later
        #expect(latest.conflicts.count == 1)
        #expect(latest.edited == 1)
        let rejectWins = try Merger.merge(dataset: dataset, journals: journals, options: MergeOptions(outputPath: out, policy: .rejectWins))
        #expect(rejectWins.rejected == 1)
        #expect(rejectWins.written == 3)
    }
}

@Suite struct MergeContentPartsTests {
    @Test func editOfAMessageWithContentPartsReplacesOnlyItsText() throws {
        let dir = JournalTempDir()
        let dataPath = dir.file("m.jsonl")
        let line = #"{"id": 1, "messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "a.jpg"}}, {"type": "text", "text": "old"}]}, {"role": "assistant", "content": "ans"}]}"#
        try (line + "\n" + line.replacingOccurrences(of: "\"id\": 1", with: "\"id\": 2") + "\n").write(toFile: dataPath, atomically: true, encoding: .utf8)
        let dataset = try Dataset.open(path: dataPath)
        let jpath = dir.file("j.jsonl")
        let j = try Journal.open(path: jpath, dataset: dataset, reviewer: "a", mode: .readWrite)
        try j.append(.edit(.turns([0: "新 text", 1: "ans2"]), note: nil), index: 0)
        j.close()
        let out = dir.file("o.jsonl")
        _ = try Merger.merge(dataset: dataset, journals: [JournalReader.read(path: jpath)], options: MergeOptions(outputPath: out))
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first.map(String.init) == #"{"id": 1, "messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "a.jpg"}}, {"type": "text", "text": "新 text"}]}, {"role": "assistant", "content": "ans2"}]}"#)
        #expect(lines.last.map(String.init) == line.replacingOccurrences(of: "\"id\": 1", with: "\"id\": 2"))
    }
}

@Suite struct MergeOutputSafetyTests {
    @Test func unwritableOutputLeavesNothingBehind() throws {
        let dir = JournalTempDir()
        let dataPath = dir.file("d.jsonl")
        try JournalFixtures.writeDataset(dataPath, style: "jsonl", count: 3)
        let dataset = try Dataset.open(path: dataPath)
        let missing = dir.file("no-such-folder/out.jsonl")
        #expect(throws: MergeError.self) {
            _ = try Merger.merge(dataset: dataset, journals: [], options: MergeOptions(outputPath: missing))
        }
        let journalAsOutput = dir.file("j.jsonl")
        let j = try Journal.open(path: journalAsOutput, dataset: dataset, reviewer: "a", mode: .readWrite)
        try j.append(.accept, index: 0)
        j.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: journalAsOutput))
        #expect(throws: MergeError.self) {
            _ = try Merger.merge(dataset: dataset, journals: [JournalReader.read(path: journalAsOutput)],
                                 options: MergeOptions(outputPath: journalAsOutput))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: journalAsOutput)) == before)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ["d.jsonl", "d.jsonl.winnow-index", "j.jsonl"].filter { names.contains($0) })
        #expect(!names.contains { $0.contains("winnow-tmp") })
    }
}
