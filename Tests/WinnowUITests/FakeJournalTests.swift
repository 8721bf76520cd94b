import Testing
import WinnowCore
@testable import WinnowUI

/// The test double folds decisions with the real journal's code.
@Suite struct FakeJournalTests {
    @Test func editsAccumulateAndAnUndoOfAnUndoRestores() throws {
        let journal = FakeJournal()
        try journal.append(.edit(.turns([1: "新的回答"]), note: nil), index: 3)
        let second = try journal.append(.edit(.turns([0: "新的问题"]), note: nil), index: 3)
        // Turn edits merge, as in the real journal (the old double kept only the last).
        #expect(journal.review(at: 3).edit == .turns([0: "新的问题", 1: "新的回答"]))
        let undo = try journal.append(.undo(sequence: second.sequence), index: 3)
        #expect(journal.review(at: 3).edit == .turns([1: "新的回答"]))
        try journal.append(.undo(sequence: undo.sequence), index: 3)
        #expect(journal.review(at: 3).edit == .turns([0: "新的问题", 1: "新的回答"]))
        #expect(journal.review(at: 3).reviewer == "t")
        #expect(journal.decidedCount == 1)
    }
}
