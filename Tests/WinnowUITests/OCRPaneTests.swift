import Foundation
import Testing
import WinnowCore
@testable import WinnowUI

/// The OCR pane in the review screen, with a fake provider: placement at 80x24 and 200x50,
/// the quote highlights, the keys, and results arriving as events.
@Suite struct OCRPaneTests {
    @Test func paneBelowTheDialogueAt80x24() throws {
        try OCRFixture.withApp(width: 80, height: 24) { app, ocr, path in
            app.press("O")
            OCRFixture.deliver(app, ocr, path: path)
            let rows = app.render(width: 80, height: 24).trimmedRows
            #expect(rows == [
                " data.json  1 / 2  #0  id 000000  conversation                       UNDECIDED",
                "---------------- 0/2 decided (0%)",
                " id: 000000",
                " image: images/sign.jpg (20 B)",
                " turns: 2 (human 1, gpt 1)",
                " chars: human 16, gpt 30",
                " type: conversation (field)                                       … +1 (M shows)",
                " dialogue · lines 1-6 of 6 · all",
                "▍human  turn 1/2 · 16 chars",
                "  <image>",
                "  招牌上写着什么？",
                "",
                "▍gpt  turn 2/2 · 30 chars",
                "  招牌上写着“鑫园水果店”，门口挂着“营业中”和“欢迎光临”。",
                "",
                "",
                " OCR · 4 lines · ( ) line · ' quote",
                "▸ 鑫源水果店                                                                 95",
                "  营业时间 8:00-22:00                                                        71",
                "  电话                                                                       41",
                "  欢迎光临                                                                   93",
                " quote 1/3 near 鑫园水果店 → 鑫源水果店",
                "OCR pane on",
                " → next  a accept  x reject  space skip  u undo  e edit  / search        ? help",
            ])
        }
    }

    @Test func paneBesideTheDialogueAt200x50() throws {
        try OCRFixture.withApp(width: 200, height: 50) { app, ocr, path in
            app.press("O")
            OCRFixture.deliver(app, ocr, path: path)
            let rows = app.render(width: 200, height: 50).trimmedRows
            let blank = String(repeating: " ", count: 92) + "│" + String(repeating: " ", count: 46) + "│"
            #expect(Array(rows[2...13]) == [
                " dialogue · lines 1-6 of 6 · all                                                            │ OCR · 4 lines · ( ) line · ' quote           │ metadata",
                "▍human  turn 1/2 · 16 chars                                                                 │▸ 鑫源水果店                               95 │ id: 000000",
                "  <image>                                                                                   │  营业时间 8:00-22:00                      71 │ image: images/sign.jpg (20 B)",
                "  招牌上写着什么？                                                                          │  电话                                     41 │ turns: 2 (human 1, gpt 1)",
                "                                                                                            │  欢迎光临                                 93 │ chars: human 16, gpt 30",
                "▍gpt  turn 2/2 · 30 chars                                                                   │                                              │ type: conversation (field)",
                "  招牌上写着“鑫园水果店”，门口挂着“营业中”和“欢迎光临”。                                    │ quote 1/3 near                               │ decision: undecided",
                "                                                                                            │  quote 鑫园水果店                            │",
                "                                                                                            │  image 鑫源水果店                            │",
                blank, blank, blank,
            ])
            #expect(Array(rows[14...47]).allSatisfy { $0 == blank })
            #expect(rows[48] == "OCR pane on")
        }
    }

    @Test func theCacheIsAskedAlwaysTheEngineOnlyWithThePane() throws {
        try OCRFixture.withApp(width: 80, height: 24) { app, ocr, path in
            #expect(ocr.requests.map(\.read) == [false])
            #expect(ocr.requests.first?.path == path)
            ocr.queued = [.notCached(path: path)]
            #expect(app.tick() == .redraw)
            app.press("O")
            #expect(ocr.requests.map(\.read) == [false, true])
            // Asked again, for a reading this time: the pane says so until the engine starts.
            #expect(app.render(width: 80, height: 24).trimmedRows.contains(" looking in the OCR cache…"))
            ocr.queued = [.reading(path: path)]
            #expect(app.tick() == .redraw)
            #expect(app.render(width: 80, height: 24).trimmedRows.contains(" reading the image…"))
            OCRFixture.deliver(app, ocr, path: path)
            // Settled: the next sample's image is read ahead.
            _ = app.tick()
            #expect(ocr.requests.last?.read == true)
            #expect(ocr.requests.last?.path.hasSuffix("images/cat.jpg") == true)
            // A result for another image does not redraw.
            ocr.queued = [.finished(path: "/elsewhere.png", page: OCRPage(lines: []))]
            #expect(app.tick() == .none)
        }
    }

    @Test func nearAndNotFoundQuotesAreHighlightedFoundOnesAreNot() throws {
        try OCRFixture.withApp(width: 80, height: 24) { app, ocr, path in
            // From the cache alone, with the pane hidden.
            OCRFixture.deliver(app, ocr, path: path)
            let grid = app.render(width: 80, height: 24)
            let row = try #require(grid.trimmedRows.firstIndex { $0.contains("鑫园水果店") })
            func style(of character: Character) throws -> CellAttributes {
                let text = grid.trimmedRows[row]
                let i = try #require(text.firstIndex(of: character))
                return grid[row, DisplayWidth.of(text[..<i])].style.attributes
            }
            #expect(try style(of: "鑫") == [.bold, .underline])            // near
            #expect(try style(of: "营") == [.bold, .underline, .italic])   // not found
            #expect(try style(of: "欢") == [])                             // found
            #expect(try style(of: "招") == [])
            // With the pane shown, the quote it compares is reversed too.
            app.press("O")
            let shown = app.render(width: 80, height: 24)
            let r = try #require(shown.trimmedRows.firstIndex { $0.contains("鑫园水果店") })
            let text = shown.trimmedRows[r]
            let i = try #require(text.firstIndex(of: "鑫"))
            #expect(shown[r, DisplayWidth.of(text[..<i])].style.attributes == [.bold, .underline, .reverse])
        }
    }

    @Test func quoteKeysMoveTheFocusAndSelectTheMatchingLine() throws {
        try OCRFixture.withApp(width: 80, height: 24) { app, ocr, path in
            app.press("O")
            OCRFixture.deliver(app, ocr, path: path)
            app.press("'")
            var rows = app.render(width: 80, height: 24).trimmedRows
            #expect(rows.contains(" quote 2/3 not found in the image “营业中”"))
            app.press("'")
            rows = app.render(width: 80, height: 24).trimmedRows
            #expect(rows.contains(" quote 3/3 found “欢迎光临”"))
            #expect(app.state.ocr.selectedLine(in: path) == 3)
            #expect(rows.contains { $0.hasPrefix("▸ 欢迎光临") })
            app.press("`", "`")
            #expect(app.render(width: 80, height: 24).trimmedRows.contains { $0.hasPrefix(" quote 1/3 near") })
            #expect(app.state.ocr.selectedLine(in: path) == 0)
        }
    }

    @Test func lineKeysMoveTheSelectionWithinTheLines() throws {
        try OCRFixture.withApp(width: 80, height: 24) { app, ocr, path in
            OCRFixture.deliver(app, ocr, path: path)
            app.press(")")   // shows the pane too
            #expect(app.state.ocr.showPane)
            #expect(app.state.ocr.selectedLine(in: path) == 1)
            app.press(")", ")", ")", ")")
            #expect(app.state.ocr.selectedLine(in: path) == 3)
            #expect(app.render(width: 80, height: 24).trimmedRows.contains { $0.hasPrefix("▸ 欢迎光临") })
            app.press("(", "(", "(", "(", "(")
            #expect(app.state.ocr.selectedLine(in: path) == 0)
            // Another sample starts at its first line.
            #expect(app.state.ocr.selectedLine(in: "/other.jpg") == 0)
        }
    }

    @Test func aGiveUpIsSaidAndShown() throws {
        try OCRFixture.withApp(width: 80, height: 24) { app, ocr, path in
            app.press("O")
            ocr.queued = [.finished(path: path, page: OCRPage(lines: [], error: "gave up after 10 s", isRetryable: true))]
            #expect(app.tick() == .redraw)
            let rows = app.render(width: 80, height: 24).trimmedRows
            #expect(rows[22] == "OCR of sign.jpg: gave up after 10 s")
            #expect(rows.contains(" gave up after 10 s"))
        }
    }

    @Test func withoutAProviderTheKeySaysSo() {
        let (app, _, _) = makeApp(samples: [makeSample(0)])
        app.press("O")
        #expect(app.render(width: 80, height: 24).trimmedRows[22].hasPrefix("no OCR here"))
        #expect(!app.state.ocr.showPane)
    }

    @Test func everySizeFrom40x10DrawsWithoutTrapping() throws {
        try OCRFixture.withApp(width: 80, height: 24) { app, ocr, path in
            app.press("O")
            OCRFixture.deliver(app, ocr, path: path)
            for width in stride(from: 40, through: 220, by: 9) {
                for height in stride(from: 10, through: 60, by: 5) {
                    _ = app.handle(.resize(width: width, height: height))
                    let grid = app.render(width: width, height: height)
                    if width >= 80 && height >= 24 {
                        #expect(grid.trimmedRows.contains { $0.contains("OCR · 4 lines") }, "\(width)x\(height)")
                    }
                }
            }
        }
    }
}
