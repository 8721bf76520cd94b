import Testing
import Foundation
@testable import WinnowUI
import WinnowTerminal
import WinnowCore

/// A journal in memory whose replay combines edits like the real one.
final class EditingJournal: DecisionLog {
    var all: [JournalEntry] = []
    func append(_ decision: Decision, index: Int) throws(JournalError) -> JournalEntry {
        let e = JournalEntry(sequence: all.count + 1, time: "t", reviewer: "r", index: index, id: "\(index)",
                             sampleHash: "", decision: decision)
        all.append(e)
        return e
    }
    func review(at index: Int) -> SampleReview {
        var r = SampleReview()
        for e in all where e.index == index {
            if case .edit(let edit, _) = e.decision {
                r.status = .edited
                switch (r.edit, edit) {
                case (.turns(let a)?, .turns(let b)): r.edit = .turns(a.merging(b) { $1 })
                case (.conversation(var t)?, .turns(let b)):
                    for (i, x) in b where t.indices.contains(i) { t[i].text = x }
                    r.edit = .conversation(t)
                default: r.edit = edit
                }
            }
        }
        return r
    }
    var decidedCount: Int { Set(all.map(\.index)).count }
    var entries: [JournalEntry] { all }
    var problems: [String] { [] }
}

@Suite struct EditorAppTests {
    func app() -> (ReviewApp, EditingJournal) {
        let journal = EditingJournal()
        let source = FakeSource(samples: [makeSample(0, gpt: "图中有一只猫在桌子上。"), makeSample(1)])
        let (keymap, _) = KeymapLoader.load(base: "default", userFile: nil)
        let app = ReviewApp(source: source, journal: journal, keymap: keymap, options: ReviewOptions(theme: .monochrome))
        app.scratchFiles = PosixScratchFiles()
        _ = app.handle(.resize(width: 80, height: 24))
        _ = app.render(width: 80, height: 24)
        return (app, journal)
    }

    @Test func editSaveJournalsThenSaysSavedAndTheReadingViewShowsTheEdit() {
        let (app, journal) = app()
        app.press("e", "ctrl-e")  // starts on the answer turn; ctrl-e is the external editor
        // ctrl-e started the external editor: finish it unchanged so nothing is journalled.
        guard case .editing(let editing) = app.state.mode, let external = editing.external else {
            Issue.record("external editor not started"); return
        }
        _ = app.externalProgramFinished(ExternalProgram(arguments: external.arguments, takesTerminal: true,
                                                        purpose: ExternalEdit.purpose), exitStatus: 0)
        #expect(journal.all.isEmpty)
        app.press("ctrl-a")
        for _ in 0..<5 { app.press("right") }
        app.press("delete")
        _ = app.handle(.key(.char("狗")))
        #expect(journal.all.isEmpty)
        app.press("ctrl-s")
        #expect(journal.all.map(\.decision) == [.edit(.turns([1: "图中有一只狗在桌子上。"]), note: nil)])
        #expect(app.state.message?.text.hasPrefix("saved") == true)
        app.press("esc")
        #expect(app.state.mode == .reading)
        let screen = app.render(width: 80, height: 24).rows.joined(separator: "\n")
        #expect(screen.contains("图中有一只狗在桌子上。"))
        #expect(!screen.contains("图中有一只猫在桌子上。"))
    }

    @Test func theTerminalCursorSitsAtTheInsertionPoint() {
        let (app, _) = app()
        app.press("e")
        let grid = app.render(width: 80, height: 24)
        guard let cursor = grid.cursor else { Issue.record("no cursor"); return }
        // End of "图中有一只猫在桌子上。" (11 wide characters) after the 2-column indent.
        #expect(cursor.column == 2 + 22)
        #expect(grid.rows[cursor.row].contains("图中有一只猫在桌子上。"))
    }

    @Test func pasteGoesInLiterallyAndCancelAsks() {
        let (app, journal) = app()
        app.press("e")
        _ = app.handle(.paste("q\na"))
        guard case .editing(let editing) = app.state.mode else { Issue.record("left the editor"); return }
        #expect(editing.session?.editor.text.hasSuffix("q\na") == true)
        app.press("esc")
        guard case .editing(let asking) = app.state.mode else { Issue.record("left without asking"); return }
        #expect(asking.session?.pending == .discardChanges)
        _ = app.handle(.key(.char("y")))
        #expect(app.state.mode == .reading)
        #expect(journal.all.isEmpty)
    }

    @Test func deleteTurnPairIsJournalledAsAConversationEdit() {
        let (app, journal) = app()
        app.press("e", "alt-d")
        _ = app.handle(.key(.char("y")))
        #expect(journal.all.map(\.decision) == [.edit(.conversation([]), note: nil)])
    }

    @Test func diffToggleShowsTheChange() {
        let (app, _) = app()
        app.press("e", "backspace", "ctrl-s", "esc", "d")
        let rows = app.render(width: 80, height: 24).rows.joined(separator: "\n")
        #expect(rows.contains("diff · inline"))
        #expect(rows.contains("图中有一只猫在桌子上。"))  // the deleted "。" is still shown, marked
        app.press("d")
        #expect(app.render(width: 80, height: 24).rows.joined().contains("side by side"))
        app.press("d")
        #expect(app.state.diffMode == nil)
    }

    @Test func externalEditorFromReadingJournalsOnlyAChange() throws {
        let (app, journal) = app()
        guard case .runExternal(let program) = app.press("E") else { Issue.record("no external program"); return }
        #expect(program.purpose == ExternalEdit.purpose)
        #expect(program.takesTerminal)
        guard let path = program.arguments.last else { return }
        // The stand-in "editor": rewrite the file, ending it with a newline as editors do.
        let original = try String(contentsOfFile: path, encoding: .utf8)
        try (original.replacingOccurrences(of: "猫", with: "狗") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        _ = app.externalProgramFinished(program, exitStatus: 0)
        #expect(app.state.mode == .reading)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(original == "图中有一只猫在桌子上。")  // the first answer, as written
        #expect(journal.all.map(\.decision) == [.edit(.turns([1: "图中有一只狗在桌子上。"]), note: nil)])
        #expect(app.state.message?.text.hasPrefix("saved") == true)
        // Unchanged: no entry.
        guard case .runExternal(let again) = app.press("E"), let p2 = again.arguments.last else { return }
        _ = app.externalProgramFinished(again, exitStatus: 0)
        #expect(journal.all.count == 1)
        #expect(app.state.message == .info(.editorChangedNothing))
        #expect(!FileManager.default.fileExists(atPath: p2))
    }
}

@Suite struct EditorWithoutScratchFilesTests {
    /// A shell that gives no scratch files gets a message, not a crash or a stuck mode.
    @Test func externalEditorWithoutScratchFilesSaysSo() {
        let source = FakeSource(samples: [makeSample(0, gpt: "图中有一只猫在桌子上。")])
        let (keymap, _) = KeymapLoader.load(base: "default", userFile: nil)
        let app = ReviewApp(source: source, journal: EditingJournal(), keymap: keymap, options: ReviewOptions(theme: .monochrome))
        _ = app.handle(.resize(width: 80, height: 24))
        #expect(app.press("E") == .redraw)
        #expect(app.state.mode == .reading)
        #expect(app.state.message?.text.contains("no external editor here") == true)
    }
}
