import Foundation
import Testing
import WinnowCore
@testable import WinnowUI

/// A provider that records what the app asks for (sizes and viewports) and draws `#` grids.
final class ZoomingFakeImages: ImagePreviewProvider, @unchecked Sendable {
    var previews: [(width: Int, height: Int, viewport: ImageViewport)] = []
    var fullViews: [(width: Int, height: Int, viewport: ImageViewport, caption: String)] = []
    func preview(path: String, width: Int, height: Int) -> ImagePreview {
        preview(path: path, width: width, height: height, viewport: .fit)
    }
    func preview(path: String, width: Int, height: Int, viewport: ImageViewport) -> ImagePreview {
        previews.append((width, height, viewport))
        var g = ScreenGrid(width: width, height: height)
        for r in 0..<height { for c in 0..<width { g.put("#", width: 1, row: r, column: c) } }
        return .ready(g)
    }
    func info(path: String) -> ImageFileInfo? {
        ImageFileInfo(format: "JPEG", pixelWidth: 640, pixelHeight: 480, byteSize: 5, problem: nil)
    }
    func fullScreen(path: String, width: Int, height: Int) -> [UInt8]? { Array("IMG".utf8) }
    func fullScreen(path: String, width: Int, height: Int, viewport: ImageViewport, caption: String) -> [UInt8]? {
        fullViews.append((width, height, viewport, caption))
        return Array("IMG \(width)x\(height) zoom \(viewport.zoom)".utf8)
    }
    func viewer(path: String) -> ExternalProgram { ExternalProgram(arguments: ["view", path], takesTerminal: false, purpose: "image") }
}

/// OCR lines for every image: the sign 东方书店 in a box at (400, 300).
final class FakeOCR: OCRLineLookup, @unchecked Sendable {
    var lines: [OCRLine]? = [
        OCRLine(text: "营业时间 9:00", box: OCRBox(x: 40, y: 40, width: 200, height: 30), confidence: 91),
        OCRLine(text: "东方书店", box: OCRBox(x: 400, y: 300, width: 160, height: 40), confidence: 95),
    ]
    func lines(forImageAt path: String) -> [OCRLine]? { lines }
}

@Suite struct ImageZoomScreenTests {
    static let answer = "招牌上写着“东方书店”，门口有两棵树。店里的书很多，大部分是中文书。"

    /// An app on a temporary folder holding `images/cat.jpg`, three CJK turns.
    func withApp(width: Int, height: Int, _ body: (ReviewApp, ZoomingFakeImages) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-zoom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("images"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("12345".utf8).write(to: dir.appendingPathComponent("images/cat.jpg"))
        var sample = makeSample(0, human: "<image>\n图片里的招牌写着什么？", gpt: Self.answer)
        sample.turns.append(Turn(role: .human, roleName: "human", text: "还有别的字吗？"))
        sample.turns.append(Turn(role: .gpt, roleName: "gpt", text: "左上角写着“营业时间”。"))
        let source = FakeSource(path: dir.appendingPathComponent("data.json").path, samples: [sample, makeSample(1), makeSample(2)])
        let (keymap, _) = KeymapLoader.load(base: "default", userFile: nil)
        let app = ReviewApp(source: source, journal: FakeJournal(), keymap: keymap, options: ReviewOptions(theme: .monochrome))
        let images = ZoomingFakeImages()
        app.imageProvider = images
        app.ocrLines = FakeOCR()
        _ = app.handle(.resize(width: width, height: height))
        try body(app, images)
    }

    func imageRows(_ app: ReviewApp) -> Rect? { app.screenLayout()?.image }

    @Test func at80x24ThePaneIsAStripAboveTheDialogue() throws {
        try withApp(width: 80, height: 24) { app, _ in
            #expect(imageRows(app) == nil)   // off below 140 columns until asked for
            app.press("I")
            #expect(app.state.message?.text == "image pane on, above the dialogue")
            let rows = app.render(width: 80, height: 24).trimmedRows
            let hashes = String(repeating: "#", count: 78)
            #expect(Array(rows[2...13]) == [
                " image",
                " " + hashes, " " + hashes, " " + hashes, " " + hashes, " " + hashes, " " + hashes,
                "",
                " id: 000000",
                " image: images/cat.jpg (5 B, JPEG 640x480)",
                " turns: 4 (human 2, gpt 2)                                        … +3 (M shows)",
                " dialogue · lines 1-8 of 12 · top",
            ])
            #expect(rows[14].hasPrefix("▍human  turn 1/4 · 19 chars"))
            #expect(rows[15].hasPrefix("  <image>"))
            #expect(rows[16].hasPrefix("  图片里的招牌写着什么？"))
            #expect(rows[18].hasPrefix("▍gpt  turn 2/4"))
            #expect(rows[19].hasPrefix("  招牌上写着“东方书店”，门口有两棵树。店里的书很多，大部分是中文书。"))
        }
    }

    @Test func layoutsFrom80x24To300x80() throws {
        for (w, h, arrangement) in [(80, 24, PaneLayout.Arrangement.stacked), (100, 30, .stacked), (140, 40, .beside), (300, 80, .beside)] {
            try withApp(width: w, height: h) { app, _ in
                if w < 140 { app.press("I") }
                let layout = try #require(app.screenLayout())
                #expect(layout.arrangement == arrangement, "\(w)x\(h)")
                let image = try #require(layout.image)
                let grid = app.render(width: w, height: h)
                let rows = grid.trimmedRows
                // The picture fills its pane below the title; the dialogue's CJK text is
                // whole, outside the pane's rectangle.
                #expect(rows[image.row].contains("image"))
                // (Rows are compared from the right: CJK cells left of a side pane are wide.)
                let hashes = String(repeating: "#", count: image.width - 2)
                for r in (image.row + 1)..<(image.row + image.height - 1) {
                    #expect(grid.rows[r].hasSuffix(" " + hashes + String(repeating: " ", count: w - image.column - image.width + 1)),
                            "\(w)x\(h) row \(r): \(grid.rows[r])")
                }
                let d = layout.dialogue
                #expect(d.width >= (w < 140 ? w : 60))
                let answer = try #require(rows.firstIndex { $0.contains("招牌上写着") })
                #expect(answer >= d.row && answer < d.row + d.height)
                #expect(!(image.row..<(image.row + image.height)).contains(answer) || d.column + d.width <= image.column)
                if arrangement == .stacked {
                    #expect(image.width == w && d.row >= image.row + image.height)
                } else {
                    #expect(image.column > d.column + d.width && image.width >= w * 2 / 5 - 1)
                }
            }
        }
    }

    @Test func thePaneSizeKeyCyclesShares() throws {
        try withApp(width: 100, height: 30) { app, _ in
            app.press("I")
            #expect(imageRows(app)?.height == 10)
            app.press("=")
            #expect(app.state.message?.text == "image pane: 50% of the screen")
            #expect(imageRows(app)?.height == 13)
            app.press("=", "=")
            #expect(imageRows(app)?.height == 6)
        }
    }

    @Test func zoomPanAndFitInThePane() throws {
        try withApp(width: 80, height: 24) { app, images in
            app.press("I", "+", "+")
            #expect(app.state.message?.text == "zoom 2.3×")
            #expect(images.previews.last?.viewport.zoom == 2.25)
            #expect(app.render(width: 80, height: 24).trimmedRows[2] == " image · zoom 2.3×")
            // At 2.25x the 78x6 strip still shows the whole width of a 4:3 picture; zoom on.
            app.press("+", "+", "+")
            #expect(app.state.message?.text == "zoom 7.6×")
            // Arrows still move between samples until zoom mode is on.
            app.press("z", "z")
            #expect(app.state.imageView.zoomMode)
            let start = try #require(images.previews.last?.viewport)
            app.press("right")
            #expect(app.state.currentIndex == 0)
            let right = try #require(images.previews.last?.viewport)
            #expect(right.centerX > start.centerX && right.centerY == start.centerY)
            app.press("down")
            #expect((images.previews.last?.viewport.centerY ?? 0) > start.centerY)
            // Keys zoom mode does not bind keep their reading meaning.
            app.press("j")
            #expect(app.state.scroll == 0)   // j pans in zoom mode
            app.press("0")
            #expect(images.previews.last?.viewport == .fit)
            #expect(app.state.message?.text == "whole image")
            app.press("esc")
            #expect(!app.state.imageView.zoomMode)
            app.press("right")
            #expect(app.state.currentIndex == 1)
        }
    }

    @Test func theZoomBelongsToItsSample() throws {
        try withApp(width: 80, height: 24) { app, images in
            app.press("I", "+", "right")
            #expect(images.previews.last?.viewport == .fit)
            app.press("left")
            #expect(images.previews.last?.viewport.zoom == 1.5)
        }
    }

    /// Issue 14: resizing while the full view is open redraws it at the new size at once.
    @Test func theFullViewFollowsZoomAndResize() throws {
        try withApp(width: 80, height: 24) { app, images in
            #expect(app.press("v") == .redraw)
            #expect(app.rawFrame(width: 80, height: 24) == Array("IMG 80x24 zoom 1.0".utf8))
            #expect(images.fullViews.last?.caption.contains("other keys return") == true)
            app.press("+")
            #expect(app.rawFrame(width: 80, height: 24) == Array("IMG 80x24 zoom 1.5".utf8))
            #expect(images.fullViews.last?.caption.hasPrefix("zoom 1.5× · + - zoom · arrows pan · 0 whole") == true)
            app.press("right")
            _ = app.rawFrame(width: 80, height: 24)
            #expect((images.fullViews.last?.viewport.centerX ?? 0) > 0.5)
            // A resize is no key: the view stays open and is drawn at the new size.
            #expect(app.handle(.resize(width: 120, height: 40)) == .redraw)
            #expect(app.rawFrame(width: 120, height: 40)?.starts(with: Array("IMG 120x40".utf8)) == true)
            let asked = images.fullViews.count
            _ = app.rawFrame(width: 120, height: 40)
            #expect(images.fullViews.count == asked)   // cached: not drawn again
            // Any other key closes it and does nothing else.
            #expect(app.press("a") == .redraw)
            #expect(app.rawFrame(width: 120, height: 40) == nil)
            #expect(app.state.message == nil)
        }
    }

    @Test func showWhereZoomsToTheQuotedSign() throws {
        try withApp(width: 80, height: 24) { app, images in
            app.press("w")
            // The pane was off at 80 columns: showing where turns it on.
            let pane = try #require(imageRows(app))
            let viewport = try #require(images.previews.last?.viewport)
            let region = viewport.region(imageWidth: 640, imageHeight: 480, columns: pane.width - 2, rows: pane.height - 2)
            #expect(region.x <= 400 && region.x + region.width >= 560 && region.y <= 300 && region.y + region.height >= 340)
            #expect(Double(160) / Double(region.width) > 0.8 || Double(40) / Double(region.height) > 0.8)
            #expect(app.state.message?.text.hasPrefix("where: “东方书店” (found, 1/2)") == true)
            // Again: the next quote (营业时间, in turn 4).
            app.press("w")
            #expect(app.state.message?.text.hasPrefix("where: “营业时间” (found, 2/2)") == true)
            app.press("w")
            #expect(app.state.message?.text.hasPrefix("where: “东方书店”") == true)
        }
    }

    @Test func showWhereSaysWhyNot() throws {
        try withApp(width: 80, height: 24) { app, _ in
            (app.ocrLines as? FakeOCR)?.lines = nil
            app.press("w")
            #expect(app.state.message?.text == "no OCR lines for images/cat.jpg (winnow ocr DATASET reads them)")
            (app.ocrLines as? FakeOCR)?.lines = [OCRLine(text: "完全无关", box: OCRBox(x: 0, y: 0, width: 9, height: 9), confidence: 90)]
            app.press("w")
            #expect(app.state.message?.text == "none of the 2 quotes here matches an OCR line")
        }
    }

    @Test func editingKeepsThePictureAndTheTurnsAround() throws {
        try withApp(width: 80, height: 30) { app, images in
            app.press("I", "e")
            guard case .editing = app.state.mode else { Issue.record("not editing"); return }
            let rows = app.render(width: 80, height: 30).trimmedRows
            let pane = try #require(imageRows(app))
            #expect(rows[pane.row] == " image")
            #expect(rows[pane.row + 1].hasSuffix("####"))
            // The question before the edited answer, the editor, and the next question.
            let before = try #require(rows.firstIndex { $0.hasPrefix("▍human  turn 1/4") })
            let editor = try #require(rows.firstIndex { $0.contains("Editing sample 0 · turn 2/4") })
            let after = try #require(rows.firstIndex { $0.hasPrefix("▍human  turn 3/4") })
            #expect(pane.row + pane.height <= before && before < editor && editor < after)
            #expect(rows[before + 1...editor].contains { $0.contains("图片里的招牌写着什么？") })
            #expect(rows[after + 1].contains("还有别的字吗？"))
            // Show-where from the editor: the quote under the cursor.
            app.press("ctrl-home")
            for _ in 0..<7 { app.press("right") }
            app.press("alt-w")
            #expect(app.state.message?.text.hasPrefix("where: “东方书店”") == true)
            #expect((images.previews.last?.viewport.zoom ?? 1) > 2)
            guard case .editing = app.state.mode else { Issue.record("left the editor"); return }
        }
    }
}
