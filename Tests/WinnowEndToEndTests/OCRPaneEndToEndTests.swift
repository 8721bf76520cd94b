import Foundation
import Testing

/// The OCR pane in a real terminal with real Tesseract, at 80x24: `O` shows the text read
/// in a picture of a sign (drawn here with Pillow and a CJK font), the near quote is
/// compared, and the editor's key puts the OCR line in place of the quote; saved to the
/// journal.
@Suite(.serialized, .enabled(if: Prerequisite.tmux, Prerequisite.tmuxReason),
       .enabled(if: TesseractData.installed, TesseractData.reason))
struct OCRPaneEndToEndTests {
    /// A sign with a name and its opening hours; the answer quotes the hours with one digit
    /// wrong (8 for 9), which the OCR reads confidently.
    private func makeDataset() throws -> (folder: URL, dataset: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-e2e-ocr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("img"), withIntermediateDirectories: true)
        try drawSign(path: folder.appendingPathComponent("img/sign.png").path)
        let json = """
        [
        {"id": "s1", "image": "img/sign.png", "conversations": [{"from": "human", "value": "<image>\\n几点开门？"}, {"from": "gpt", "value": "门口写着“营业时间8:00-21:00”。"}]},
        {"id": "s2", "image": "img/sign.png", "conversations": [{"from": "human", "value": "<image>\\n这是什么店？"}, {"from": "gpt", "value": "一家水果店。"}]}
        ]
        """
        let dataset = folder.appendingPathComponent("data.json").path
        try json.write(toFile: dataset, atomically: true, encoding: .utf8)
        return (folder, dataset)
    }

    /// Draws the sign with Pillow and Noto Sans CJK; fails (naming the packages) without them.
    private func drawSign(path: String) throws {
        let font = try TmuxSession.run(["fc-match", "-f", "%{file}", "Noto Sans CJK SC:style=Bold"]).output
        #expect(font.lowercased().contains("cjk"), "no CJK font: apt-get install fonts-noto-cjk")
        let script = """
            import sys
            from PIL import Image, ImageDraw, ImageFont
            img = Image.new('RGB', (520, 300), (238, 120, 20))
            d = ImageDraw.Draw(img)
            d.text((40, 40), '鑫源水果店', font=ImageFont.truetype(sys.argv[1], 72, index=2), fill=(20, 60, 160))
            d.text((60, 200), '营业时间 9:00-21:00', font=ImageFont.truetype(sys.argv[1], 30, index=2), fill=(20, 60, 160))
            img.save(sys.argv[2])
            """
        let result = try TmuxSession.run(["python3", "-c", script, font, path])
        #expect(result.status == 0, "drawing the sign failed (apt-get install python3-pil): \(result.output)")
    }

    @Test func oShowsTheTextAndTheEditorKeyPutsItInPlaceOfTheQuote() throws {
        let (folder, dataset) = try makeDataset()
        defer { try? FileManager.default.removeItem(at: folder) }
        let t = try TmuxSession(arguments: ["review", dataset, "--graphics", "none"], width: 80, height: 24)
        defer { t.close() }
        #expect(t.waitFor("营业时间8:00-21:00"), "no review screen:\n\(t.capture())")

        t.sendKeys("O")
        // Read in the background (three scales of a small image: a few seconds, within the
        // 10 s limit even on a busy machine; keys keep working meanwhile).
        #expect(t.waitFor("OCR ·", timeout: 60), "no OCR pane:\n\(t.capture())")
        #expect(t.waitFor("▸ 营业时间9:00-21:00", timeout: 60), "the OCR line is not selected:\n\(t.capture())")
        #expect(t.capture().contains("quote 1/1 near"), "\(t.capture())")
        // The result went to the cache beside the dataset, for lint and the next session.
        #expect(FileManager.default.fileExists(atPath: dataset + ".winnow-ocr"))

        t.sendKeys("e")
        #expect(t.waitFor("Editing sample 0"), "no editor:\n\(t.capture())")
        #expect(t.capture().contains("营业时间9:00-21:00"), "the OCR pane is not shown while editing:\n\(t.capture())")
        // Into the quote: 门口写着“营| — six characters from the line start.
        t.sendKeys("Home", "Right", "Right", "Right", "Right", "Right", "Right", "C-o")
        #expect(t.waitFor("门口写着“营业时间9:00-21:00”。"), "quote not replaced:\n\(t.capture())")
        t.sendKeys("C-s")
        #expect(t.waitFor("Saved"), "not saved:\n\(t.capture())")
        t.sendKeys("Escape")
        #expect(t.waitForAbsence("Editing sample 0"))
        t.sendKeys("q")
        #expect(t.waitForExit(timeout: 20) == 0)
        let journal = try String(contentsOfFile: dataset + ".winnow.jsonl", encoding: .utf8)
        #expect(journal.contains("门口写着“营业时间9:00-21:00”。"), "\(journal)")
    }
}

/// Whether Tesseract's Simplified Chinese and English data are installed (CI installs them).
enum TesseractData {
    static let installed = ["chi_sim", "eng"].allSatisfy { lang in
        ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata"].contains {
            FileManager.default.fileExists(atPath: "\($0)/\(lang).traineddata")
        }
    }
    static let reason: Comment = "needs Tesseract language data: apt-get install tesseract-ocr-chi-sim tesseract-ocr-eng"
}
