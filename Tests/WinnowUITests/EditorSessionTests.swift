import Testing
@testable import WinnowUI
import WinnowCore

@Suite struct EditorSessionTests {
    let turns = [
        Turn(role: .human, roleName: "human", text: "图中有什么？"),
        Turn(role: .gpt, roleName: "gpt", text: "图中有一只猫。"),
        Turn(role: .human, roleName: "human", text: "它在做什么？"),
        Turn(role: .gpt, roleName: "gpt", text: "它在睡觉。"),
    ]

    func session(at turn: Int = 1) -> EditorSession? {
        EditorSession(sampleIndex: 3, turns: turns, turnIndex: turn)
    }

    @Test func saveReturnsAnEditOfTheChangedTurnOnly() {
        guard var s = session() else { Issue.record("no session"); return }
        #expect(!s.isDirty)
        #expect(s.perform(.save) == .redraw)  // nothing to save
        _ = s.perform(.cursorLeft)
        _ = s.perform(.deleteBackward)
        _ = s.type("狗")
        #expect(s.editor.text == "图中有一只狗。")
        #expect(s.isDirty)
        let outcome = s.perform(.save)
        #expect(outcome == .save(.turns([1: "图中有一只狗。"])))
        s.didSave(.turns([1: "图中有一只狗。"]))
        #expect(!s.isDirty)
        #expect(s.message == "Saved")
        #expect(s.perform(.cancel) == .close)
    }

    @Test func cancelAsksWhenDirty() {
        guard var s = session() else { Issue.record("no session"); return }
        _ = s.type("！")
        #expect(s.perform(.cancel) == .redraw)
        #expect(s.pending == .discardChanges)
        #expect(s.type("n") == .redraw)
        #expect(s.pending == nil)
        #expect(s.editor.text == "图中有一只猫。！")
        _ = s.perform(.cancel)
        #expect(s.type("y") == .close)
    }

    @Test func pasteCannotAnswerAQuestion() {
        guard var s = session() else { Issue.record("no session"); return }
        _ = s.type("x")
        _ = s.perform(.cancel)
        #expect(s.paste("y") == .none)
        #expect(s.pending == .discardChanges)
    }

    @Test func switchingTurnsKeepsDraftsAndSavesThemTogether() {
        guard var s = session(at: 0) else { Issue.record("no session"); return }
        _ = s.type("A")
        _ = s.perform(.nextTurn)
        #expect(s.turnIndex == 1)
        _ = s.type("B")
        _ = s.perform(.previousTurn)
        #expect(s.editor.text == "图中有什么？A")
        #expect(s.perform(.save) == .save(.turns([0: "图中有什么？A", 1: "图中有一只猫。B"])))
        _ = s.perform(.previousTurn)
        #expect(s.message == "First turn")
    }

    @Test func deletingATurnPairAsksThenGivesTheNewConversation() {
        guard var s = session(at: 3) else { Issue.record("no session"); return }
        #expect(s.perform(.deleteTurnPair) == .redraw)
        #expect(s.pending == .deleteTurns(2..<4))
        let outcome = s.type("y")
        #expect(outcome == .save(.conversation(Array(turns[0..<2]))))
        s.didSave(.conversation(Array(turns[0..<2])))
        #expect(s.turns.count == 2)
        #expect(s.turnIndex == 1)
        #expect(s.editor.text == "图中有一只猫。")
    }

    @Test func deletingAPairCanBeDeclined() {
        guard var s = session(at: 0) else { Issue.record("no session"); return }
        _ = s.perform(.deleteTurnPair)
        #expect(s.pending == .deleteTurns(0..<2))
        #expect(s.perform(.cursorLeft) == .redraw)  // any other key declines
        #expect(s.pending == nil)
        #expect(s.turns.count == 4)
    }

    @Test func commandNamesAreKebabCaseAndUnique() {
        let names = EditorCommand.allCases.map(\.rawValue)
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(name.allSatisfy { $0.isLowercase || $0 == "-" }, "\(name)")
        }
    }
}
