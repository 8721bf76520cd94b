import Foundation
import Testing
import WinnowCore

/// The append-only OCR cache: round trip, torn tail, damaged lines, keys.
@Suite struct OCRCacheTests {
    static let settings = OCRSettings(languages: "chi_sim+eng", engine: "tesseract test")
    static let page = OCRPage(lines: [OCRLine(text: "鑫源水果店", box: OCRBox(x: 1, y: 2, width: 3, height: 4), confidence: 91.25)],
                              milliseconds: 12)

    static func identity(_ n: UInt64) -> ImageIdentity {
        ImageIdentity(size: 100, mtimeNanoseconds: 5, inode: n, contentHash: n &* 77)
    }

    static func tempFile() -> String {
        let dir = NSTemporaryDirectory() + "winnow-ocr-cache-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir + "/data.json.winnow-ocr"
    }

    @Test func roundTripAndSettingsAreKeys() throws {
        let path = Self.tempFile()
        let writer = try OCRCacheWriter(path: path)
        try writer.append(reference: "images/a.jpg", identity: Self.identity(1), settings: Self.settings, page: Self.page)
        writer.sync()
        var cache = OCRCache()
        cache.read(file: path)
        let page = try #require(cache.page(for: Self.identity(1), settings: Self.settings))
        #expect(page.lines.first?.text == "鑫源水果店")
        #expect(page.lines.first?.box == OCRBox(x: 1, y: 2, width: 3, height: 4))
        #expect(page.lines.first?.confidence == 91.3)
        #expect(cache.page(for: Self.identity(2), settings: Self.settings) == nil)
        #expect(cache.page(for: Self.identity(1), settings: OCRSettings(languages: "eng", engine: "tesseract test")) == nil)
    }

    @Test func alternativesRoundTripAndAreLeftOutWhenThereAreNone() throws {
        let path = Self.tempFile()
        let writer = try OCRCacheWriter(path: path)
        let line = OCRLine(text: "杀子 活动", box: OCRBox(x: 0, y: 0, width: 9, height: 9), confidence: 90,
                           alternatives: ["亲杂", "", "", "", "话"])
        try writer.append(reference: "a", identity: Self.identity(1), settings: Self.settings, page: OCRPage(lines: [line]))
        try writer.append(reference: "b", identity: Self.identity(2), settings: Self.settings, page: Self.page)
        writer.sync()
        var cache = OCRCache()
        cache.read(file: path)
        #expect(cache.page(for: Self.identity(1), settings: Self.settings)?.lines.first?.alternatives == ["亲杂", "", "", "", "话"])
        #expect(cache.page(for: Self.identity(1), settings: Self.settings)?.lines.first?.alternatives(at: 4) == "话")
        #expect(cache.page(for: Self.identity(2), settings: Self.settings)?.lines.first?.alternatives == [])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.components(separatedBy: "\"alt\"").count == 2, "only the line with alternatives has an alt key: \(text)")
    }

    @Test func tornTailIsIgnoredAndTheNextRecordStartsOnItsOwnLine() throws {
        let path = Self.tempFile()
        do {
            let writer = try OCRCacheWriter(path: path)
            try writer.append(reference: "a", identity: Self.identity(1), settings: Self.settings, page: Self.page)
            try writer.append(reference: "b", identity: Self.identity(2), settings: Self.settings, page: Self.page)
        }
        // Cut the last record in half, as a crash mid-write would.
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        bytes.removeLast(30)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var torn = OCRCache()
        torn.read(file: path)
        #expect(torn.count == 1)
        #expect(torn.skippedLines == 1)

        let writer = try OCRCacheWriter(path: path)
        try writer.append(reference: "c", identity: Self.identity(3), settings: Self.settings, page: Self.page)
        var resumed = OCRCache()
        resumed.read(file: path)
        #expect(resumed.count == 2)
        #expect(resumed.page(for: Self.identity(3), settings: Self.settings) != nil)
        #expect(resumed.page(for: Self.identity(2), settings: Self.settings) == nil)
    }

    @Test func damagedLineIsSkippedNotMisread() throws {
        let path = Self.tempFile()
        do {
            let writer = try OCRCacheWriter(path: path)
            try writer.append(reference: "a", identity: Self.identity(1), settings: Self.settings, page: Self.page)
        }
        let bytes = try #require(FileManager.default.contents(atPath: path))
        let text = String(decoding: bytes, as: UTF8.self)
        try Data(text.replacingOccurrences(of: "鑫源", with: "鑫园").utf8).write(to: URL(fileURLWithPath: path))
        var cache = OCRCache()
        cache.read(file: path)
        #expect(cache.count == 0)
        #expect(cache.skippedLines == 1)
    }

    @Test func foreignFileIsNotReadAndIsStartedOver() throws {
        let path = Self.tempFile()
        try Data("not a cache\n".utf8).write(to: URL(fileURLWithPath: path))
        var before = OCRCache()
        before.read(file: path)
        #expect(before.loadedPaths.isEmpty)
        let writer = try OCRCacheWriter(path: path)
        try writer.append(reference: "a", identity: Self.identity(1), settings: Self.settings, page: Self.page)
        var after = OCRCache()
        after.read(file: path)
        #expect(after.count == 1)
    }

    @Test func identityChangesWithContent() throws {
        let path = Self.tempFile() + ".bin"
        try Data("abc".utf8).write(to: URL(fileURLWithPath: path))
        let a = try #require(ImageIdentity.of(path: path))
        try Data("abd".utf8).write(to: URL(fileURLWithPath: path))
        let b = try #require(ImageIdentity.of(path: path))
        #expect(a.contentHash != b.contentHash)
        #expect(ImageIdentity.of(path: path + ".missing") == nil)
    }

    @Test func readOnlyFolderWritesToTheUserCache() throws {
        let path = Self.tempFile()
        let folder = (path as NSString).deletingLastPathComponent
        let dataset = folder + "/data.json"
        #expect(OCRCache.writePath(forDataset: dataset) == dataset + ".winnow-ocr")
        chmod(folder, 0o555)
        defer { chmod(folder, 0o755) }
        let elsewhere = OCRCache.writePath(forDataset: dataset)
        #expect(elsewhere != dataset + ".winnow-ocr")
        #expect(elsewhere.hasSuffix("-data.json.winnow-ocr"))
    }
}
