import Testing
@testable import WinnowUI
import WinnowCore

@Suite struct EditorDiffViewTests {
    @Test func inlineDiffMarksDeletionsAndInsertionsWithAttributes() {
        var grid = ScreenGrid(width: 12, height: 2)
        DiffView.render(original: "东京塔很高", edited: "东京铁塔很高", mode: .inline,
                        into: &grid, row: 0, column: 0, width: 12, height: 2)
        #expect(grid.rows == ["东京铁塔很高", "            "])
        let inserted = grid[0, 4]
        #expect(inserted.text == "铁")
        #expect(inserted.style.attributes.contains(.underline))
        #expect(grid[0, 0].style.attributes.isEmpty)
    }

    @Test func deletionStyleIsVisibleWithoutColour() {
        var grid = ScreenGrid(width: 10, height: 1)
        DiffView.render(original: "猫狗", edited: "狗", mode: .inline, into: &grid, row: 0, column: 0,
                        width: 10, height: 1)
        #expect(grid.rows == ["猫狗      "])
        #expect(grid[0, 0].style.attributes.contains(.reverse))
    }

    @Test func sideBySideKeepsWideCharactersWhole() {
        // Each side is 5 columns: a wide character that would straddle moves to the next line.
        var grid = ScreenGrid(width: 11, height: 3)
        DiffView.render(original: "ab东京塔", edited: "ab东京铁塔", mode: .sideBySide,
                        into: &grid, row: 0, column: 0, width: 11, height: 3)
        #expect(grid.rows == ["ab东 │ab东 ",
                              "京塔 │京铁 ",
                              "     │塔   "])
    }

    @Test func changedLineBreakIsShown() {
        let lines = DiffView.lines(GraphemeDiff.diff("ab", "a\nb"), width: 10)
        #expect(lines.count == 2)
        #expect(String(lines[0].map(\.character)) == "a↵")
        #expect(lines[0][1].kind == .insert)
    }
}
