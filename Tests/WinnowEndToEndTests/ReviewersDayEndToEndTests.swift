import Foundation
import Testing
import WinnowCore

/// Issue 14's main flows in a real terminal (tmux): the stats panel and the line on quit,
/// marks and a batch decision undone whole, a project's reasons file.
@Suite(.serialized, .enabled(if: Prerequisite.tmux, Prerequisite.tmuxReason)) struct ReviewersDayEndToEndTests {
    @Test func statsPanelThenOneLineOnStderrOnQuit() throws {
        let (t, _) = try ReviewEndToEndTests.start()
        defer { t.close() }
        #expect(t.waitFor("id s0"))
        t.sendKeys("a")
        #expect(t.waitFor("saved: accepted"), "\(t.capture())")
        t.sendKeys("S")
        #expect(t.waitFor("this session: 1 decided (1 accepted)"), "\(t.capture())")
        #expect(t.capture().contains("overall: 1 of 5 decided (20%)"), "\(t.capture())")
        t.sendKeys("q")
        #expect(t.waitForExit() == 0, "\(t.capture())")
        // The line is longer than the terminal (a temporary folder's path) and its start may
        // have scrolled off: read the scrollback too, unwrapped.
        let said = Self.unwrapped(t.captureWithHistory())
        #expect(said.contains(Self.unwrapped("winnow: this session decided 1 sample (1 accepted); journal: /")), "\(said)")
        #expect(said.contains("/d.json.winnow.jsonl"), "\(said)")
    }

    @Test func markedSamplesAcceptedInOneBatchAndUndoneTogether() throws {
        let (t, path) = try ReviewEndToEndTests.start()
        defer { t.close() }
        #expect(t.waitFor("id s0"))
        t.sendKeys("V")
        #expect(t.waitFor("marked #0 (1 marked)"), "\(t.capture())")
        t.sendKeys("Right", "Right")
        #expect(t.waitFor("id s2"))
        t.sendKeys("V")
        #expect(t.waitFor("2 marked (this one too)"), "\(t.capture())")
        t.sendKeys("\"")
        #expect(t.waitFor("2 marked samples: a accept"), "\(t.capture())")
        t.sendKeys("a")
        #expect(t.waitFor("accept 2 marked samples? y/n"), "\(t.capture())")
        t.sendKeys("y")
        #expect(t.waitFor("saved: accepted 2 samples"), "\(t.capture())")
        #expect(t.waitFor("2/5 decided"), "\(t.capture())")
        let journal = try JournalReader.read(path: path + ".winnow.jsonl")
        #expect(journal.items.map(\.entry.index) == [0, 2])
        t.sendKeys("u")
        #expect(t.waitFor("saved: undid a batch of 2"), "\(t.capture())")
        #expect(t.waitFor("0/5 decided"), "\(t.capture())")
        t.sendKeys("q")
        #expect(t.waitForExit() == 0)
    }

    @Test func filterCountsFollowDecisionsAndGotoCountsPositions() throws {
        let (t, _) = try ReviewEndToEndTests.start()
        defer { t.close() }
        #expect(t.waitFor("id s0"))
        t.sendKeys("f")
        #expect(t.waitFor("filter: undecided (5)"), "\(t.capture())")
        t.sendKeys("a")
        #expect(t.waitFor("filter: undecided (4 of 5 listed)"), "\(t.capture())")
        t.sendKeys("g")
        #expect(t.waitFor("go to position 1-5 (#index, id):"), "\(t.capture())")
        t.type("4")
        t.sendKeys("Enter")
        #expect(t.waitFor("4 / 5  #3  id s3"), "\(t.capture())")
        t.sendKeys("}")
        // Sample 3's answer carries an escape sequence: a control-char finding.
        #expect(t.waitFor("finding 1/2 in #3: control-char"), "\(t.capture())")
        t.sendKeys("q")
        #expect(t.waitForExit() == 0)
    }

    @Test func theReasonsFileBesideTheDatasetFillsThePicker() throws {
        let folder = ReviewEndToEndTests.scratchRoot.appendingPathComponent("reasons-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = try ReviewEndToEndTests.makeDataset(in: folder)
        try "# 本项目\n图文不符\n答非所问\n".write(toFile: path + ".reasons", atomically: true, encoding: .utf8)
        let (t, _) = try ReviewEndToEndTests.start(reuse: path)
        defer { t.close() }
        #expect(t.waitFor("id s0"))
        t.sendKeys("x")
        #expect(t.waitFor("2 [ ] 答非所问"), "\(t.capture())")
        #expect(!t.capture().contains("hallucination"))
        t.sendKeys("2", "Enter")
        #expect(t.waitFor("saved: rejected (答非所问)"), "\(t.capture())")
    }

    @Test func aBadReasonsFileStopsWithFileAndLine() throws {
        let folder = ReviewEndToEndTests.scratchRoot.appendingPathComponent("bad-reasons-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let reasons = folder.appendingPathComponent("r.txt").path
        try "ok\nnot one tag\n".write(toFile: reasons, atomically: true, encoding: .utf8)
        let (t, _) = try ReviewEndToEndTests.start(["--reasons", reasons])
        defer { t.close() }
        #expect(t.waitForExit() == 65, "\(t.capture())")
        let said = Self.unwrapped(t.captureWithHistory())
        #expect(said.contains(Self.unwrapped("r.txt:2: a reason is one tag without white space")), "\(said)")
    }

    /// The screen without line breaks and spaces, so a line tmux wrapped at the edge reads
    /// whole wherever the break fell (compare with `unwrapped` text too).
    static func unwrapped(_ screen: String) -> String {
        screen.filter { !$0.isWhitespace }
    }
}

/// `reset` from scripts: `decide … reset` journals it, `journal log` names it.
@Suite struct ResetCommandTests {
    let dir = E2ETempDir()

    @Test func decideResetAndJournalLog() throws {
        let data = try dir.dataset(count: 3)
        #expect(try WinnowCLI.run(["decide", data, "1", "accept"]).status == 0)
        let reset = try WinnowCLI.run(["decide", data, "1", "reset"])
        #expect(reset.status == 0, "\(reset.stderr)")
        #expect(reset.stdout.contains(#""decision":"reset""#), "\(reset.stdout)")
        let log = try WinnowCLI.run(["journal", "log", data + ".winnow.jsonl"])
        #expect(log.stdout.contains("reset to undecided"), "\(log.stdout)")
        let j = try JournalReader.read(path: data + ".winnow.jsonl")
        #expect(j.issues.isEmpty)
        #expect(j.items.last?.entry.decision == .reset)
    }
}
