import Foundation
import Testing
import WinnowCore
@testable import WinnowUI

/// A clock the test moves by hand (the app reads it on each decision).
final class TestClock: @unchecked Sendable {
    var now: Double = 0
}

/// Issue 14, "Know where you are", "Find things again", "Act on many at once": key scripts
/// against the app and whole screens as rows of text, CJK included.
@Suite struct ReviewersDayTests {
    static let truncatedAnswer = "图片中有一只猫。它坐在窗台上，看着外面的"
    static let invisibleAnswer = "图片中有一只猫。它坐在\u{200B}窗台上。"

    /// Ten samples; 2 and 6 end mid-sentence (truncated), 4 has an invisible character.
    func ten() -> [Sample] {
        (0..<10).map { i in
            switch i {
            case 2, 6: return makeSample(i, gpt: Self.truncatedAnswer)
            case 4: return makeSample(i, gpt: Self.invisibleAnswer)
            default: return makeSample(i)
            }
        }
    }

    func appWithClock(_ samples: [Sample], width: Int = 80, height: Int = 24) -> (ReviewApp, FakeJournal, TestClock) {
        let (app, _, journal) = makeApp(samples: samples, width: width, height: height)
        let clock = TestClock()
        app.clock = { clock.now }
        app.state.session = SessionStats(start: 0)
        guard let journal else { fatalError("makeApp gives a journal") }
        return (app, journal, clock)
    }

    // MARK: Stats

    @Test func statsPanelCountsDecisionsReasonsPaceAndTimeLeft() {
        let (app, _, clock) = appWithClock(ten())
        clock.now = 10; app.press("a")
        clock.now = 30; app.press("a")
        clock.now = 45; app.press("x", "1", "enter")
        // A pause of 16 minutes is not reviewing time.
        clock.now = 1_000; app.press("a")
        clock.now = 1_020; app.press("space")
        app.press("S")
        let rows = app.render(width: 80, height: 24).trimmedRows
        let text = rows.joined(separator: "\n")
        // Gaps 10, 20, 15 and 20 (the 955 s pause left out): median 17.5 s, 4 in 65 s.
        #expect(text.contains("overall: 5 of 10 decided (50%)"), "\(text)")
        #expect(text.contains("accepted 3 · rejected 1 · edited 0 · skipped 1 · undecided 5"), "\(text)")
        #expect(text.contains("reasons: hallucination 1"), "\(text)")
        #expect(text.contains("this session: 5 decided (3 accepted, 1 rejected, 1 skipped)"), "\(text)")
        #expect(text.contains("pace: 222 samples/h · median 18 s per sample"), "\(text)")
        #expect(text.contains("left: 5 undecided ≈ 1 min"), "\(text)")
        // The panel stays open while deciding and counts live.
        clock.now = 1_030; app.press("a")
        let after = app.render(width: 80, height: 24).trimmedRows.joined(separator: "\n")
        #expect(after.contains("overall: 6 of 10 decided (60%)"), "\(after)")
        app.press("S")
        #expect(!app.render(width: 80, height: 24).trimmedRows.joined().contains("this session"))
    }

    @Test func statsPanelIsABoxOverTheChineseDialogue() {
        let (app, _, clock) = appWithClock(ten())
        clock.now = 12; app.press("a")
        app.press("f")   // filter: undecided
        app.press("S")
        let rows = app.render(width: 80, height: 24).trimmedRows
        // The CJK dialogue still shows above the panel; the box is drawn whole below it.
        #expect(rows.contains { $0.contains("图片里有什么？") }, "\(rows.joined(separator: "\n"))")
        let box = Array(rows[(rows.firstIndex { $0.contains("┌─ stats · S closes") } ?? 0)...])
        #expect(box.first?.contains("┌─ stats · S closes ─") == true, "\(rows.joined(separator: "\n"))")
        #expect(box.contains { $0.contains("│ filter undecided: 0 of 9 decided (0%)") }, "\(box)")
        #expect(box.contains { $0.contains("│ overall: 1 of 10 decided (10%)") }, "\(box)")
        #expect(box.contains { $0.contains("│   left in this filter: 9 undecided ≈ 2 min") }, "\(box)")
        #expect(box.contains { $0.hasPrefix("└") || $0.contains("└───") }, "\(box)")
    }

    /// The whole 80x24 screen, as rows of text: the panel over the Chinese dialogue.
    @Test func statsPanelScreen() {
        let (app, _, clock) = appWithClock((0..<10).map { makeSample($0) })
        clock.now = 20; app.press("a")
        clock.now = 50; app.press("x", "1", "enter")
        app.press("f", "S")
        let expected = """
             test.json  1 / 8  #2  id 000002  conversation                       UNDECIDED
               ------------- 2/10 decided (20%)  filter: undecided (8)
             id: 000002
             image: images/cat.jpg (MISSING)
             turns: 2 (human 1, gpt 1)
             chars: human 15, gpt 8
             type: conversation (field)                                       … +1 (M shows)
             dialogue · lines 1-6 of 6 · all
            ▍human  turn 1/2 · 15 chars
              <image>
              图片里有什么？
                   ┌─ stats · S closes ─────────────────────────────────────────────┐
            ▍gpt  t│ filter undecided: 0 of 8 decided (0%)                          │
              图片 │   accepted 0 · rejected 0 · edited 0 · skipped 0 · undecided 8 │
                   │ overall: 2 of 10 decided (20%)                                 │
                   │   accepted 1 · rejected 1 · edited 0 · skipped 0 · undecided 8 │
                   │   reasons: hallucination 1                                     │
                   │ this session: 2 decided (1 accepted, 1 rejected)               │
                   │   pace: 144 samples/h · median 25 s per sample                 │
                   │   left in this filter: 8 undecided ≈ 3 min                     │
                   │   (pauses over 5 min are not counted)                          │
                   └────────────────────────────────────────────────────────────────┘

             → next  a accept  x reject  space skip  u undo  e edit  / search        ? help
            """
        #expect(app.render(width: 80, height: 24).trimmedRows.joined(separator: "\n") == expected)
    }

    @Test func theQuitLineSaysWhatThisSessionDecidedAndWhere() {
        let (app, _, _) = appWithClock(ten())
        app.press("a", "a", "x", "2", "enter", "u")
        #expect(app.sessionSummary(journalPath: "/data/d.json.winnow.jsonl")
                == "winnow: this session decided 2 samples (2 accepted); journal: /data/d.json.winnow.jsonl")
        var o = ReviewOptions(theme: .monochrome)
        o.readOnly = true
        let (ro, _, _) = makeApp(samples: ten(), options: o)
        #expect(ro.sessionSummary(journalPath: "/x") == "winnow: this session decided 0 samples; read-only, nothing saved")
    }

    @Test func paceLeavesOutPausesOverFiveMinutes() {
        var s = SessionStats(start: 0)
        for (i, t) in [30.0, 60, 90, 500, 530].enumerated() { s.record(index: i, status: .accepted, time: t, timed: true) }
        #expect(s.activeGaps == [30, 30, 30, 30])
        #expect(s.medianSeconds == 30)
        #expect(s.samplesPerHour == 120)
        #expect(s.estimate(remaining: 10) == 300)
        #expect(SessionStats.duration(300) == "5 min")
        #expect(SessionStats.duration(3 * 3600 + 5 * 60) == "3 h 05 min")
        // A clock that jumps or stands still must not trap or divide by zero.
        #expect(SessionStats.duration(.infinity) == "0 s")
        #expect(SessionStats.duration(1e300).hasSuffix("min"))
        var still = SessionStats(start: 5)
        still.record(index: 0, status: .accepted, time: 5, timed: true)
        #expect(still.samplesPerHour == nil)
    }

    // MARK: Live filter counts

    @Test func filterCountsFollowEachDecision() {
        let (app, _, _) = appWithClock(ten())
        app.press("f")   // undecided
        #expect(app.render(width: 80, height: 24).trimmedRows[1].contains("filter: undecided (10)"))
        app.press("a", "a")
        #expect(app.render(width: 80, height: 24).trimmedRows[1].contains("filter: undecided (8 of 10 listed)"),
                "\(app.render(width: 80, height: 24).trimmedRows[1])")
        app.press("u")
        #expect(app.render(width: 80, height: 24).trimmedRows[1].contains("filter: undecided (9 of 10 listed)"))
    }

    // MARK: Combined filters

    @Test func typedFilterCombinesTermsAndTheHeaderShowsThem() {
        let (app, journal, _) = appWithClock(ten())
        try? journal.append(.reject(reasons: ["hallucination"], note: nil), index: 1)
        try? journal.append(.reject(reasons: ["ocr-error"], note: nil), index: 3)
        try? journal.append(.reject(reasons: ["hallucination", "truncated"], note: nil), index: 6)
        try? journal.append(.note(text: nil, flag: "check"), index: 5)
        try? journal.append(.note(text: "看看这个", flag: nil), index: 7)
        app.press(";")
        app.type("rejected hallucination")
        app.press("enter")
        #expect(app.state.visible == .list([1, 6]))
        #expect(app.render(width: 80, height: 24).trimmedRows[1].contains("filter: rejected + reason:hallucination (2)"))
        // `truncated` with `rejected` is the reason; with `undecided` it is the lint kind.
        app.press(";", "ctrl-u"); app.type("rejected truncated"); app.press("enter")
        #expect(app.state.visible == .list([6]))
        app.press(";", "ctrl-u"); app.type("undecided + truncated"); app.press("enter")
        #expect(app.state.visible == .list([2]))
        #expect(app.render(width: 80, height: 24).trimmedRows[1].contains("filter: undecided + lint:truncated (1)"))
        app.press(";", "ctrl-u"); app.type("flagged"); app.press("enter")
        #expect(app.state.visible == .list([5]))
        app.press(";", "ctrl-u"); app.type("noted"); app.press("enter")
        #expect(app.state.visible == .list([7]))
        app.press(";", "ctrl-u"); app.type("lint:invisible-char"); app.press("enter")
        #expect(app.state.visible == .list([4]))
        // The prompt starts from the filter in force.
        app.press(";")
        guard case .prompt(let p) = app.state.mode else { Issue.record("no prompt"); return }
        #expect(p.input.text == "lint:invisible-char")
        app.press("esc")
        app.press("F")
        #expect(app.state.visible == .all(count: 10))
    }

    @Test func badFilterTermsSayWhy() {
        let (app, _, _) = appWithClock(ten())
        app.press(";"); app.type("rejected undecided"); app.press("enter")
        #expect(app.state.message?.text == "a sample has one decision state: 'rejected' and 'undecided' never both hold")
        app.press(";"); app.type("purple"); app.press("enter")
        #expect(app.state.message?.text.hasPrefix("unknown filter term 'purple'") == true)
        app.press(";"); app.type("duplicate-id"); app.press("enter")
        #expect(app.state.message?.text == "lint kind duplicate-id compares samples: use `winnow lint --kind duplicate-id`")
        #expect(!app.state.filter.isActive)
    }

    // MARK: Findings and flags

    @Test func nextFindingMovesToTheSampleAndScrollsToTheCharacter() {
        var samples = ten()
        // Sample 4's invisible character sits deep in a long answer.
        let long = (1...60).map { "第\($0)行：这是一段很长的回答。\n" }.joined() + "末尾有\u{200B}隐藏字符。"
        samples[4] = makeSample(4, gpt: long)
        let (app, _, _) = appWithClock(samples)
        app.press("home")
        app.press("}")
        #expect(app.state.currentIndex == 2)
        #expect(app.state.message?.text.hasPrefix("finding 1/1 in #2: truncated — turn 2 ends mid-sentence") == true,
                "\(app.state.message?.text ?? "")")
        app.press("}")
        #expect(app.state.currentIndex == 4)
        #expect(app.state.scroll > 40, "scroll \(app.state.scroll)")
        let screen = app.render(width: 80, height: 24).trimmedRows.joined(separator: "\n")
        #expect(screen.contains("末尾有<U+200B>隐藏字符。"), "\(screen)")
        app.press("}")
        #expect(app.state.currentIndex == 6)
        app.press("}")
        #expect(app.state.message?.text == "no lint finding after this one in this list")
        app.press("{")
        #expect(app.state.currentIndex == 4)
    }

    @Test func nextAndPreviousFlaggedSample() {
        let (app, journal, _) = appWithClock(ten())
        try? journal.append(.note(text: nil, flag: "check"), index: 3)
        try? journal.append(.note(text: nil, flag: "图像模糊"), index: 7)
        app.press("home", ">")
        #expect(app.state.currentIndex == 3)
        #expect(app.state.message?.text == "flagged #3: check")
        app.press(">")
        #expect(app.state.currentIndex == 7)
        app.press(">")
        #expect(app.state.message?.text == "no flagged sample after this one in this list")
        app.press("<")
        #expect(app.state.currentIndex == 3)
    }

    // MARK: Go to a position

    @Test func gotoTakesAPositionInTheFilteredListAndHashIndex() {
        let (app, journal, _) = appWithClock(ten())
        for i in [1, 4, 8] { try? journal.append(.accept, index: i) }
        app.press("f", "f")   // accepted
        #expect(app.state.visible == .list([1, 4, 8]))
        app.press("g")
        #expect(app.render(width: 80, height: 24).trimmedRows[22].hasPrefix("go to position 1-3 (#index, id):"),
                "\(app.render(width: 80, height: 24).trimmedRows[22])")
        app.type("2"); app.press("enter")
        #expect(app.state.currentIndex == 4)
        app.press("g"); app.type("#8"); app.press("enter")
        #expect(app.state.currentIndex == 8)
        app.press("g"); app.type("5"); app.press("enter")
        #expect(app.state.message?.text == "no position 5 in this list (1...3); #5 is dataset index 5")
        // Without a filter, a plain number is still the dataset index.
        app.press("F", "g"); app.type("5"); app.press("enter")
        #expect(app.state.currentIndex == 5)
    }

    // MARK: Marks and batches

    @Test func markedSamplesAreAcceptedInOneBatchAfterAConfirmationAndUndoneTogether() {
        let (app, journal, _) = appWithClock(ten())
        app.press("home", "V", "right", "right", "V", "right", "V")
        #expect(app.state.marked == [0, 2, 3])
        #expect(app.render(width: 80, height: 24).trimmedRows[1].contains("3 marked (this one too)"))
        app.press("\"")
        #expect(app.state.message?.text == "3 marked samples: a accept · x reject · space skip · ! flag · U reset")
        app.press("a")
        #expect(app.state.message?.text == "accept 3 marked samples? y/n")
        #expect(journal.entries.isEmpty)
        app.press("y")
        #expect(journal.entries.map(\.index) == [0, 2, 3])
        #expect(journal.entries.allSatisfy { $0.decision == .accept })
        #expect(app.state.message?.text == "saved: accepted 3 samples (u undoes the batch)")
        #expect(app.state.marked.isEmpty)
        #expect(app.state.decidedInBase == 3)
        app.press("u")
        #expect(journal.entries.count == 6)
        #expect([0, 2, 3].allSatisfy { journal.review(at: $0).status == .undecided })
        #expect(app.state.message?.text == "saved: undid a batch of 3")
        #expect(app.state.decidedInBase == 0)
    }

    @Test func theWholeFilterIsRejectedWithReasonsOrNothingOnNo() {
        let (app, journal, _) = appWithClock(ten())
        app.press(";"); app.type("truncated"); app.press("enter")
        #expect(app.state.visible == .list([2, 6]))
        app.press("\"", "a", "n")
        #expect(app.state.message?.text == "batch cancelled: nothing saved")
        #expect(journal.entries.isEmpty)
        app.press("\"", "x")
        let picker = app.render(width: 80, height: 24).trimmedRows.joined(separator: "\n")
        #expect(picker.contains("reject 2 samples in the filter: why?"), "\(picker)")
        app.press("5", "enter")
        #expect(app.state.message?.text == "reject (truncated) 2 samples in the filter? y/n")
        app.press("y")
        #expect(journal.entries.map(\.decision) == [.reject(reasons: ["truncated"], note: nil), .reject(reasons: ["truncated"], note: nil)])
        #expect(app.render(width: 80, height: 24).trimmedRows[1].contains("filter: lint:truncated (2)"))
    }

    @Test func batchFlagAndRefusalWithoutTargets() {
        let (app, journal, _) = appWithClock(ten())
        app.press("\"")
        #expect(app.state.message?.text == "nothing to act on: mark samples (V) or set a filter first")
        app.press("V", "right", "V", "\"", "!")
        app.press("ctrl-u"); app.type("二审"); app.press("enter")
        #expect(app.state.message?.text == "flag '二审' 2 marked samples? y/n")
        app.press("y")
        #expect(journal.entries.map(\.decision) == [.note(text: nil, flag: "二审"), .note(text: nil, flag: "二审")])
    }

    // MARK: Reset

    @Test func resetTakesAnEarlierSessionsDecisionBackToUndecided() {
        let journal = FakeJournal()
        try? journal.append(.edit(.turns([1: "改过的回答"]), note: nil), index: 2)
        try? journal.append(.accept, index: 2)
        var o = ReviewOptions(theme: .monochrome)
        o.startIndex = 2
        let (app, _, _) = makeApp(samples: ten(), journal: journal, options: o)
        #expect(app.state.decidedInBase == 1)
        app.press("U")
        #expect(journal.entries.last?.decision == .reset)
        #expect(journal.review(at: 2).status == .undecided)
        #expect(journal.review(at: 2).edit == nil)
        #expect(app.state.message?.text == "saved: reset to undecided #2")
        #expect(app.state.decidedInBase == 0)
        #expect(app.state.currentIndex == 2)
        app.press("U")
        #expect(app.state.message?.text == "#2 is already undecided")
        app.press("u")
        #expect(journal.review(at: 2).status == .accepted)
        #expect(journal.review(at: 2).edit == .turns([1: "改过的回答"]))
    }
}
