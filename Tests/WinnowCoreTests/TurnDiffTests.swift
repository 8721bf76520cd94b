import Testing
import WinnowCore

@Suite struct TurnDiffTests {
    let q1 = Turn(role: .human, roleName: "human", text: "图中有什么？")
    let a1 = Turn(role: .gpt, roleName: "gpt", text: "一只猫。")
    let q2 = Turn(role: .human, roleName: "human", text: "它在做什么？")
    let a2 = Turn(role: .gpt, roleName: "gpt", text: "睡觉。")

    @Test func deletedPairShowsAsTwoDeletedTurns() {
        let changes = TurnDiff.diff([q1, a1, q2, a2], [q2, a2])
        #expect(changes == [.deleted(oldIndex: 0, turn: q1), .deleted(oldIndex: 1, turn: a1)])
    }

    @Test func changedTurnGetsAGraphemeDiff() {
        var edited = a1
        edited.text = "一只狗。"
        let changes = TurnDiff.diff([q1, a1], [q1, edited])
        #expect(changes == [.changed(oldIndex: 1, newIndex: 1, role: "gpt",
                                     runs: [DiffRun(.equal, "一只"), DiffRun(.delete, "猫"),
                                            DiffRun(.insert, "狗"), DiffRun(.equal, "。")])])
    }

    @Test func editAppliesToTurns() {
        let turns = SampleEdit.turns([1: "改", 9: "ignored"]).applied(to: [q1, a1])
        #expect(turns.map(\.text) == ["图中有什么？", "改"])
        #expect(SampleEdit.conversation([q2]).applied(to: [q1, a1]) == [q2])
    }
}
