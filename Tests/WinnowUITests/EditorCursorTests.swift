import Testing
@testable import WinnowUI
import WinnowCore

@Suite struct EditorCursorTests {
    @Test func rightMovesOneCJKCharacter() {
        #expect(edit("東京|タワー", .move(.right)) == "東京タ|ワー")
        #expect(edit("東京|タワー", .move(.left)) == "東|京タワー")
    }

    @Test func insertAndBackspaceCJK() {
        #expect(edit("東京|タワー", .type("の")) == "東京の|タワー")
        #expect(edit("東京|タワー", .backspace) == "東|タワー")
        #expect(edit("東京|タワー", .delete) == "東京|ワー")
    }

    @Test func clustersAreNeverSplit() {
        let family = "👨\u{200D}👩\u{200D}👧"
        #expect(edit("a|\(family)b", .move(.right)) == "a\(family)|b")
        #expect(edit("a\(family)|b", .move(.left)) == "a|\(family)b")
        #expect(edit("a\(family)|b", .backspace) == "a|b")
        let eAcute = "e\u{0301}\u{0323}"
        #expect(edit("x|\(eAcute)y", .move(.right)) == "x\(eAcute)|y")
        #expect(edit("x\(eAcute)|y", .backspace) == "x|y")
        #expect(edit("🇯🇵|🇺🇸", .move(.left)) == "|🇯🇵🇺🇸")
        #expect(edit("a|\r\nb", .move(.right)) == "a\r\n|b")
        #expect(edit("a\r\n|b", .backspace) == "a|b")
    }

    @Test func typedCombiningMarkJoinsThePreviousCluster() {
        var e = TextEditor(markup: "e|x")
        e.type("\u{0301}")
        #expect(e.markup == "e\u{0301}|x")
        e.move(.left)
        #expect(e.markup == "|e\u{0301}x")
    }

    @Test func cursorRoundsUpWhenAnInsertJoinsTheNextCluster() {
        // A carriage return typed before a line feed makes one `\r\n` cluster.
        #expect(edit("a|\nb", .type("\r")) == "a\r\n|b")
    }

    @Test func homeAndEndOfScreenLine() {
        // Width 6: "東京タ" (6 columns) then "ワー" on the next screen line.
        #expect(edit("東京タワ|ー", width: 6, .move(.lineStart)) == "東京タ|ワー")
        #expect(edit("東|京タワー", width: 6, .move(.lineEnd)) == "東京|タワー")
        #expect(edit("東京タワ|ー", width: 6, .move(.lineEnd)) == "東京タワー|")
        #expect(edit("ab|c\ndef", .move(.lineEnd)) == "abc|\ndef")
    }

    @Test func endOfSoftLineWithRoomShowsAtTheLineEnd() {
        // Width 5: "東京" (4 columns) then "塔" does not fit (wide char at the wrap edge).
        var e = TextEditor(markup: "|東京塔大厦", width: 5)
        #expect(e.lineCount == 3)
        e.move(.lineEnd)
        #expect(e.markup == "東京|塔大厦")
        #expect(e.cursorPosition == CursorPosition(row: 0, column: 4))
        e.move(.right)
        #expect(e.cursorPosition == CursorPosition(row: 1, column: 2))
    }

    @Test func wideCharacterAtTheWrapEdgeMovesToTheNextLine() {
        let e = TextEditor(markup: "abcd東|", width: 5)
        #expect(e.lineCount == 2)
        #expect(e.cursorPosition == CursorPosition(row: 1, column: 2))
        let f = TextEditor(markup: "abcd|東", width: 5)
        #expect(f.cursorPosition == CursorPosition(row: 1, column: 0))
    }

    @Test func upAndDownKeepTheGoalColumnAcrossWrappedCJK() {
        // Width 8: "東京塔大" / "厦abc" / "東京塔大". (Ideographs only: kana such as ー
        // are kinsoku non-starters and would pull a character down with them.)
        let text = "東京塔大厦abc\n東京塔大"
        var e = TextEditor(text: text, width: 8, cursor: 0)
        #expect(e.lineCount == 3)
        e.move(.right); e.move(.right); e.move(.right)  // column 6
        #expect(e.cursorPosition == CursorPosition(row: 0, column: 6))
        e.move(.down)
        // "厦abc": 厦=0-1, a=2, b=3, c=4, end=5 -> the line end at column 5.
        #expect(e.cursorPosition.row == 1)
        #expect(e.cursorPosition.column == 5)
        e.move(.down)
        #expect(e.cursorPosition == CursorPosition(row: 2, column: 6))
        #expect(e.markup == "東京塔大厦abc\n東京塔|大")
        e.move(.up); e.move(.up)
        #expect(e.cursorPosition == CursorPosition(row: 0, column: 6))
    }

    @Test func goalColumnInsideAWideCharacterLandsBeforeIt() {
        var e = TextEditor(markup: "a|bc\n東京", width: 20)
        e.move(.down)
        #expect(e.markup == "abc\n|東京")
        e.move(.up)
        #expect(e.markup == "a|bc\n東京")
    }

    @Test func upFromFirstLineGoesToStartDownFromLastToEnd() {
        #expect(edit("ab|c\nd", .move(.up)) == "|abc\nd")
        #expect(edit("abc\n|d", .move(.down)) == "abc\nd|")
    }

    @Test func wordMovesLatinAndCJK() {
        #expect(edit("|hello world", .move(.wordRight)) == "hello |world")
        #expect(edit("hello |world", .move(.wordRight)) == "hello world|")
        #expect(edit("hello wor|ld", .move(.wordLeft)) == "hello |world")
        #expect(edit("hello |world", .move(.wordLeft)) == "|hello world")
        #expect(edit("|東京タワー", .move(.wordRight)) == "東|京タワー")
        #expect(edit("東京|タワー", .move(.wordLeft)) == "東|京タワー")
        #expect(edit("東京|, tower", .move(.wordRight)) == "東京, |tower")
        #expect(edit("图中|有 3 个人。", .move(.wordRight)) == "图中有 |3 个人。")
    }

    @Test func pageAndTextMoves() {
        let text = (0..<30).map { "line \($0)" }.joined(separator: "\n")
        var e = TextEditor(text: text, width: 40, cursor: 0)
        e.move(.pageDown, pageHeight: 10)
        #expect(e.cursorPosition.row == 9)
        e.move(.pageUp, pageHeight: 10)
        #expect(e.cursorPosition.row == 0)
        e.move(.textEnd)
        #expect(e.cursor == text.utf8.count)
        e.move(.textStart)
        #expect(e.cursor == 0)
    }
}

@Suite struct EditorKinsokuTests {
    @Test func editorLinesAreTheReadingViewsLines() {
        // The prolonged sound mark may not start a line: the wrapper pulls "ワ" down with it,
        // and the editor shows exactly those lines.
        let text = "東京タワーは高い。東京タワーは高い。"
        for width in [5, 6, 7, 9, 11] {
            let e = TextEditor(text: text, width: width)
            let reading = TextWrapper.wrap(text, width: width).map { String(text[$0.range]) }
            let editor = e.layout.lines.map { line in String(text[e.index(line.start)..<e.index(line.end)]) }
            #expect(editor == reading, "width \(width)")
        }
    }

    @Test func movingRightAcrossAKinsokuBreak() {
        var e = TextEditor(markup: "|東京タワー", width: 5)
        let rows = (0..<5).map { _ -> Int in e.move(.right); return e.cursorPosition.row }
        // Every step moves one cluster; the cursor never skips a character.
        #expect(e.markup == "東京タワー|")
        #expect(rows == rows.sorted())
    }
}
