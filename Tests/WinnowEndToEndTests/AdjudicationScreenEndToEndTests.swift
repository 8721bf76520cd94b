import Foundation
import Testing
import WinnowCore

/// `winnow adjudicate` without --list/--rule/--auto-unanimous: the adjudication screen in a
/// real terminal, walking 3 conflicts among 10 samples, ruling by keys, then the merge.
@Suite(.serialized, .enabled(if: Prerequisite.tmux, Prerequisite.tmuxReason))
struct AdjudicationScreenEndToEndTests {
    @Test func ruleThreeConflictsByKeysThenMerge() throws {
        let dir = E2ETempDir()
        let (data, journals) = try TeamCommandTests.threeReviewers(dir)
        let adj = dir.file("adj.jsonl")
        let t = try TmuxSession(arguments: ["adjudicate", data] + TeamCommandTests.journalArgs(journals)
                                + ["--journal-out", adj, "--reviewer", "judy"])
        defer { t.close() }
        #expect(t.waitFor("1 / 3 conflicts"), "\(t.capture())")
        var screen = t.capture()
        #expect(screen.contains("judy → adj.jsonl"), "\(screen)")
        #expect(screen.contains("#2"), "\(screen)")
        #expect(screen.contains("majority  accept"), "\(screen)")
        #expect(screen.contains("bob  reject: ocr"), "\(screen)")

        t.sendKeys("Enter")  // the majority (accept); on to sample 5
        #expect(t.waitFor("2 / 3 conflicts"), "\(t.capture())")
        #expect(t.waitFor("saved: ruled accepted #2"), "\(t.capture())")
        t.sendKeys("u")  // undo goes back to sample 2 and reopens it
        #expect(t.waitFor("saved: undid accepted #2"), "\(t.capture())")
        #expect(t.capture().contains("1 / 3 conflicts"))
        t.sendKeys("Enter")
        #expect(t.waitFor("2 / 3 conflicts"), "\(t.capture())")
        screen = t.capture()
        #expect(screen.contains("note: no such sign"), "\(screen)")
        t.sendKeys("2")  // bob's side: reject (hallucination) with his note
        #expect(t.waitFor("3 / 3 conflicts"), "\(t.capture())")
        #expect(t.waitFor("(picked bob)"), "\(t.capture())")
        screen = t.capture()
        #expect(screen.contains("cy"), "\(screen)")
        #expect(screen.contains("edit"), "\(screen)")
        t.sendKeys("3")  // cy's edit
        #expect(t.waitFor("(picked cy)"), "\(t.capture())")
        t.sendKeys("q")
        #expect(t.waitForExit() == 0)

        let log = try String(contentsOfFile: adj, encoding: .utf8)
        #expect(log.contains(#""ruling":{"basis":"decided"}"#))
        #expect(log.contains(#""ruling":{"basis":"picked","picked":"bob"}"#))
        #expect(log.contains(#""ruling":{"basis":"picked","picked":"cy"}"#))
        let list = try WinnowCLI.run(["adjudicate", data] + TeamCommandTests.journalArgs(journals) + ["--journal-out", adj, "--list"])
        #expect(list.status == 0, "every conflict ruled: \(list.stdout)")

        let merged = dir.file("clean.jsonl")
        let m = try WinnowCLI.run(["merge", data] + TeamCommandTests.journalArgs(journals + [adj])
                                  + ["--policy", "adjudicated", "-o", merged, "--json"])
        #expect(m.status == 0, "\(m.stderr)")
        let summary = try JSONLineDecoding.parse(m.stdout)
        #expect(jsonInt(summary["rejected"]) == 2)  // 5 (ruled) and 9 (ann alone)
        #expect(jsonInt(summary["edited"]) == 1)  // 7: cy's edit picked
        let text = try String(contentsOfFile: merged, encoding: .utf8)
        #expect(text.contains("回答 七"))
        #expect(text.contains("\"s2\""))
        #expect(!text.contains("\"s5\""))
        for j in journals { #expect(!(try String(contentsOfFile: j, encoding: .utf8)).contains("ruling")) }
    }

    @Test func withoutAJournalOutTheScreenIsReadOnly() throws {
        let dir = E2ETempDir()
        let (data, journals) = try TeamCommandTests.threeReviewers(dir)
        let t = try TmuxSession(arguments: ["adjudicate", data] + TeamCommandTests.journalArgs(journals))
        defer { t.close() }
        #expect(t.waitFor("1 / 3 conflicts"), "\(t.capture())")
        #expect(t.capture().contains("READ-ONLY"))
        t.sendKeys("Enter")
        #expect(t.waitFor("read-only: nothing is saved"), "\(t.capture())")
        t.sendKeys("q")
        #expect(t.waitForExit() == 0)
    }
}
