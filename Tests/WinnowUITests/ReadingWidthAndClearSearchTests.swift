import Foundation
import Testing
import WinnowCore
@testable import WinnowUI

/// The reading-width cap on wide terminals (shared with the editor) and Esc clearing a
/// search highlight.
@Suite struct ReadingWidthAndClearSearchTests {
    /// 240 Chinese characters without punctuation, so no mark hangs past the measure.
    static let long = String(repeating: "天地玄黄宇宙洪荒日月盈昃辰宿列张", count: 15)

    /// The rows of `grid` that show part of `long` in the first `paneWidth` columns, trimmed.
    func textLines(_ grid: ScreenGrid, paneWidth: Int) -> [String] {
        let chars = Set(Self.long)
        return (0..<grid.height).compactMap { r -> String? in
            // By columns, not characters: a wide character's continuation cell is empty.
            let row = (0..<min(paneWidth, grid.width)).map { grid[r, $0].text }.joined()
            let trimmed = row.trimmingCharacters(in: .whitespaces)
            guard let first = trimmed.first, chars.contains(first) else { return nil }
            return trimmed
        }
    }

    @Test func wideTerminalsWrapTheDialogueAtTheReadingMeasure() {
        for (width, height) in [(300, 80), (200, 50)] {
            let (app, _, _) = makeApp(samples: [makeSample(0, gpt: Self.long)], width: width, height: height)
            let grid = app.render(width: width, height: height)
            guard let pane = app.screenLayout()?.dialogue else { Issue.record("no layout"); return }
            // The pane keeps its width (the metadata still starts beside it) ...
            #expect(pane.width == width - min(64, max(40, width * 3 / 10)) - 1)
            #expect(grid[2, pane.width].text == "│")
            #expect(grid.trimmedRows[2].hasSuffix("│ metadata"))
            // ... but its text runs to the cap, no further: 50 Chinese characters a line.
            let lines = textLines(grid, paneWidth: pane.width)
            #expect(lines.count == 5, "\(width)x\(height): \(lines)")
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= DialogueLayout.maxTextWidth })
            #expect(lines.first.map(DisplayWidth.of) == DialogueLayout.maxTextWidth)
            #expect(lines.joined() == Self.long)
        }
    }

    @Test func eightyColumnsAreUnchanged() {
        let (app, _, _) = makeApp(samples: [makeSample(0, gpt: Self.long)])
        let lines = textLines(app.render(width: 80, height: 24), paneWidth: 80)
        // 80 - scroll bar - indent - hanging room = 75 columns: 37 Chinese characters.
        #expect(lines.first?.count == 37)
        #expect(lines.joined() == Self.long)
        #expect(DialogueLayout.textWidth(forLayoutWidth: 79) == 75)
    }

    @Test func theEditorWrapsLikeTheReadingViewAt300Columns() throws {
        let (app, _, _) = makeApp(samples: [makeSample(0, gpt: Self.long)], width: 300, height: 80)
        let pane = try #require(app.screenLayout()?.dialogue)
        let reading = textLines(app.render(width: 300, height: 80), paneWidth: pane.width)
        app.press("e")
        guard case .editing = app.state.mode else { Issue.record("editor not open"); return }
        let grid = app.render(width: 300, height: 80)
        let editing = textLines(grid, paneWidth: pane.width)
        #expect(editing == reading)
        #expect(editing.count == 5)
        #expect(ReviewApp.turnTextWidth(paneWidth: pane.width) == DialogueLayout.maxTextWidth)
        // The cursor (end of the answer) is after the last line's 40 characters, on its row.
        let cursor = try #require(grid.cursor)
        #expect(cursor.column == DialogueLayout.indent + 80)
        #expect(grid.rows[cursor.row].contains(try #require(editing.last)))
        // Moving up a line lands on the reading view's fourth line, same column.
        app.press("up")
        let up = try #require(app.render(width: 300, height: 80).cursor)
        let fourth = try #require(editing.dropFirst(3).first)
        let fourthRow = try #require(grid.rows.firstIndex { $0.contains(fourth) })
        #expect(up.row == fourthRow)
        #expect(up.column == DialogueLayout.indent + 80)
    }

    @Test func escClearsTheSearchHighlightAndIsSilentWithoutOne() throws {
        let (app, _, _) = makeApp(samples: [makeSample(0)])   // gpt: 图片中有一只猫。
        app.press("/")
        app.type("猫")
        app.press("enter")
        func catCell(_ grid: ScreenGrid) -> Cell? {
            for (r, row) in grid.rows.enumerated() where row.contains("图片中有一只猫") {
                let col = DialogueLayout.indent + DisplayWidth.of("图片中有一只")
                return grid[r, col]
            }
            return nil
        }
        let found = try #require(catCell(app.render(width: 80, height: 24)))
        #expect(found.style.attributes.contains(.reverse))
        #expect(app.state.searchPhrase == "猫")

        app.press("esc")
        #expect(app.state.mode == .reading)
        #expect(app.state.searchPhrase == nil)
        #expect(app.state.message?.text == "search cleared")
        let grid = app.render(width: 80, height: 24)
        let cleared = try #require(catCell(grid))
        #expect(!cleared.style.attributes.contains(.reverse))
        #expect(grid.rows[grid.rows.count - 2].contains("search cleared"))
        #expect(!grid.rows[1].contains("search: 猫"))

        // Nothing to clear: Esc only clears the message row, without a word.
        app.press("esc")
        #expect(app.state.message == nil)
        // `n` afterwards has no search to repeat.
        app.press("n")
        #expect(app.state.message?.text.hasPrefix("no search yet") == true)
    }

    @Test func clearSearchIsARegisteredCommandEscRunsInTheReadingView() {
        #expect(Command(name: "clear-search")?.contexts.contains(.review) == true)
        let (keymap, problems) = KeymapLoader.load(base: "default", userFile: nil)
        #expect(problems.isEmpty)
        let esc = KeyPress.named(.escape)
        #expect(keymap.command(for: esc, in: .review) == .clearSearch)
        for base in ["vim", "emacs"] {
            let (k, p) = KeymapLoader.load(base: base, userFile: nil)
            #expect(p.isEmpty)
            #expect(k.command(for: esc, in: .review) == .clearSearch)
            // The prompt keeps Esc as cancel.
            #expect(k.command(for: esc, in: .prompt) == .promptCancel)
        }
    }
}
