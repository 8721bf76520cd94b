import Foundation
import Testing
import WinnowCore
import WinnowOCR

/// Tesseract on real rendered Chinese text. Missing language data fails these tests (naming
/// the package), it never skips them.
@Suite(.serialized) struct TesseractEngineTests {
    static func engine() throws -> TesseractEngine {
        do { return try TesseractEngine(languages: "chi_sim+eng") } catch {
            Issue.record("Tesseract cannot start: \(error) — install tesseract-ocr-chi-sim tesseract-ocr-eng")
            throw error
        }
    }

    /// Whether the page shows `text`, allowing one misread character (the engine's own
    /// accuracy is measured by winnow-bench ocr, not here).
    static func shows(_ page: OCRPage, _ text: String) -> OCRLine? {
        var matcher = QuoteMatcher()
        matcher.minNearConfidence = 0
        let match = matcher.match(QuotedPhrase(text: text, turn: 0, start: 0, length: text.count, openingMark: "“"), lines: page.lines)
        guard match.status != .notFound, let index = match.lineIndices.first else { return nil }
        return page.lines[index]
    }

    @Test func readsASignAndItsSmallPrintWithBoxes() throws {
        let dir = RenderedSign.tempFolder()
        let path = dir + "/sign.png"
        try RenderedSign.draw([.init(text: "鑫源水果店", x: 40, y: 40, size: 72),
                               .init(text: "营业时间 9:00-21:00", x: 60, y: 200, size: 30)],
                              width: 520, height: 300, path: path)
        let page = try Self.engine().recognize(path: path)
        #expect(page.error == nil)
        let sign = try #require(Self.shows(page, "鑫源水果店"), "lines: \(page.lines.map(\.text))")
        #expect(sign.confidence > 50)
        // The box is where the text was drawn (Pillow puts the glyph tops a little below y).
        #expect((20...80).contains(sign.box.y))
        #expect((20...80).contains(sign.box.x))
        #expect(sign.box.width > 250)
        #expect(page.lines.contains { $0.text.contains("9:00-21:00") }, "lines: \(page.lines.map(\.text))")
    }

    @Test func readsHugeSignTextInAReducedCopy() throws {
        let dir = RenderedSign.tempFolder()
        let path = dir + "/big.jpg"
        try RenderedSign.draw([.init(text: "宋记鲜花坊", x: 40, y: 60, size: 170)], width: 1000, height: 400, path: path)
        let page = try Self.engine().recognize(path: path)
        let sign = Self.shows(page, "宋记鲜花坊")
        #expect(sign != nil, "lines: \(page.lines.map(\.text))")
        // Found in a reduced copy, the box is still in the original image's pixels.
        #expect((sign?.box.height ?? 0) > 100)
    }

    @Test func givesUpAtTheTimeLimitWithAMessage() throws {
        let dir = RenderedSign.tempFolder()
        let path = dir + "/sign.png"
        try RenderedSign.draw([.init(text: "鑫源水果店", x: 40, y: 40, size: 72)], width: 520, height: 200, path: path)
        let engine = try Self.engine()
        engine.timeLimitMilliseconds = 1
        let page = engine.recognize(path: path)
        #expect(page.lines.isEmpty)
        #expect(page.error == "gave up after 1 ms")
        #expect(page.isRetryable)

        // Such a page is not cached: the next run tries again.
        let cachePath = dir + "/data.json.winnow-ocr"
        let batch = OCRBatch(jobs: [OCRJob(reference: "sign.png", path: path)], workers: 1, settings: engine.settings,
                             cache: OCRCache(), writer: try OCRCacheWriter(path: cachePath)) { () throws(OCRError) -> any OCREngine in
            let slow = try TesseractEngine(languages: "chi_sim+eng")
            slow.timeLimitMilliseconds = 1
            return slow
        }
        let result = try batch.run()
        #expect(result.pages[0]?.error == "gave up after 1 ms")
        var cache = OCRCache()
        cache.read(file: cachePath)
        #expect(cache.count == 0)
    }

    @Test func undecodableFileIsAPageWithAnError() throws {
        let dir = RenderedSign.tempFolder()
        let path = dir + "/broken.jpg"
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 1, 2, 3]).write(to: URL(fileURLWithPath: path))
        let page = try Self.engine().recognize(path: path)
        #expect(page.lines.isEmpty)
        #expect(page.error != nil)
    }

    @Test func missingLanguageDataNamesThePackage() {
        #expect(throws: OCRError.self) { _ = try TesseractEngine(languages: "zz_nonexistent") }
        do {
            _ = try TesseractEngine(languages: "zz_nonexistent")
        } catch {
            #expect(error.message.contains("tesseract-ocr-zz-nonexistent"))
        }
        #expect(throws: OCRError.self) { _ = try TesseractEngine(languages: "chi_sim+;rm") }
    }

    @Test func batchReadsEachImageOnceThenFromTheCache() throws {
        let dir = RenderedSign.tempFolder()
        try RenderedSign.draw([.init(text: "全场八折", x: 40, y: 40, size: 72)], width: 520, height: 200, path: dir + "/a.png")
        try RenderedSign.draw([.init(text: "老王面馆", x: 40, y: 40, size: 72)], width: 520, height: 200, path: dir + "/b.jpg")
        let jobs = [OCRJob(reference: "a.png", path: dir + "/a.png"), OCRJob(reference: "b.jpg", path: dir + "/b.jpg"),
                    OCRJob(reference: "gone.png", path: dir + "/gone.png")]
        let settings = TesseractEngine.settings(languages: "chi_sim+eng")
        let cachePath = dir + "/data.json.winnow-ocr"
        let first = OCRBatch(jobs: jobs, workers: 2, settings: settings, cache: OCRCache(), writer: try OCRCacheWriter(path: cachePath)) {
            () throws(OCRError) -> any OCREngine in try TesseractEngine(languages: "chi_sim+eng")
        }
        let one = try first.run()
        #expect(one.summary.recognized == 2)
        #expect(one.pages[0].flatMap { Self.shows($0, "全场八折") } != nil, "\(one.pages[0]?.lines.map(\.text) ?? [])")
        #expect(one.pages[1].flatMap { Self.shows($0, "老王面馆") } != nil)
        #expect(one.pages[2]?.error == "cannot read file")

        var cache = OCRCache()
        cache.read(file: cachePath)
        let second = OCRBatch(jobs: jobs, workers: 2, settings: settings, cache: cache, writer: nil) {
            () throws(OCRError) -> any OCREngine in throw OCRError(path: "", message: "the cache should have answered")
        }
        let two = try second.run()
        #expect(two.summary.recognized == 0)
        #expect(two.summary.cached == 2)
        #expect(two.pages[1]?.lines.map(\.text) == one.pages[1]?.lines.map(\.text))
        #expect(two.pages[1]?.lines.map(\.box) == one.pages[1]?.lines.map(\.box))
    }
}
