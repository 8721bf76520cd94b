import Foundation
import Testing
import WinnowCore

@Suite
struct JournalCommandTests {
    let dir = E2ETempDir()

    @Test func badStreamLineStopsWithItsLineNumber() throws {
        let data = try dir.dataset(count: 5)
        let input = """
            {"index": 0, "decision": "accept"}
            {"id": "s1", "decision": "reject", "reason": ["ocr"], "note": "n"}
            {"index": 2, "decision": "maybe"}
            {"index": 3, "decision": "accept"}

            """
        let r = try WinnowCLI.run(["decide", data, "--from", "-"], input: input)
        #expect(r.status == 65)
        #expect(r.stderr.contains("<stdin>:3:"))
        #expect(r.stdout.jsonLines.count == 2)
        let c = try JournalReader.read(path: data + ".winnow.jsonl")
        #expect(c.items.map(\.entry.index) == [0, 1])
    }

    @Test func decideEditUndoAndMergeWithJSONSummary() throws {
        let data = try dir.dataset(count: 6)
        #expect(try WinnowCLI.run(["decide", data, "--edit", "2", "--turn", "1", "--text", "新 \"文本\"\n😀"]).status == 0)
        #expect(try WinnowCLI.run(["decide", data, "3", "reject", "--reason", "ocr", "--reason", "pii"]).status == 0)
        #expect(try WinnowCLI.run(["decide", data, "--id", "s4", "accept"]).status == 0)
        #expect(try WinnowCLI.run(["decide", data, "--id", "s4", "reject"]).status == 0)
        let undo = try WinnowCLI.run(["decide", data, "4", "undo"])
        #expect(undo.stdout.contains(#""decision":"undo","undo":4"#))
        #expect(try WinnowCLI.run(["decide", data, "9", "accept"]).status == 65)

        let out = dir.file("out.jsonl")
        let rejected = dir.file("rejected.jsonl")
        let r = try WinnowCLI.run(["merge", data, "-o", out, "--rejected", rejected, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try JSONLineDecoding.parse(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(jsonInt(summary["written"]) == 5)
        #expect(jsonInt(summary["rejected"]) == 1)
        #expect(jsonInt(summary["edited"]) == 1)
        #expect(jsonInt(summary["accepted"]) == 1)
        #expect(summary["reasons"]?["pii"] != nil)
        #expect(r.stderr.contains("rejected 1"))
        let outLines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        let inLines = try String(contentsOfFile: data, encoding: .utf8).split(separator: "\n")
        #expect(outLines.count == 5)
        #expect(outLines[0] == inLines[0])
        #expect(outLines[3] == inLines[4])
        #expect(outLines[2].contains(#""value": "新 \"文本\"\n😀""#))

        #expect(try WinnowCLI.run(["merge", data, "-o", data]).status != 0)
    }

    @Test func conflictingJournalsFailUnderStrictPolicy() throws {
        let data = try dir.dataset(count: 3)
        let a = dir.file("a.jsonl"), b = dir.file("b.jsonl")
        #expect(try WinnowCLI.run(["decide", data, "0", "reject", "--journal", a, "--reviewer", "ann"]).status == 0)
        #expect(try WinnowCLI.run(["decide", data, "0", "accept", "--journal", b, "--reviewer", "bob"]).status == 0)
        let out = dir.file("o.jsonl")
        let strict = try WinnowCLI.run(["merge", data, "--journal", a, "--journal", b, "-o", out])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("sample 0 (id s0)"))
        #expect(strict.stderr.contains("ann"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let rw = try WinnowCLI.run(["merge", data, "--journal", a, "--journal", b, "-o", out, "--policy", "reject-wins"])
        #expect(rw.status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").count == 2)
    }

    @Test func journalCheckFindsDamageAndLogSanitizes() throws {
        let data = try dir.dataset(count: 3)
        #expect(try WinnowCLI.run(["decide", data, "0", "reject", "--note", "evil \u{1b}[31mred\u{1b}[0m \u{202e}bidi"]).status == 0)
        #expect(try WinnowCLI.run(["decide", data, "1", "accept"]).status == 0)
        #expect(try WinnowCLI.run(["decide", data, "2", "accept"]).status == 0)
        let journal = data + ".winnow.jsonl"
        let log = try WinnowCLI.run(["journal", "log", journal])
        #expect(!log.stdout.contains("\u{1b}"))
        #expect(!log.stdout.contains("\u{202e}"))
        #expect(log.stdout.contains("\u{241B}[31mred"))
        #expect(try WinnowCLI.run(["journal", "check", journal]).status == 0)

        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: journal)))
        let firstNL = bytes.firstIndex(of: 0x0A) ?? 0
        bytes[firstNL + 30] ^= 0x02  // inside entry 1
        try Data(bytes).write(to: URL(fileURLWithPath: journal))
        let check = try WinnowCLI.run(["journal", "check", journal])
        #expect(check.status == 1)
        #expect(check.stdout.contains(":2: damaged"))
        #expect(check.stdout.contains("damaged 1"))

        // The damaged line held a saved reject: merge must not silently keep that sample.
        let out = dir.file("damaged-out.jsonl")
        let refused = try WinnowCLI.run(["merge", data, "-o", out])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--allow-damaged"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let forced = try WinnowCLI.run(["merge", data, "-o", out, "--allow-damaged"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(FileManager.default.fileExists(atPath: out))
    }
}

@Suite
struct JournalMatchByIDCommandTests {
    let dir = E2ETempDir()

    @Test func decisionsFromAFileAndMatchByIDAfterTheDatasetChanged() throws {
        let data = try dir.dataset(count: 4)
        let decisions = dir.file("d.jsonl")
        try "{\"id\": \"s2\", \"decision\": \"reject\", \"reason\": \"blurry\"}\n{\"index\": 3, \"decision\": \"accept\"}\n"
            .write(toFile: decisions, atomically: true, encoding: .utf8)
        let r = try WinnowCLI.run(["decide", data, "--from", decisions])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.jsonLines.count == 2)
        // Drop sample 0: every sample moves up one place.
        let lines = try String(contentsOfFile: data, encoding: .utf8).split(separator: "\n")
        try (lines.dropFirst().joined(separator: "\n") + "\n").write(toFile: data, atomically: true, encoding: .utf8)
        let journal = data + ".winnow.jsonl"
        let check = try WinnowCLI.run(["journal", "check", journal])
        #expect(check.status == 1)
        #expect(check.stdout.contains("stale 2"))
        let out = dir.file("o.jsonl")
        let merged = try WinnowCLI.run(["merge", data, "-o", out, "--match-by-id", "--json"])
        #expect(merged.status == 0, "\(merged.stderr)")
        let summary = try JSONLineDecoding.parse(merged.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(jsonInt(summary["rejected"]) == 1)
        #expect(jsonInt(summary["accepted"]) == 1)
        #expect(jsonInt(summary["stale"]) == 0)
        let outText = try String(contentsOfFile: out, encoding: .utf8)
        #expect(!outText.contains("\"s2\""))
        #expect(outText.contains("\"s3\""))
    }
}
