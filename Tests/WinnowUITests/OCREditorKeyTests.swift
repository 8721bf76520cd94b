import Foundation
import Testing
import WinnowCore
@testable import WinnowUI

/// The editor's OCR key, as a key script: the pane stays in view while editing, ctrl-o puts
/// the selected OCR line in place of the quote at the cursor (or at the cursor), and the
/// edit is saved to the journal.
@Suite struct OCREditorKeyTests {
    @Test func ctrlOReplacesTheQuoteAtTheCursorThenInsertsAtTheCursor() throws {
        let journal = FakeJournal()
        try OCRFixture.withApp(width: 80, height: 24, journal: journal) { app, ocr, path in
            app.press("O")
            OCRFixture.deliver(app, ocr, path: path)
            app.press("e")
            guard case .editing(let editing) = app.state.mode else { Issue.record("not editing"); return }
            #expect(editing.session?.turnIndex == 1)
            var rows = app.render(width: 80, height: 24).trimmedRows
            #expect(rows.contains { $0.hasPrefix(" OCR · 4 lines · alt-k alt-j line") })
            #expect(rows.contains { $0.hasPrefix("▸ 鑫源水果店") })
            // Into the first quote: 招牌上写着“鑫 — six characters from the start.
            app.press("ctrl-home", "right", "right", "right", "right", "right", "right", "right")
            rows = app.render(width: 80, height: 24).trimmedRows
            #expect(rows.contains { $0.hasPrefix(" quote 1/3 near") })
            app.press("ctrl-o")
            #expect(session(app)?.editor.text == "招牌上写着“鑫源水果店”，门口挂着“营业中”和“欢迎光临”。")
            #expect(app.render(width: 80, height: 24).trimmedRows.contains { $0.contains("replaced “鑫园水果店” with “鑫源水果店”") })
            // The second line, at the end of the text (no quote there).
            app.press("alt-j", "ctrl-end", "ctrl-o")
            #expect(session(app)?.editor.text == "招牌上写着“鑫源水果店”，门口挂着“营业中”和“欢迎光临”。营业时间 8:00-22:00")
            app.press("ctrl-s")
            let entry = try #require(journal.all.last)
            #expect(entry.decision == .edit(.turns([1: "招牌上写着“鑫源水果店”，门口挂着“营业中”和“欢迎光临”。营业时间 8:00-22:00"]), note: nil))
        }
    }

    @Test func thePaneCanBeHiddenWhileEditingAndTheEditorTakesTheRoom() throws {
        try OCRFixture.withApp(width: 80, height: 24) { app, ocr, path in
            app.press("O")
            OCRFixture.deliver(app, ocr, path: path)
            app.press("e")
            #expect(app.render(width: 80, height: 24).trimmedRows.contains { $0.hasPrefix(" OCR · ") })
            app.press("alt-o")
            #expect(!app.render(width: 80, height: 24).trimmedRows.contains { $0.hasPrefix(" OCR · ") })
            #expect(session(app)?.message == "OCR pane hidden")
        }
    }

    private func session(_ app: ReviewApp) -> EditorSession? {
        guard case .editing(let editing) = app.state.mode else { return nil }
        return editing.session
    }
}
