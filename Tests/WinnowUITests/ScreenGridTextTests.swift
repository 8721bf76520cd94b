import Foundation
import Testing
import WinnowCore
@testable import WinnowUI

/// The grid as one string, rows joined by newlines, trailing spaces kept off.
func screen(_ grid: ScreenGrid) -> String { grid.trimmedRows.joined(separator: "\n") }

@Suite struct ScreenGridTextTests {
    @Test func cjkEmojiAndMixedRows() {
        var g = ScreenGrid(width: 12, height: 4)
        g.write("中文ABC字", row: 0, column: 0)
        g.write("😀x😀", row: 1, column: 1)
        g.write("a图b", row: 2, column: 3)
        g.write("東京タワー", row: 3, column: 0)
        #expect(screen(g) == """
        中文ABC字
         😀x😀
           a图b
        東京タワー
        """)
        #expect(g[0, 0].width == 2 && g[0, 1].width == 0 && g[0, 4].text == "A")
        #expect(g[1, 1].text == "😀" && g[1, 2].width == 0 && g[1, 3].text == "x")
    }

    @Test func wideGlyphNeverStraddlesTheRightEdge() {
        var g = ScreenGrid(width: 5, height: 1)
        let used = g.write("ab中文", row: 0, column: 0)
        #expect(used == 4)
        #expect(g.rows == ["ab中 "])
        var h = ScreenGrid(width: 5, height: 1)
        h.write("abcd中", row: 0, column: 0)
        #expect(h.rows == ["abcd "])
    }

    @Test func clipsToMaxWidth() {
        var g = ScreenGrid(width: 10, height: 1)
        g.write("一二三四五", row: 0, column: 0, maxWidth: 5)
        #expect(g.rows == ["一二      "])
    }

    @Test func hostileTextIsDrawnAsPlaceholders() {
        var g = ScreenGrid(width: 30, height: 1)
        g.write("a\u{1B}[2J\u{202E}b\u{7}", row: 0, column: 0)
        #expect(g.trimmedRows == ["a␛[2J<U+202E>b␇"])
        #expect(g[0, 1].style.attributes.contains(.dim))
        for c in 0..<30 {
            for s in g[0, c].text.unicodeScalars {
                #expect(s.value >= 0x20 && !(0x7F..<0xA0).contains(s.value) && s.value != 0x202E)
            }
        }
    }

    @Test func rawPutOfAControlIsReplaced() {
        var g = ScreenGrid(width: 3, height: 1)
        g.put("\u{1B}", width: 1, row: 0, column: 0)
        g.put("a\u{202E}", width: 1, row: 0, column: 1)
        #expect(g.rows == ["\u{FFFD}\u{FFFD} "])
    }

    @Test func spansStyleMatches() {
        let text = "找到沙发了"
        guard let r = text.range(of: "沙发") else { return }
        var g = ScreenGrid(width: 12, height: 1)
        let hi = CellStyle(attributes: .reverse)
        g.write(text, row: 0, column: 0, spans: [StyledSpan(range: r, style: hi)])
        #expect(g[0, 4].style == hi && g[0, 6].style == hi)
        #expect(g[0, 2].style == .plain && g[0, 8].style == .plain)
    }

    /// Wrapped Chinese dialogue drawn into a 40-column grid: every row fits, nothing split.
    @Test func wrappedDialogueAt40Columns() {
        let text = "图片中有一只白色的猫，它正趴在窗台上晒太阳。窗外可以看到一棵大树和蓝天白云。"
        var g = ScreenGrid(width: 40, height: 2)
        for (i, line) in TextWrapper.wrap(text, width: 40).enumerated() {
            g.write(text[line.range], row: i, column: 0)
        }
        #expect(screen(g) == """
        图片中有一只白色的猫，它正趴在窗台上晒太
        阳。窗外可以看到一棵大树和蓝天白云。
        """)
    }
}

@Suite struct ReviewScreenTests {
    let sample = makeSample(0, id: "cat-1", human: "<image>\n图片里有什么？", gpt: "图片中有一只猫😀。", image: nil,
                            extra: [JSONMember(key: "source", value: .string("coco"))])

    @Test func wholeScreenAt80x24() {
        let (app, _, _) = makeApp(samples: [sample, makeSample(1)])
        let g = app.render(width: 80, height: 24)
        let rows = g.trimmedRows
        #expect(rows[0].hasPrefix(" test.json  1 / 2  #0  id cat-1  conversation"))
        #expect(rows[0].hasSuffix("UNDECIDED"))
        #expect(rows[1].hasSuffix(" 0/2 decided (0%)"))
        #expect(Array(rows[2...13]) == [
            " id: cat-1",
            " image: none",
            " turns: 2 (human 1, gpt 1)",
            " chars: human 15, gpt 9",
            " type: conversation (field)                                       … +2 (M shows)",
            " dialogue · lines 1-6 of 6 · all",
            "▍human  turn 1/2 · 15 chars",
            "  <image>",
            "  图片里有什么？",
            "",
            "▍gpt  turn 2/2 · 9 chars",
            "  图片中有一只猫😀。",
        ])
        // Movement first, help pinned at the right; hints that do not fit dropped from the right.
        #expect(rows[23] == " → next  a accept  x reject  space skip  u undo  e edit  / search        ? help")
    }

    @Test func sideBySideWhenWide() {
        let (app, _, _) = makeApp(samples: [sample])
        let g = app.render(width: 160, height: 40)
        let rows = g.trimmedRows
        let split = 160 - min(64, max(40, 160 * 3 / 10)) - 1
        #expect(rows[2].hasPrefix(" dialogue"))
        #expect(g[3, split].text == "│")
        #expect(rows[2].contains("│ metadata"))
        #expect(rows[3].hasSuffix("│ id: cat-1"))
        #expect(rows[3].hasPrefix("▍human"))
    }

    @Test func tooSmallShowsAMessageAndRecovers() {
        let (app, _, _) = makeApp(samples: [sample])
        let small = app.render(width: 30, height: 8)
        #expect(small.trimmedRows[0] == "Terminal too small:")
        let back = app.render(width: 80, height: 24)
        #expect(back.trimmedRows[0].contains("test.json"))
    }

    @Test func monochromeUsesAttributesOnly() {
        let (app, _, _) = makeApp(samples: [sample], options: ReviewOptions(theme: Theme.forEnvironment(["NO_COLOR": "1"])))
        let g = app.render(width: 100, height: 30)
        for r in 0..<g.height {
            for c in 0..<g.width {
                #expect(g[r, c].style.foreground == .default && g[r, c].style.background == .default)
            }
        }
        #expect(g[0, 1].style.attributes.contains(.reverse))
        let (colored, _, _) = makeApp(samples: [sample], options: ReviewOptions(theme: .color))
        #expect(colored.render(width: 100, height: 30)[0, 1].style.background != .default)
    }

    @Test func imageMarkerAndSearchMatchesAreHighlighted() {
        let (app, _, _) = makeApp(samples: [sample])
        app.state.searchPhrase = "一只猫"
        let g = app.render(width: 80, height: 24)
        let t = Theme.monochrome
        // "  <image>" on row 9, "  图片中有一只猫😀。" on row 13.
        #expect(g[9, 2].style == t.imageMarker && g[9, 8].style == t.imageMarker)
        #expect(g[13, 2].style == .plain)
        #expect(g[13, 10].style == t.match && g[13, 14].style == t.match && g[13, 16].style == .plain)
        app.state.searchMatch = 0
        let h = app.render(width: 80, height: 24)
        #expect(h[13, 10].style == t.currentMatch)
    }

    @Test func positionIndicatorAndScrollBar() {
        let long = (1...100).map { "第\($0)行" }.joined(separator: "\n")
        let (app, _, _) = makeApp(samples: [makeSample(0, gpt: long)])
        app.state.showMetadata = false
        var g = app.render(width: 80, height: 24)
        #expect(g.trimmedRows[2] == " dialogue · lines 1-19 of 105 · top")
        app.press("pgdn")
        g = app.render(width: 80, height: 24)
        #expect(g.trimmedRows[2].hasPrefix(" dialogue · lines 19-37 of 105 · "))
        #expect(g[3, 79].text == "│" || g[3, 79].text == "┃")
        app.press("b")
        g = app.render(width: 80, height: 24)
        #expect(g.trimmedRows[2] == " dialogue · lines 87-105 of 105 · end")
        #expect(g.trimmedRows[21].hasPrefix("  第100行  ") && g[21, 79].text == "┃")
    }

    @Test func promptShowsCursorAtWideText() {
        let (app, _, _) = makeApp(samples: [sample])
        app.press("/")
        app.type("东京")
        let g = app.render(width: 80, height: 24)
        #expect(g.trimmedRows[22] == "/东京")
        #expect(g.cursor == CursorPosition(row: 22, column: 5))
    }

    @Test func savedAppearsOnlyAfterTheJournalReturned() {
        let (app, _, j) = makeApp(samples: [sample, makeSample(1)])
        j?.failNext = true
        app.press("a")
        #expect(app.render(width: 80, height: 24).trimmedRows[22] == "NOT saved: /tmp/j: disk full")
        app.press("a")
        #expect(app.render(width: 80, height: 24).trimmedRows[22] == "saved: accepted #0")
        #expect(app.render(width: 80, height: 24).trimmedRows[1].contains("1/2 decided (50%)"))
    }
}
