import Foundation
import Testing
@testable import WinnowCore

/// `Journal.appendBatch` (one write, one fsync, all or nothing) and the `reset` entry.
@Suite struct JournalBatchAndResetTests {
    private func makeDataset() throws -> Dataset {
        let text = (0..<4).map { #"{"id":"s\#($0)","conversations":[{"from":"human","value":"问题\#($0)"},{"from":"gpt","value":"回答\#($0)"}]}"# }
            .joined(separator: "\n") + "\n"
        return try openUncached(writeTemp(text, name: "data.jsonl"))
    }

    @Test func aBatchIsOneEntryPerSampleInOrderAndReadsBack() throws {
        let dataset = try makeDataset()
        let path = makeTempDir().appendingPathComponent("j.jsonl").path
        let j = try Journal.open(path: path, dataset: dataset, reviewer: "ann", mode: .readWrite)
        try j.append(.skip, index: 3)
        let saved = try j.appendBatch([(.accept, 0), (.reject(reasons: ["ocr-error"], note: "字"), 1), (.note(text: nil, flag: "二审"), 2)])
        #expect(saved.map(\.sequence) == [2, 3, 4])
        #expect(saved.map(\.index) == [0, 1, 2])
        #expect(j.review(at: 1).status == .rejected)
        let next = try j.append(.accept, index: 3)
        #expect(next.sequence == 5)
        j.close()
        let contents = try JournalReader.read(path: path)
        #expect(contents.issues.isEmpty)
        #expect(contents.items.map(\.entry.sequence) == [1, 2, 3, 4, 5])
    }

    @Test func aFailedBatchSavesNothingAndTheJournalStaysUsable() throws {
        let dataset = try makeDataset()
        for (op, fault) in FaultyFileCalls.kinds where op == .write || op == .fsync {
            if case .shortWrite(nil) = fault { continue }  // a short write that completes is no failure
            let dir = makeTempDir()
            let path = dir.appendingPathComponent("j.jsonl").path
            // Call 0 writes the header while opening; call 1 is the batch.
            let io = FaultyFileCalls(op, at: 1, fault)
            let j = try Journal.open(path: path, dataset: dataset, reviewer: "ann", mode: .readWrite, io: io)
            let label = "\(op) \(fault)"
            #expect(throws: JournalError.self, "\(label)") {
                try j.appendBatch([(.accept, 0), (.accept, 1), (.accept, 2)])
            }
            #expect(io.fired, "\(label)")
            // Nothing of it counts, nothing of it is on disk, and the next entry is normal.
            #expect(j.decidedCount == 0, "\(label)")
            #expect(try JournalReader.read(path: path).items.isEmpty, "\(label)")
            let next = try j.append(.accept, index: 3)
            #expect(next.sequence == 1, "\(label)")
            j.close()
            let contents = try JournalReader.read(path: path)
            #expect(contents.issues.isEmpty, "\(label): \(contents.issues)")
            #expect(contents.items.map(\.entry) == [next], "\(label)")
            try? FileManager.default.removeItem(at: dir)
        }
    }

    @Test func resetLeavesTheSampleUndecidedKeepsNotesAndUndoRestores() throws {
        let dataset = try makeDataset()
        let path = makeTempDir().appendingPathComponent("j.jsonl").path
        let j = try Journal.open(path: path, dataset: dataset, reviewer: "ann", mode: .readWrite)
        try j.append(.edit(.turns([1: "新的回答"]), note: nil), index: 2)
        try j.append(.note(text: "看一下", flag: "check"), index: 2)
        try j.append(.accept, index: 2)
        let reset = try j.append(.reset, index: 2)
        var r = j.review(at: 2)
        #expect(r.status == .undecided)
        #expect(r.edit == nil)
        #expect(r.notes == ["看一下"] && r.flags == ["check"])
        #expect(j.decidedCount == 0)
        // No decision in force: merge sees this journal as not deciding the sample.
        #expect(r.sequence == nil && r.reviewer == nil)
        // A plain undo (`decide undo`) takes the reset back.
        #expect(j.latestUndoableEntry(at: 2)?.sequence == reset.sequence)
        try j.append(.undo(sequence: reset.sequence), index: 2)
        r = j.review(at: 2)
        #expect(r.status == .accepted)
        #expect(r.edit == .turns([1: "新的回答"]))
        j.close()
        // It reads back from the file the same way.
        let again = try Journal.open(path: path, dataset: dataset, reviewer: "bob", mode: .readOnly)
        #expect(again.problems.isEmpty)
        #expect(again.entries.map(\.decision).contains(.reset))
        #expect(again.review(at: 2).status == .accepted)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(#""decision":"reset""#))
    }

    /// A reset written after another journal's reject must not outrank it in a merge: the
    /// resetting journal has no decision on the sample, the other one's stands.
    @Test func aLaterResetDoesNotOutrankAnotherJournalsDecisionInAMerge() throws {
        let dataset = try makeDataset()
        let dir = makeTempDir()
        let a = try Journal.open(path: dir.appendingPathComponent("a.jsonl").path, dataset: dataset, reviewer: "ann", mode: .readWrite)
        try a.append(.reject(reasons: ["ocr-error"], note: nil), index: 1)
        a.close()
        let b = try Journal.open(path: dir.appendingPathComponent("b.jsonl").path, dataset: dataset, reviewer: "bob", mode: .readWrite)
        try b.append(.accept, index: 1)
        try b.append(.reset, index: 1)
        b.close()
        let journals = try ["a.jsonl", "b.jsonl"].map { try JournalReader.read(path: dir.appendingPathComponent($0).path) }
        for policy in [MergeOptions.Policy.strict, .latest] {
            let plan = MergePlan(dataset: dataset, journals: journals, policy: policy, matchByID: false)
            #expect(plan.conflicts.isEmpty, "\(policy)")
            #expect(plan.reviews[1]?.status == .rejected, "\(policy): \(String(describing: plan.reviews[1]))")
        }
    }
}

@Suite struct ReasonListTests {
    @Test func readsOneTagPerLineSkippingCommentsAndBlankLines() throws {
        let text = "# 本项目的拒绝理由\nhallucination\n\n  图文不符  \r\nocr-error\r\n"
        #expect(try ReasonList.parse(Array(text.utf8), file: "p.reasons") == ["hallucination", "图文不符", "ocr-error"])
    }

    @Test(arguments: [
        ("a\nb c\n", "p.reasons:2: a reason is one tag without white space (e.g. ocr-error); write one reason per line"),
        ("a\nb\na\n", "p.reasons:3: reason 'a' already on line 1"),
        ("# only comments\n\n", "p.reasons: no reasons (one per line; # starts a comment)"),
        ("ok\nx+y\n", "p.reasons:2: a reason is one tag without '+' (e.g. ocr-error); write one reason per line"),
        ("ok\nzero\u{200B}width\n", "p.reasons:2: a reason is one tag without U+200B (e.g. ocr-error); write one reason per line"),
        ("ok\n" + String(repeating: "长", count: 65) + "\n", "p.reasons:2: reason longer than 64 characters"),
    ])
    func badFilesSayFileAndLine(text: String, message: String) {
        #expect(throws: ReasonList.Problem.self) { try ReasonList.parse(Array(text.utf8), file: "p.reasons") }
        do { _ = try ReasonList.parse(Array(text.utf8), file: "p.reasons") } catch { #expect(error.description == message) }
    }

    @Test func notUTF8IsRefusedAsAWhole() {
        do {
            _ = try ReasonList.parse([0x61, 0xFF, 0x0A], file: "p.reasons")
            Issue.record("accepted bytes that are not UTF-8")
        } catch {
            #expect(error.description == "p.reasons: not UTF-8 text")
        }
    }
}
