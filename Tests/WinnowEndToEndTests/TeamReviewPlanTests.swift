import Foundation
import Testing
import WinnowCore

/// `winnow review --plan`: the reviewer walks their queue (gold mixed in, unmarked) in a real
/// terminal.
@Suite(.serialized, .enabled(if: Prerequisite.tmux, Prerequisite.tmuxReason))
struct TeamReviewPlanTests {
    @Test func reviewWalksTheQueueOfThePlan() throws {
        let dir = E2ETempDir()
        let data = try dir.dataset(count: 12)
        let gold = dir.file("gold.jsonl")
        try #"{"index":11,"decision":"accept"}"#.write(toFile: gold, atomically: true, encoding: .utf8)
        let planPath = dir.file("plan.json")
        let made = try WinnowCLI.run(["assign", data, "--reviewers", "ann,bob", "--overlap", "1", "--seed", "3",
                                      "--gold", gold, "--gold-rate", "0.2", "-o", planPath])
        #expect(made.status == 0, "\(made.stderr)")
        let plan = try AssignmentPlan.parse(Array(try String(contentsOfFile: planPath, encoding: .utf8).utf8), path: planPath)
        let queue = try #require(plan.share(of: "ann")?.queue)
        #expect(queue.contains(11))
        let journal = dir.file("ann.jsonl")
        let t = try TmuxSession(arguments: ["review", data, "--plan", planPath, "--reviewer", "ann", "--journal", journal])
        defer { t.close() }
        #expect(t.waitFor("id s\(queue[0]) "), "\(t.capture())")
        let screen = t.capture()
        #expect(screen.contains("1 / \(queue.count)"), "\(screen)")
        #expect(screen.contains("plan: ann"), "\(screen)")
        #expect(!screen.lowercased().contains("gold"), "gold is not marked on screen")
        t.sendKeys("a")  // accept; auto-advance goes to the next sample of the queue
        #expect(t.waitFor("id s\(queue[1]) "), "\(t.capture())")
        #expect(t.capture().contains("2 / \(queue.count)"))
        t.sendKeys("Right")
        #expect(t.waitFor("id s\(queue[2]) "), "\(t.capture())")
        t.sendKeys("q")
        #expect(t.waitForExit() == 0)
        let log = try String(contentsOfFile: journal, encoding: .utf8)
        #expect(log.contains(#""index":\#(queue[0]),"#))
    }
}
