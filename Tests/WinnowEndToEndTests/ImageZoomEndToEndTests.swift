import Foundation
import Testing

/// The picture at 80x24 in a real terminal: the image pane stacked above the dialogue,
/// zoom, pan and fit in it, and the full view redrawn at once when the terminal is resized.
@Suite(.serialized, .enabled(if: Prerequisite.tmux, Prerequisite.tmuxReason)) struct ImageZoomEndToEndTests {
    private func makeDataset() throws -> (folder: URL, dataset: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-e2e-zoom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("img"), withIntermediateDirectories: true)
        try TinyPNG.stripes(width: 96, height: 64, period: 6).write(to: folder.appendingPathComponent("img/sign.png"))
        let json = """
        [{"id": "z1", "image": "img/sign.png", "conversations": [{"from": "human", "value": "<image>\\n招牌上写着什么？"}, {"from": "gpt", "value": "招牌上写着“东方书店”。"}]}]
        """
        let dataset = folder.appendingPathComponent("data.json").path
        try json.write(toFile: dataset, atomically: true, encoding: .utf8)
        return (folder, dataset)
    }

    private func symbols(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.filter { (0x2580...0x259F).contains($0.value) }.count
    }

    /// Rows 3 to 8: the picture of the stacked pane at 80x24 (row 2 is its title).
    private func paneRows(_ screen: String) -> String {
        screen.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3).prefix(6).joined(separator: "\n")
    }

    @Test func paneZoomPanFitAndFullViewResizeAt80x24() throws {
        let (folder, dataset) = try makeDataset()
        defer { try? FileManager.default.removeItem(at: folder) }
        let t = try TmuxSession(arguments: ["review", dataset, "--graphics", "symbols"], width: 80, height: 24,
                                environment: ["COLORTERM": nil])
        defer { t.close() }
        #expect(t.waitFor("东方书店", timeout: 15), "no review screen:\n\(t.capture())")
        #expect(symbols(t.capture()) < 30)   // no pane below 140 columns until asked for

        t.sendKeys("I")
        #expect(t.waitUntil { self.symbols(self.paneRows($0)) >= 30 }, "no stacked pane:\n\(t.capture())")
        #expect(t.capture().split(separator: "\n")[2].hasPrefix(" image"))
        #expect(t.capture().contains("东方书店"))   // the dialogue stays below the picture
        t.sendKeys("C-l")
        #expect(t.waitForAbsence("image pane on"))
        let fitted = paneRows(t.capture())

        t.sendKeys("+", "+", "+", "+")
        #expect(t.waitFor("image · zoom 5.1×"), "no zoom:\n\(t.capture())")
        #expect(t.waitUntil { self.paneRows($0) != fitted && self.symbols(self.paneRows($0)) >= 30 },
                "zoomed pane looks like the fitted one:\n\(t.capture())")
        let zoomed = paneRows(t.capture())
        t.sendKeys("z", "z", "Right", "Right")
        #expect(t.waitUntil { self.paneRows($0) != zoomed && self.symbols(self.paneRows($0)) >= 30 },
                "panning changed nothing:\n\(t.capture())")
        t.sendKeys("0")
        #expect(t.waitFor("whole image"))
        #expect(t.waitUntil { self.paneRows($0) == fitted }, "fit is not the first picture:\n\(t.capture())")
        t.sendKeys("Escape")
        #expect(t.waitFor("zoom mode off"))

        // The full view, then a resize while it is open: redrawn at the new size at once.
        t.sendKeys("v")
        #expect(t.waitFor("other keys return"), "no full view:\n\(t.capture())")
        #expect(t.capture().split(separator: "\n", omittingEmptySubsequences: false)[23].contains("sign.png"))
        t.resize(width: 100, height: 30)
        #expect(t.waitUntil { $0.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(29).first?.contains("other keys return") == true },
                "full view not redrawn at 100x30:\n\(t.capture())")
        t.sendKeys("Space")
        #expect(t.waitFor("东方书店"), "review screen not back:\n\(t.capture())")
        t.sendKeys("q")
        #expect(t.waitForExit(timeout: 20) == 0)
    }

    /// Show where, for real: Tesseract reads a sign into the cache (`winnow ocr`), and `w` at
    /// 80x24 zooms the stacked pane to it. Drawing the sign needs python3-pil and a font
    /// (as the OCR tests do); a missing one fails the test with its name.
    @Test func showWhereZoomsToTheSignTesseractFound() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-e2e-where-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("img"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let font = try TmuxSession.run(["fc-match", "-f", "%{file}", "Noto Sans CJK SC:style=Bold"]).output
        let image = folder.appendingPathComponent("img/sign.jpg").path
        let script = """
            from PIL import Image, ImageDraw, ImageFont
            im = Image.new('RGB', (1200, 900), (90, 140, 90))
            d = ImageDraw.Draw(im)
            d.rectangle([650, 600, 1150, 720], fill=(250, 250, 250))
            d.text((670, 625), 'EAST BOOKS', font=ImageFont.truetype(\(String(reflecting: font)), 60), fill=(10, 10, 10))
            im.save(\(String(reflecting: image)), quality=92)
            """
        let drawn = try TmuxSession.run(["python3", "-c", script])
        try #require(drawn.status == 0, "drawing the sign failed (needs python3-pil and fonts-noto-cjk, as .ci/run installs): \(drawn.output)")
        let json = """
        [{"id": "w1", "image": "img/sign.jpg", "conversations": [{"from": "human", "value": "<image>\\nWhat does the sign say?"}, {"from": "gpt", "value": "The sign says \\"EAST BOOKS\\" in black letters."}]}]
        """
        let dataset = folder.appendingPathComponent("data.json").path
        try json.write(toFile: dataset, atomically: true, encoding: .utf8)
        let ocr = try TmuxSession.run([try WinnowBinary.path(), "ocr", dataset, "--ocr-lang", "eng"])
        try #require(ocr.status == 0, "winnow ocr failed: \(ocr.output)")

        let t = try TmuxSession(arguments: ["review", dataset, "--graphics", "symbols", "--ocr-lang", "eng"], width: 80, height: 24,
                                environment: ["COLORTERM": nil])
        defer { t.close() }
        #expect(t.waitFor("EAST BOOKS", timeout: 15), "no review screen:\n\(t.capture())")
        t.sendKeys("w")
        #expect(t.waitFor("where: “EAST BOOKS” (found, 1/1) · zoom"), "no show-where:\n\(t.capture())")
        // The pane was turned on above the dialogue and zoomed: the sign's letters are
        // drawn with block symbols across the strip.
        #expect(t.waitUntil { $0.split(separator: "\n")[2].hasPrefix(" image · zoom ") && self.symbols(self.paneRows($0)) >= 60 },
                "sign not shown:\n\(t.capture())")
        t.sendKeys("q")
        #expect(t.waitForExit(timeout: 20) == 0)
    }
}
