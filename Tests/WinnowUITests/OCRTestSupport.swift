import Foundation
import Testing
import WinnowCore
@testable import WinnowUI

/// An OCR provider whose results the test delivers, recording what was asked.
final class FakeOCR: OCRProvider, @unchecked Sendable {
    var requests: [(path: String, read: Bool)] = []
    var queued: [OCREvent] = []
    func request(path: String, read: Bool) { requests.append((path, read)) }
    func takeEvents() -> [OCREvent] {
        defer { queued = [] }
        return queued
    }
}

/// A sign sample: the answer quotes the sign with one character wrong (near), a phrase the
/// picture does not show (not found) and one it shows (found).
enum OCRFixture {
    static let answer = "招牌上写着“鑫园水果店”，门口挂着“营业中”和“欢迎光临”。"
    static let lines = [
        OCRLine(text: "欢迎光临", box: OCRBox(x: 40, y: 300, width: 200, height: 40), confidence: 93),
        OCRLine(text: "鑫源水果店", box: OCRBox(x: 20, y: 20, width: 500, height: 120), confidence: 95),
        OCRLine(text: "营业时间 8:00-22:00", box: OCRBox(x: 30, y: 200, width: 300, height: 30), confidence: 71),
        OCRLine(text: "电话", box: OCRBox(x: 360, y: 205, width: 60, height: 28), confidence: 41),
    ]

    /// An app over one sign sample (plus a plain one) whose image file exists in a temporary
    /// folder, with a fake OCR provider; `body` gets the app, the provider and the image path.
    static func withApp(width: Int, height: Int, journal: FakeJournal = FakeJournal(),
                        _ body: (ReviewApp, FakeOCR, String) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-ocr-ui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("images"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("not really a picture".utf8).write(to: dir.appendingPathComponent("images/sign.jpg"))
        try Data("not really a picture".utf8).write(to: dir.appendingPathComponent("images/cat.jpg"))
        let samples = [makeSample(0, human: "<image>\n招牌上写着什么？", gpt: answer, image: "images/sign.jpg"),
                       makeSample(1)]
        let source = FakeSource(path: dir.appendingPathComponent("data.json").path, samples: samples)
        let (keymap, problems) = KeymapLoader.load(base: "default", userFile: nil)
        #expect(problems.isEmpty)
        let app = ReviewApp(source: source, journal: journal, keymap: keymap, options: ReviewOptions(theme: .monochrome))
        let ocr = FakeOCR()
        app.ocrProvider = ocr
        _ = app.handle(.resize(width: width, height: height))
        _ = app.render(width: width, height: height)
        let image = try #require(app.ocrImagePath(sampleIndex: 0))
        try body(app, ocr, image)
    }

    /// Delivers the sign's lines and lets the app take them.
    static func deliver(_ app: ReviewApp, _ ocr: FakeOCR, path: String) {
        ocr.queued = [.finished(path: path, page: OCRPage(lines: lines))]
        #expect(app.tick() == .redraw)
    }
}
