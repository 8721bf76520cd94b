import Foundation
import Testing
@testable import WinnowCore

/// `--match-by-id` re-attaches an edit only to an unchanged sample; a sample whose content
/// changed since the edit was written is a conflict showing both texts.
@Suite struct MergeMatchByIDTests {
    static func line(_ id: String, _ answer: String) -> String {
        #"{"id":"\#(id)","conversations":[{"from":"human","value":"问题"},{"from":"gpt","value":"\#(answer)"}]}"#
    }

    @Test func editIsNeverReattachedToAChangedText() throws {
        let dir = JournalTempDir()
        let path = dir.file("d.jsonl")
        try [Self.line("a", "旧答案A"), Self.line("b", "旧答案B")].map { $0 + "\n" }.joined()
            .write(toFile: path, atomically: true, encoding: .utf8)
        let first = try Dataset.open(path: path, options: DatasetOptions(useIndexCache: false))
        let jpath = dir.file("j.jsonl")
        let j = try Journal.open(path: jpath, dataset: first, reviewer: "ann", mode: .readWrite)
        try j.append(.edit(.turns([1: "修正A"]), note: nil), index: 0)
        try j.append(.edit(.turns([1: "修正B"]), note: nil), index: 1)
        j.close()
        // A new sample first (everything moves), and b's answer rewritten by someone else.
        try [Self.line("new", "x"), Self.line("a", "旧答案A"), Self.line("b", "别人改过的B")].map { $0 + "\n" }.joined()
            .write(toFile: path, atomically: true, encoding: .utf8)
        let changed = try Dataset.open(path: path, options: DatasetOptions(useIndexCache: false))
        let contents = try JournalReader.read(path: jpath)

        let replay = JournalReplay(contents: contents, dataset: changed, matchByID: true)
        #expect(replay.review(at: 1).edit == .turns([1: "修正A"]))  // a moved, unchanged: re-attached
        #expect(replay.review(at: 2).edit == nil)  // b changed: not re-attached
        let conflict = replay.issues.first { $0.message.contains("conflicts") }
        #expect(conflict?.message.contains("别人改过的B") == true, "\(replay.issues)")
        #expect(conflict?.message.contains("修正B") == true)

        let out = dir.file("out.jsonl")
        do {
            _ = try Merger.merge(dataset: changed, journals: [contents], options: MergeOptions(outputPath: out, matchByID: true))
            Issue.record("merged over a conflicting edit")
        } catch {
            guard case .stale(let list) = error else { Issue.record("\(error)"); return }
            #expect(list.contains { $0.contains("别人改过的B") && $0.contains("修正B") })
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        _ = try Merger.merge(dataset: changed, journals: [contents],
                             options: MergeOptions(outputPath: out, matchByID: true, allowStale: true))
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("修正A"))
        #expect(text.contains("别人改过的B"))
        #expect(!text.contains("修正B"))
    }
}
