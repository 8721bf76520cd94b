import Testing
@testable import WinnowCore

@Suite struct JournalStateTests {
    private var seq = 0
    private var state = JournalState()

    private mutating func add(_ d: Decision, _ index: Int = 0) -> Int {
        seq += 1
        state.add(JournalEntry(sequence: seq, time: "t\(seq)", reviewer: "r", index: index, id: "", sampleHash: "", decision: d))
        return seq
    }

    private func status(_ i: Int = 0) -> ReviewStatus { state.reviews[i]?.status ?? .undecided }

    @Test mutating func lastDecisionWins() {
        _ = add(.accept)
        _ = add(.reject(reasons: ["ocr"], note: "n"))
        #expect(status() == .rejected)
        #expect(state.reviews[0]?.reasons == ["ocr"])
        #expect(state.reviews[0]?.sequence == 2)
        #expect(state.decidedCount == 1)
    }

    @Test mutating func undoReturnsToThePreviousState() {
        _ = add(.accept)
        let r = add(.reject(reasons: ["x"], note: nil))
        let u = add(.undo(sequence: r))
        #expect(status() == .accepted)
        _ = add(.undo(sequence: u))  // undo of the undo: the reject is back
        #expect(status() == .rejected)
        #expect(state.reviews[0]?.reasons == ["x"])
    }

    @Test mutating func undoOfTheOnlyDecisionLeavesUndecided() {
        let a = add(.accept, 4)
        #expect(state.decidedCount == 1)
        _ = add(.undo(sequence: a), 999)  // recorded on the target's sample whatever the index says
        #expect(status(4) == .undecided)
        #expect(state.decidedCount == 0)
        #expect(state.liveSequences(at: 4).count == 1)  // only the undo itself
    }

    @Test mutating func undoOfAnOlderEntryRefoldsWithoutIt() {
        let e1 = add(.edit(.turns([0: "a"]), note: nil))
        _ = add(.edit(.turns([1: "b"]), note: nil))
        _ = add(.undo(sequence: e1))
        #expect(state.reviews[0]?.edit == .turns([1: "b"]))
        #expect(status() == .edited)
    }

    @Test mutating func editsAccumulate() {
        _ = add(.edit(.turns([0: "a", 1: "b"]), note: nil))
        _ = add(.edit(.turns([1: "c"]), note: nil))
        #expect(state.reviews[0]?.edit == .turns([0: "a", 1: "c"]))
        let conv = [Turn(role: .human, roleName: "human", text: "q"), Turn(role: .gpt, roleName: "gpt", text: "r")]
        _ = add(.edit(.conversation(conv), note: nil))
        _ = add(.edit(.turns([1: "r2"]), note: nil))
        var expected = conv
        expected[1].text = "r2"
        #expect(state.reviews[0]?.edit == .conversation(expected))
        _ = add(.accept)
        #expect(status() == .accepted)
        #expect(state.reviews[0]?.edit == .conversation(expected))
    }

    @Test mutating func notesDoNotDecide() {
        _ = add(.note(text: "hm", flag: "pii"))
        #expect(status() == .undecided)
        #expect(state.reviews[0]?.notes == ["hm"])
        #expect(state.reviews[0]?.flags == ["pii"])
        #expect(state.decidedCount == 0)
    }
}
