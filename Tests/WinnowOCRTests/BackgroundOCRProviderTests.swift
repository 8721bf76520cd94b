import Foundation
import Testing
import WinnowCore
import WinnowOCR
import WinnowUI

/// The review screen's OCR provider: requests never wait, results arrive as events, the
/// newest request is served first, the cache answers before any engine, new results are
/// kept in the cache, give-ups are not.
@Suite(.serialized) struct BackgroundOCRProviderTests {
    /// An engine that reads "text of NAME" from any file, after `gate` lets it.
    final class GatedEngine: OCREngine, @unchecked Sendable {
        let settings = OCRSettings(languages: "test", engine: "gated 1")
        let gate: DispatchSemaphore?
        let giveUp: Bool
        init(gate: DispatchSemaphore?, giveUp: Bool = false) {
            self.gate = gate
            self.giveUp = giveUp
        }
        func recognize(path: String) -> OCRPage {
            gate?.wait()
            if giveUp { return OCRPage(lines: [], error: "gave up after 10 s", isRetryable: true) }
            let name = (path as NSString).lastPathComponent
            return OCRPage(lines: [OCRLine(text: "text of \(name)", box: OCRBox(x: 0, y: 0, width: 10, height: 10), confidence: 90)])
        }
    }

    static func folder(_ files: [String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-ocr-provider-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (i, name) in files.enumerated() { try Data("image \(i) \(name)".utf8).write(to: URL(fileURLWithPath: dir + "/" + name)) }
        return dir
    }

    /// Collects events until `done` holds for all collected so far (or 30 s pass).
    static func collect(_ provider: BackgroundOCRProvider, until done: ([OCREvent]) -> Bool) -> [OCREvent] {
        var all: [OCREvent] = []
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            all += provider.takeEvents()
            if done(all) { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return all
    }

    static func finished(_ events: [OCREvent]) -> [String] {
        events.compactMap { if case .finished(let p, _) = $0 { return (p as NSString).lastPathComponent } else { return nil } }
    }

    @Test func requestsNeverWaitForTheEngine() throws {
        let dir = try Self.folder(["a.png"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let gate = DispatchSemaphore(value: 0)
        let engine = GatedEngine(gate: gate)
        let provider = BackgroundOCRProvider(datasetPath: dir + "/data.json", settings: engine.settings) { () throws(OCRError) in engine }
        defer { provider.stop() }
        // The engine is held: had the request waited for it, this line would never return.
        provider.request(path: dir + "/a.png", read: true)
        let reading = Self.collect(provider) { $0.contains(.reading(path: dir + "/a.png")) }
        #expect(reading == [.reading(path: dir + "/a.png")])
        gate.signal()
        let done = Self.collect(provider) { !Self.finished($0).isEmpty }
        #expect(Self.finished(done) == ["a.png"])
        if case .finished(_, let page)? = done.last { #expect(page.lines.map(\.text) == ["text of a.png"]) }
        // Kept in the cache beside the dataset, for lint and the next session.
        let cache = OCRCache.load(forDataset: dir + "/data.json")
        let identity = try #require(ImageIdentity.of(path: dir + "/a.png"))
        #expect(cache.page(for: identity, settings: engine.settings)?.lines.map(\.text) == ["text of a.png"])
    }

    @Test func theNewestRequestIsServedFirstAndOldOnesAreDropped() throws {
        let dir = try Self.folder(["a.png", "b.png", "c.png", "d.png"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let gate = DispatchSemaphore(value: 0)
        let engine = GatedEngine(gate: gate)
        let provider = BackgroundOCRProvider(datasetPath: nil, settings: engine.settings) { () throws(OCRError) in engine }
        defer { provider.stop() }
        provider.request(path: dir + "/a.png", read: true)
        _ = Self.collect(provider) { !$0.isEmpty }   // a is being read
        for name in ["b.png", "c.png", "d.png"] { provider.request(path: dir + "/" + name, read: true) }
        for _ in 0..<3 { gate.signal() }
        let events = Self.collect(provider) { Self.finished($0).count == 3 }
        #expect(Self.finished(events) == ["a.png", "d.png", "c.png"])
        #expect(events.first == .notCached(path: dir + "/b.png"))
    }

    @Test func theCacheAnswersFirstAndNothingIsReadUnlessAsked() throws {
        let dir = try Self.folder(["cached.png", "new.png"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let settings = OCRSettings(languages: "test", engine: "gated 1")
        let writer = try OCRCacheWriter(path: OCRCache.writePath(forDataset: dir + "/data.json"))
        let identity = try #require(ImageIdentity.of(path: dir + "/cached.png"))
        let page = OCRPage(lines: [OCRLine(text: "from the cache", box: OCRBox(x: 1, y: 2, width: 3, height: 4), confidence: 77)])
        try writer.append(reference: "cached.png", identity: identity, settings: settings, page: page)
        writer.sync()
        let provider = BackgroundOCRProvider(datasetPath: dir + "/data.json", settings: settings) { () throws(OCRError) in
            throw OCRError(path: "", message: "no engine in this test")
        }
        defer { provider.stop() }
        provider.request(path: dir + "/cached.png", read: true)
        var events = Self.collect(provider) { !$0.isEmpty }
        #expect(events == [.finished(path: dir + "/cached.png", page: page)])
        provider.request(path: dir + "/new.png", read: false)
        events = Self.collect(provider) { !$0.isEmpty }
        #expect(events == [.notCached(path: dir + "/new.png")])
        // Asked to read, with an engine that cannot start: unavailable, with its reason.
        provider.request(path: dir + "/new.png", read: true)
        events = Self.collect(provider) { $0.count >= 2 }
        #expect(events == [.reading(path: dir + "/new.png"), .unavailable(path: dir + "/new.png", reason: "no engine in this test")])
        // The failure is remembered: no second attempt at loading the engine.
        provider.request(path: dir + "/cached.png", read: true)
        provider.request(path: dir + "/other.png", read: true)
        events = Self.collect(provider) { $0.count >= 2 }
        #expect(events.contains(.finished(path: dir + "/other.png", page: OCRPage(lines: [], error: "cannot read the file"))))
    }

    @Test func aGiveUpIsReportedAndNotCached() throws {
        let dir = try Self.folder(["slow.png"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let engine = GatedEngine(gate: nil, giveUp: true)
        let provider = BackgroundOCRProvider(datasetPath: dir + "/data.json", settings: engine.settings) { () throws(OCRError) in engine }
        defer { provider.stop() }
        provider.request(path: dir + "/slow.png", read: true)
        let events = Self.collect(provider) { !Self.finished($0).isEmpty }
        guard case .finished(_, let page)? = events.last else { Issue.record("no result: \(events)"); return }
        #expect(page.error == "gave up after 10 s")
        #expect(OCRCache.load(forDataset: dir + "/data.json").count == 0)
    }

    static let languageData = ["chi_sim", "eng"].allSatisfy { lang in
        ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata"].contains {
            FileManager.default.fileExists(atPath: "\($0)/\(lang).traineddata")
        }
    }

    @Test(.enabled(if: languageData, "needs Tesseract language data: apt-get install tesseract-ocr-chi-sim tesseract-ocr-eng"))
    func tesseractReadsARenderedSignInTheBackground() throws {
        let dir = RenderedSign.tempFolder()
        try RenderedSign.draw([.init(text: "鑫源水果店", x: 40, y: 40, size: 72),
                               .init(text: "营业时间 9:00-21:00", x: 60, y: 200, size: 30)],
                              width: 520, height: 300, path: dir + "/sign.png")
        let provider = BackgroundOCRProvider.tesseract(datasetPath: dir + "/data.json")
        defer { provider.stop() }
        provider.request(path: dir + "/sign.png", read: true)
        let events = Self.collect(provider) { !Self.finished($0).isEmpty }
        guard case .finished(_, let page)? = events.last else { Issue.record("no result: \(events)"); return }
        #expect(TesseractEngineTests.shows(page, "鑫源水果店") != nil, "\(page.lines.map(\.text)) \(page.error ?? "")")
    }
}
