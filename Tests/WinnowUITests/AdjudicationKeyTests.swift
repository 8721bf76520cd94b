import Foundation
import Testing
import WinnowCore
@testable import WinnowUI

/// Key scripts on the adjudication screen: rulings by keys, journalled as ruling entries in
/// the adjudicator's (real) journal, and undone like any entry.
@Suite struct AdjudicationKeyTests {
    @Test func walksOnlyTheConflictsAndStartsAtTheFirst() throws {
        let f = try AdjudicationFixture()
        #expect(f.app.state.base == .list([2, 5, 7]))
        #expect(f.app.state.currentIndex == 2)
        f.app.press("right")
        #expect(f.app.state.currentIndex == 5)
        f.app.press("right", "right")
        #expect(f.app.state.currentIndex == 7)
        #expect(f.app.state.message == .info(.lastSample))
    }

    @Test func enterRulesTheMajorityAndMovesOn() throws {
        let f = try AdjudicationFixture()
        f.app.press("enter")
        let (review, ruling) = f.ruling(at: 2)
        #expect(review.status == .accepted)
        #expect(ruling == Ruling(basis: .decided))
        #expect(f.app.state.currentIndex == 5)
        #expect(f.app.state.message?.text == "saved: ruled accepted #2")
        // A reject majority takes the majority's reasons, not a reviewer's note.
        f.app.press("enter")
        let five = f.ruling(at: 5)
        #expect(five.review.status == .rejected)
        #expect(five.review.reasons == ["hallucination"])
        #expect(five.review.note == nil)
    }

    @Test func digitsPickAReviewersSideWithTheirEdit() throws {
        let f = try AdjudicationFixture()
        f.app.press("end")
        #expect(f.app.state.currentIndex == 7)
        // All accepted with different edits: the majority label alone is not a ruling.
        f.app.press("enter")
        #expect(f.app.state.message == .info(.adjudication(.majorityEditsDiffer)))
        #expect(f.ruling(at: 7).review.status == .undecided)
        f.app.press("3")
        let (review, ruling) = f.ruling(at: 7)
        #expect(review.status == .edited)
        #expect(review.edit == .turns([1: "招牌上写着东京 7。"]))
        #expect(ruling == Ruling(basis: .picked, picked: "cy"))
        #expect(f.app.state.message?.text.hasPrefix("saved: ruled edited #7 (picked cy)") == true)
        f.app.press("end", "9")
        #expect(f.app.state.message == .info(.adjudication(.noSuchSide(9, sides: 3))))
    }

    @Test func undoTakesARulingBackAndRestoresTheOneItReplaced() throws {
        let f = try AdjudicationFixture()
        f.app.press("A")  // stay after deciding
        f.app.press("a")
        #expect(f.ruling(at: 2).review.status == .accepted)
        // A new ruling replaces the old one whole...
        f.app.press("x", "2", "enter")
        #expect(f.ruling(at: 2).review.status == .rejected)
        #expect(f.ruling(at: 2).review.reasons == ["ocr-error"])
        #expect(f.ruling(at: 2).ruling == Ruling(basis: .decided))
        // ...and undo brings the old one back, then nothing.
        f.app.press("u")
        #expect(f.ruling(at: 2).review.status == .accepted)
        #expect(f.ruling(at: 2).ruling != nil)
        #expect(f.app.state.message?.text == "saved: undid rejected (ocr-error) #2")
        f.app.press("u")
        #expect(f.ruling(at: 2).review.status == .undecided)
        f.app.press("u")
        #expect(f.app.state.message == .info(.nothingToUndo))
        // Every entry is in the journal: the history stays.
        let kinds = f.adjudicator?.entries.map { e -> String in
            if case .undo = e.decision { return "undo" }
            return e.ruling == nil ? "plain" : "ruling"
        }
        #expect(kinds == ["ruling", "undo", "ruling", "undo", "undo", "undo"])
    }

    @Test func pickingAnotherSideReplacesAnEditWhole() throws {
        let f = try AdjudicationFixture()
        f.app.press("A", "end", "2")
        #expect(f.ruling(at: 7).review.edit == .turns([1: "招牌上写着大阪 7。"]))
        f.app.press("1")  // ann accepted the text as it was
        #expect(f.ruling(at: 7).review.status == .accepted)
        #expect(f.ruling(at: 7).review.edit == nil)
        #expect(f.ruling(at: 7).ruling == Ruling(basis: .picked, picked: "ann"))
        f.app.press("u")
        #expect(f.ruling(at: 7).review.edit == .turns([1: "招牌上写着大阪 7。"]))
    }

    @Test func editAnewIsARulingAgainstTheDatasetText() throws {
        let f = try AdjudicationFixture()
        f.app.press("A", "end", "2")  // bob's edit first: the editor starts from it
        f.app.press("e", "end")
        f.app.type("！")
        f.app.press("ctrl-s", "esc")
        let (review, ruling) = f.ruling(at: 7)
        #expect(review.status == .edited)
        #expect(review.edit == .turns([1: "招牌上写着大阪 7。！"]))
        #expect(ruling == Ruling(basis: .decided))
        // Undo takes the new edit back and restores bob's.
        f.app.press("u")
        #expect(f.ruling(at: 7).review.edit == .turns([1: "招牌上写着大阪 7。"]))
        #expect(f.ruling(at: 7).ruling == Ruling(basis: .picked, picked: "bob"))
    }

    @Test func skipWritesNothingAndNotesAreNotRulings() throws {
        let f = try AdjudicationFixture()
        f.app.press("space")
        #expect(f.app.state.currentIndex == 5)
        #expect(f.adjudicator?.entries.isEmpty == true)
        #expect(f.app.state.message == .info(.adjudication(.leftWithoutRuling)))
        f.app.press("m")
        f.app.type("看一下")
        f.app.press("enter")
        #expect(f.adjudicator?.entries.count == 1)
        #expect(f.adjudicator?.entries.first?.ruling == nil)
    }

    @Test func rulingsReadBackAsTheAdjudicatorsJournal() throws {
        let f = try AdjudicationFixture()
        f.app.press("enter", "enter", "3")
        f.adjudicator?.close()
        let contents = try JournalReader.read(path: f.dir + "/adj.jsonl")
        let state = ReviewerState(replay: JournalReplay(contents: contents, dataset: f.dataset, matchByID: false), source: "adj")
        #expect(state.rulings.keys.sorted() == [2, 5, 7])
        #expect(state.hasRulings)
    }

    @Test func readOnlyRefusesRulingKeys() throws {
        let f = try AdjudicationFixture(readOnly: true)
        f.app.press("1")
        #expect(f.app.state.message == .error(.readOnly))
        f.app.press("enter")
        #expect(f.app.state.message == .error(.readOnly))
        #expect(f.app.state.currentIndex == 2)
    }

    @Test func rulingKeysOutsideAdjudicationSaySo() {
        let (app, _, journal) = makeApp(samples: (0..<3).map { makeSample($0) })
        app.press("enter")
        #expect(app.state.message == .info(.notBound(key: "enter", helpKey: "?")))
        #expect(app.perform(.ruleMajority) == .redraw)
        #expect(app.state.message == .info(.adjudication(.onlyWhenAdjudicating)))
        app.press("1")
        #expect(journal?.entries.isEmpty == true)
    }

    @Test func panelScrollsAndCyclesItsSize() throws {
        let f = try AdjudicationFixture()
        f.app.press("end")
        guard let panel = f.app.screenLayout()?.panel else { Issue.record("no panel"); return }
        let total = f.app.conflictPanelLines(index: 7, width: panel.width).count
        f.app.press("J", "J", "J", "J", "J", "J", "J", "J", "J", "J")
        #expect(f.app.state.panel.scroll == max(0, total - (panel.height - 2)))
        f.app.press("K")
        #expect(f.app.state.panel.scroll == max(0, total - (panel.height - 2) - 1))
        f.app.press("P")
        #expect(f.app.state.panel.size == .whole)
        #expect((f.app.screenLayout()?.panel?.height ?? 0) >= panel.height)
        f.app.press("P")
        #expect(f.app.screenLayout()?.panel == nil)
        f.app.press("P")
        #expect(f.app.state.panel.size == .half)
        // Another sample starts at the top of its panel.
        f.app.press("home")
        #expect(f.app.state.panel.scroll(for: 2) == 0)
    }
}
