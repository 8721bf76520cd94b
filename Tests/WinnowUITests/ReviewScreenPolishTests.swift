import Testing
import WinnowCore
@testable import WinnowUI

/// Screen-grid checks of rough edges found by using the review screen in tmux.
@Suite struct ReviewScreenPolishTests {
    let five = (0..<5).map { makeSample($0) }

    @Test func reasonPickerIsABorderedBoxWithAVisibleSelectionInMonochrome() {
        let (app, _, _) = makeApp(samples: five)             // monochrome theme
        app.press("x", "down")
        let grid = app.render(width: 80, height: 24)
        let rows = grid.trimmedRows
        guard let top = rows.firstIndex(where: { $0.contains("┌") && $0.contains("reject #0") }) else {
            Issue.record("no top border:\n\(rows.joined(separator: "\n"))"); return
        }
        #expect(rows[top + 1].contains("│ 1 [ ] hallucination"))
        #expect(rows.contains { $0.contains("└") && $0.contains("┘") })
        #expect(rows.contains { $0.contains("│ enter rejects as: (nothing ticked)") })   // nothing pre-selected
        // The highlighted reason (ocr-error) is reversed; its neighbours are not, so it
        // stands out even without colours.
        let left = rows[top].distance(from: rows[top].startIndex, to: rows[top].firstIndex(of: "┌")!)
        let selected = grid[top + 2, left + 3]
        let other = grid[top + 1, left + 3]
        #expect(selected.style.attributes.contains(.reverse))
        #expect(!other.style.attributes.contains(.reverse))
    }

    @Test func helpLinesCutAtTheEdgeEndInAnEllipsis() {
        let (app, _, _) = makeApp(samples: five, width: 60, height: 30)
        app.press("?")
        var rows: [String] = []
        for _ in 0..<6 {
            rows += app.render(width: 60, height: 30).trimmedRows
            app.press("pgdn")
        }
        // "show an edited sample as a diff …" is longer than 58 columns.
        #expect(rows.contains { $0.hasPrefix("   d, z d ") && $0.hasSuffix("…") })
        #expect(rows.allSatisfy { DisplayWidth.of($0) <= 60 })
    }

    @Test func headerCutsALongIdWithAnEllipsis() {
        let id = String(repeating: "长标识", count: 12)
        let (app, _, _) = makeApp(samples: [makeSample(0, id: id)], width: 80, height: 24)
        let header = app.render(width: 80, height: 24).trimmedRows[0]
        #expect(header.contains("id 长标识"))
        #expect(header.contains("…"))
        #expect(header.hasSuffix("UNDECIDED"))
    }

    @Test func imagePaneIsLargeEnoughToReadAt160x48() throws {
        let layout = try #require(ReviewLayout.make(width: 160, height: 48, showMetadata: true, metadataLines: 8,
                                                    wantsImage: true))
        let image = try #require(layout.image)
        #expect(image.width >= 60)
        #expect(image.height >= 30)
        // The metadata below keeps room for its lines.
        let meta = try #require(layout.metadata)
        #expect(meta.height >= 10)
        #expect(layout.dialogue.width >= 90)
        // At 300x80 the picture grows with the terminal.
        let big = try #require(ReviewLayout.make(width: 300, height: 80, showMetadata: true, metadataLines: 8,
                                                 wantsImage: true)?.image)
        #expect(big.width >= 100 && big.height >= 50)
    }

    @Test func aMissingImageGetsNoPaneOnlyAMetadataFlag() {
        let (app, _, _) = makeApp(samples: [makeSample(0, image: "nowhere/x.jpg")])
        let images = FakeImages()
        app.imageProvider = images
        let rows = app.render(width: 160, height: 48).trimmedRows
        #expect(images.asked.isEmpty)
        #expect(!rows.contains { $0.hasSuffix("│ image") })
        #expect(rows.contains { $0.contains("image: nowhere/x.jpg (MISSING)") })
        // The metadata starts at the top of the side pane.
        #expect(rows[2].hasSuffix("│ metadata"))
    }

    @Test func statusLineAndStackedMetadataEndInAnEllipsisWhenCut() {
        let path = "images/" + String(repeating: "很长的目录名/", count: 12) + "x.jpg"
        let (app, _, _) = makeApp(samples: [makeSample(0, image: path)])
        app.state.searchPhrase = String(repeating: "搜索", count: 40)
        let rows = app.render(width: 80, height: 24).trimmedRows
        #expect(rows[1].hasSuffix("…"), "status: \(rows[1])")
        #expect(rows[3].hasPrefix(" image: images/很长的目录名") && rows[3].hasSuffix("…"), "meta: \(rows[3])")
    }

    @Test func tooSmallSaysHowToQuitEvenAt20x5() {
        let (app, _, _) = makeApp(samples: five)
        let rows = app.render(width: 20, height: 5).trimmedRows
        #expect(rows == ["Terminal too small:", "20x5, need", "40x10.", "q quits.", ""])
        // Degenerate sizes draw what fits and never trap.
        #expect(app.render(width: 1, height: 1).trimmedRows == ["…"])
        #expect(app.render(width: 5, height: 3).trimmedRows == ["Term…", "5x3,…", "40x1…"])
    }

    @Test func markdownHeadingsAndBoldAreEmphasisedButKeptVerbatim() throws {
        let answer = "### 图片概述\n1. **光线**：明亮，a ** b 不配对\n正文"
        let (app, _, _) = makeApp(samples: [makeSample(0, gpt: answer)])
        let grid = app.render(width: 80, height: 24)
        let rows = grid.trimmedRows
        let heading = try #require(rows.firstIndex(of: "  ### 图片概述"))
        let item = try #require(rows.firstIndex(of: "  1. **光线**：明亮，a ** b 不配对"))
        #expect(rows.contains("  正文"))
        #expect(grid[heading, 2].style.attributes.contains(.dim))        // #
        #expect(grid[heading, 6].style.attributes.contains(.bold))       // 图
        #expect(grid[item, 5].style.attributes.contains(.dim))           // *
        #expect(grid[item, 7].style.attributes.contains(.bold))          // 光
        #expect(!grid[item, 13].style.attributes.contains(.bold))        // ：
        #expect(!grid[item, 23].style.attributes.contains(.dim))         // the unpaired **
        let plain = try #require(rows.firstIndex(of: "  正文"))
        #expect(grid[plain, 2].style == .plain)
    }

    @Test func markdownScanFindsPairsPerLine() {
        let text = "**a** x **b**\n**c\nd**\n# h\n#nospace"
        let e = MarkdownEmphasis(text)
        #expect(e.strong.map { String(text[$0]) } == ["a", "b", "h"])
        #expect(e.markup.map { String(text[$0]) } == ["**", "**", "**", "**", "#"])
    }

    @Test func thePickerStaysInViewWhileItsNoteIsTyped() {
        let (app, _, _) = makeApp(samples: five)
        app.press("x", "2", "n")
        app.type("字幕错了")
        let rows = app.render(width: 80, height: 24).trimmedRows
        #expect(rows.contains { $0.contains("│ 2 [x] ocr-error") })
        #expect(rows[22].hasPrefix("reject note: 字幕错了"))
    }

    @Test func diffOnASampleWithoutAnEditSaysSo() {
        let (app, _, _) = makeApp(samples: five)
        app.press("d")
        #expect(app.state.message?.text == "diff: inline (shown on edited samples; this one has no edit)")
        app.press("d", "d")
        #expect(app.state.message?.text == "diff: off")
    }

    @Test func narrowHeaderKeepsPositionAndIdOverTheFileName() {
        let (app, _, _) = makeApp(samples: (0..<34).map { makeSample($0, id: "demo-\($0)") })
        app.press("end")
        let header = app.render(width: 40, height: 10).trimmedRows[0]
        #expect(header == " 34 / 34  #33  id demo-33    UNDECIDED", "header: \(header)")
        // From 60 columns the file name is back.
        #expect(app.render(width: 60, height: 20).trimmedRows[0].hasPrefix(" test.json  34 / 34  #33  id demo-33"))
    }

    @Test func aNewSearchFindsTheMatchInTheSampleBeingReadFirst() {
        var samples = five
        samples[0] = makeSample(0, gpt: "招牌上写着店名。")
        samples[2] = makeSample(2, gpt: "另一块招牌。")
        let (app, _, _) = makeApp(samples: samples)
        app.press("/"); app.type("招牌"); app.press("enter")
        #expect(app.state.currentIndex == 0)
        #expect(app.state.message?.text == "found \"招牌\" in this sample (#0): match 1 of 1")
        // The match is drawn as the current one.
        let rows = app.render(width: 80, height: 24).trimmedRows
        #expect(rows.contains("  招牌上写着店名。"))
        app.press("n")                                 // then on to the next sample
        #expect(app.state.currentIndex == 2)
    }

    @Test func progressShowsTenthsBelowTenPercent() {
        #expect(StatusView.percentText(0, of: 641_868) == "0%")
        #expect(StatusView.percentText(7, of: 641_868) == "<0.1%")
        #expect(StatusView.percentText(2_000, of: 641_868) == "0.3%")
        #expect(StatusView.percentText(1, of: 2) == "50%")
        #expect(StatusView.percentText(5, of: 0) == "0%")
    }

    @Test func anUnboundEscSaysNothingButClearsTheMessage() {
        let (app, _, _) = makeApp(samples: five)
        app.press("Z")
        #expect(app.state.message != nil)
        app.press("esc")
        #expect(app.state.message == nil)
        #expect(app.state.mode == .reading)
    }

    @Test func anEditorThatCannotStartIsNamedAsSuch() {
        #expect(ExternalEditError.editorFailed(command: "/nonexistent/ed", status: 127).description
                == "could not run /nonexistent/ed (set $VISUAL or $EDITOR); the turn is unchanged")
        #expect(ExternalEditError.editorFailed(command: "false", status: 1).description
                == "false exited with status 1; the turn is unchanged")
    }

    @Test func anEmptyAnswerIsMarkedNotJustAGap() {
        let (app, _, _) = makeApp(samples: [makeSample(0, gpt: ""), makeSample(1, gpt: " \n ")])
        var rows = app.render(width: 80, height: 24).trimmedRows
        let label = rows.firstIndex { $0.hasPrefix("▍gpt") } ?? 0
        #expect(rows[label + 1] == "  (empty)")
        app.press("l")
        rows = app.render(width: 80, height: 24).trimmedRows
        #expect(rows.contains("  (only whitespace)"))
    }

    @Test func anUnboundKeyInTheEditorIsNamed() {
        let (app, _, _) = makeApp(samples: five)
        app.press("e", "f5")
        let rows = app.render(width: 80, height: 24).trimmedRows
        #expect(rows.contains { $0.contains("f5 is not bound in the editor") })
    }

    @Test func theSearchPromptShowsTheKeyThatOpenedIt() {
        let (app, _, _) = makeApp(samples: five)
        app.press("\\"); app.type("猫")
        #expect(app.render(width: 80, height: 24).trimmedRows[22] == "\\猫")
        app.press("esc", "/"); app.type("狗")
        #expect(app.render(width: 80, height: 24).trimmedRows[22] == "/狗")
    }

    @Test func aSampleWithoutTurnsSaysSo() {
        var empty = makeSample(0)
        empty.turns = []
        let (app, _, _) = makeApp(samples: [empty])
        #expect(app.render(width: 80, height: 24).trimmedRows.contains("  (no turns: the conversation is empty)"))
    }

    @Test func keysTypedBlindWhileTooSmallDoNothingButQuit() {
        let (app, _, j) = makeApp(samples: five)
        _ = app.handle(.resize(width: 20, height: 5))
        app.press("a", "x", "space")
        #expect(j?.entries.isEmpty == true)
        #expect(app.state.mode == .reading)
        #expect(app.press("q") == .quit)
        // In the editor nothing typed blind reaches the draft.
        _ = app.handle(.resize(width: 80, height: 24))
        app.press("e")
        _ = app.handle(.resize(width: 20, height: 5))
        app.type("zz")
        _ = app.handle(.paste("粘贴"))
        #expect(app.render(width: 20, height: 5).trimmedRows[3] == "Enlarge it.")
        _ = app.handle(.resize(width: 80, height: 24))
        let rows = app.render(width: 80, height: 24).trimmedRows
        #expect(!rows.contains { $0.contains("zz") || $0.contains("粘贴") })
        #expect(!rows.contains { $0.contains("modified") })
    }

    @Test func togglingPanesSaysWhatHappened() {
        let (app, _, _) = makeApp(samples: five)
        app.imageProvider = FakeImages()
        // At 80 columns the pane was not shown: the first press shows it above the dialogue.
        app.press("I")
        #expect(app.state.message?.text == "image pane on, above the dialogue")
        app.press("I")
        #expect(app.state.message?.text == "image pane hidden")
        app.press("M")
        #expect(app.state.message?.text == "metadata expanded")
        app.press("M")
        #expect(app.state.message?.text == "metadata hidden (M shows it)")
    }

    @Test func anUnboundKeyInTheHelpSaysHowToCloseIt() {
        let (app, _, _) = makeApp(samples: five)
        app.press("?", "z")
        #expect(app.state.message?.text == "z is not bound in the help (esc closes it)")
    }
}
