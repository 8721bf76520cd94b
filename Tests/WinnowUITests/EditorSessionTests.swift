import Testing
@testable import WinnowUI
import WinnowTerminal
import WinnowCore
import Foundation

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
        let names = Command.allCases.map(\.name)
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(name.allSatisfy { $0.isLowercase || $0 == "-" }, "\(name)")
        }
    }
}

@Suite struct EditorSessionInputTests {
    let turns = [Turn(role: .human, roleName: "human", text: "问"), Turn(role: .gpt, roleName: "gpt", text: "东京塔")]

    @Test func unboundPrintableKeysTypeAndPasteIsLiteral() {
        guard var s = EditorSession(sampleIndex: 0, turns: turns, turnIndex: 1) else { Issue.record("no session"); return }
        _ = s.handle(.key(.char("高")), command: nil)
        // A paste holding what looks like commands ("q", ctrl-s as \u{13}, ESC) goes in as text.
        _ = s.handle(.paste("q\u{13}\u{1B}\n第二行"), command: nil)
        #expect(s.editor.text == "东京塔高q\u{13}\u{1B}\n第二行")
        _ = s.handle(.key(.named(.enter)), command: nil)
        #expect(s.editor.text.hasSuffix("第二行\n"))
        #expect(s.handle(.key(.ctrl("s")), command: .save) == .save(.turns([1: "东京塔高q\u{13}\u{1B}\n第二行\n"])))
    }

    @Test func externalResultIsJournalledOnlyWhenChanged() throws {
        guard var s = EditorSession(sampleIndex: 5, turns: turns, turnIndex: 1) else { Issue.record("no session"); return }
        let dir = NSTemporaryDirectory()
        guard let (edit, effect) = s.beginExternal(environment: ["EDITOR": "ed -s", "TMPDIR": dir], files: PosixScratchFiles()) else {
            Issue.record("could not start: \(s.message ?? "")"); return
        }
        #expect(effect == .runExternal(ExternalProgram(arguments: ["ed", "-s", edit.path], takesTerminal: true,
                                                       purpose: ExternalEdit.purpose)))
        Array("东京铁塔\n".utf8).withUnsafeBytes { raw in
            let fd = open(edit.path, O_WRONLY | O_TRUNC)
            #expect(fd >= 0)
            _ = write(fd, raw.baseAddress, raw.count)
            close(fd)
        }
        #expect(s.finishExternal(edit, exitStatus: 0, files: PosixScratchFiles()) == .save(.turns([1: "东京铁塔"])))
        #expect(s.editor.text == "东京铁塔")

        guard let (same, _) = s.beginExternal(environment: ["EDITOR": "true", "TMPDIR": dir], files: PosixScratchFiles()) else { return }
        #expect(s.finishExternal(same, exitStatus: 0, files: PosixScratchFiles()) == .unchanged)
        #expect(s.message == "No change")
    }
}
