import Testing
@testable import WinnowUI
import WinnowCore

@Suite struct EditorViewTests {
    @Test func rendersWrappedTextAndPlacesTheTerminalCursor() {
        var grid = ScreenGrid(width: 6, height: 3)
        let e = TextEditor(markup: "東京タワ|ー", width: 6)
        EditorView.render(e, scrollTop: 0, into: &grid, row: 0, column: 0, width: 6, height: 3)
        #expect(grid.rows == ["東京タ", "ワー  ", "      "])
        #expect(grid.cursor == CursorPosition(row: 1, column: 2))
    }

    @Test func controlCharactersAreShownVisibly() {
        var grid = ScreenGrid(width: 20, height: 1)
        let e = TextEditor(markup: "a\u{1B}b\u{7}\u{202E}c|", width: 20)
        EditorView.render(e, scrollTop: 0, into: &grid, row: 0, column: 0, width: 20, height: 1)
        #expect(grid.rows == ["a␛b␇<U+202E>c       "])
        #expect(grid[0, 1].style.attributes.contains(.dim))
        #expect(e.text == "a\u{1B}b\u{7}\u{202E}c")
        // The cursor sits after the placeholder's columns.
        #expect(grid.cursor == CursorPosition(row: 0, column: 13))
    }

    /// Issue 14: a tab goes to the next tab stop in the editor too, so a tab-aligned table
    /// keeps its columns while it is edited (as in the reading view).
    @Test func tabsGoToTabStopsAndTheCursorFollows() {
        var grid = ScreenGrid(width: 16, height: 2)
        var e = TextEditor(markup: "a\tb|\n中\tx", width: 16)
        EditorView.render(e, scrollTop: 0, into: &grid, row: 0, column: 0, width: 16, height: 2)
        #expect(grid.rows == ["a   b           ", "中  x           "])
        #expect(grid.cursor == CursorPosition(row: 0, column: 5))
        // Down from column 5 lands after the x (columns 4-5), not inside the tab.
        e.move(.down)
        EditorView.render(e, scrollTop: 0, into: &grid, row: 0, column: 0, width: 16, height: 2)
        #expect(grid.cursor == CursorPosition(row: 1, column: 5))
        // The layout measures the same widths as the drawing.
        #expect(e.layout.lines.map(\.width) == [5, 5])
    }

    @Test func scrollingKeepsTheCursorVisible() {
        let text = (1...50).map { "第\($0)行" }.joined(separator: "\n")
        var session = EditorSession(sampleIndex: 7, turns: [Turn(role: .gpt, roleName: "gpt", text: text)])
        #expect(session != nil)
        guard var s = session else { return }
        s.fit(width: 20, height: 10)
        var grid = ScreenGrid(width: 20, height: 10)
        s.render(into: &grid, row: 0, column: 0, width: 20, height: 10)
        // The cursor starts at the end: the last line is visible on the last text row.
        #expect(grid.rows[8].hasPrefix("第50行"))
        #expect(grid.cursor == CursorPosition(row: 8, column: 6))  // 第 5 0 行 = 2+1+1+2
        _ = s.perform(.cursorTextStart)
        s.fit(width: 20, height: 10)
        grid = ScreenGrid(width: 20, height: 10)
        s.render(into: &grid, row: 0, column: 0, width: 20, height: 10)
        #expect(grid.rows[1].hasPrefix("第1行"))
        #expect(grid.cursor == CursorPosition(row: 1, column: 0))
        session = s
    }

    @Test func cursorAtTheEndOfAFullLineStaysInsideTheRect() {
        var grid = ScreenGrid(width: 4, height: 2)
        let e = TextEditor(markup: "東京|\nx", width: 4)
        EditorView.render(e, scrollTop: 0, into: &grid, row: 0, column: 0, width: 4, height: 2)
        #expect(grid.cursor == CursorPosition(row: 0, column: 3))
    }
}
