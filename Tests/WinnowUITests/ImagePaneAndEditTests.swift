import Foundation
import Testing
import WinnowCore
@testable import WinnowUI

/// A provider that is "loading" until told otherwise, then draws a grid of `#`.
final class FakeImages: ImagePreviewProvider, @unchecked Sendable {
    var ready = false
    var asked: [(String, Int, Int)] = []
    func preview(path: String, width: Int, height: Int) -> ImagePreview {
        asked.append((path, width, height))
        guard ready else { return .loading }
        var g = ScreenGrid(width: width, height: height)
        for r in 0..<height { for c in 0..<width { g.put("#", width: 1, row: r, column: c) } }
        return .ready(g)
    }
    func info(path: String) -> ImageFileInfo? {
        ImageFileInfo(format: "JPEG", pixelWidth: 640, pixelHeight: 480, byteSize: 5, problem: nil)
    }
    func fullScreen(path: String, width: Int, height: Int) -> [UInt8]? { Array("IMG".utf8) }
    func viewer(path: String) -> ExternalProgram { ExternalProgram(arguments: ["view", path], takesTerminal: false, purpose: "image") }
}

@Suite struct ImagePaneAndEditTests {
    func withImageFile(_ body: (String) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-img-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("images"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("12345".utf8).write(to: dir.appendingPathComponent("images/cat.jpg"))
        try body(dir.appendingPathComponent("data.json").path)
    }

    @Test func metadataShowsImageFactsAndThePaneFillsIn() throws {
        try withImageFile { datasetPath in
            let source = FakeSource(path: datasetPath, samples: [makeSample(0)])
            let (keymap, _) = KeymapLoader.load(base: "default", userFile: nil)
            let app = ReviewApp(source: source, journal: FakeJournal(), keymap: keymap, options: ReviewOptions(theme: .monochrome))
            let images = FakeImages()
            app.imageProvider = images
            var g = app.render(width: 160, height: 40)
            #expect(g.trimmedRows.contains { $0.contains("image: images/cat.jpg (5 B, JPEG 640x480)") })
            #expect(g.trimmedRows.contains { $0.contains("loading…") })
            #expect(app.tick() == .none)
            images.ready = true
            #expect(app.tick() == .redraw)
            g = app.render(width: 160, height: 40)
            let (path, w, h) = try #require(images.asked.last)
            #expect(path.hasSuffix("images/cat.jpg") && w > 10 && h > 5)
            #expect(g.trimmedRows[4].hasSuffix(String(repeating: "#", count: w)))
            #expect(app.press("o") == .runExternal(ExternalProgram(arguments: ["view", path], takesTerminal: false, purpose: "image")))
            #expect(app.press("v") == .redraw)
            #expect(app.rawFrame(width: 160, height: 40) == Array("IMG".utf8))
            app.press("esc")
            #expect(app.rawFrame(width: 160, height: 40) == nil)
            // At 80 columns there is no room for the pane: the provider is not asked.
            let before = images.asked.count
            _ = app.render(width: 80, height: 24)
            #expect(images.asked.count == before)
        }
    }

    @Test func missingImageIsSaid() {
        let (app, _, _) = makeApp(samples: [makeSample(0, image: "nowhere/x.jpg")])
        #expect(app.render(width: 80, height: 24).trimmedRows[3] == " image: nowhere/x.jpg (MISSING)")
    }

    @Test func anEditInForceIsShownAndUndoRestoresTheOriginal() {
        let (app, _, _) = makeApp(samples: [makeSample(0, gpt: "原来的回答。"), makeSample(1)])
        app.state.autoAdvance = false
        app.record(.edit(.turns([1: "改过的回答。"]), note: nil), at: 0)
        var rows = app.render(width: 80, height: 24).trimmedRows
        #expect(rows.contains("  改过的回答。"))
        #expect(rows[0].hasSuffix("EDITED"))
        app.press("u")
        rows = app.render(width: 80, height: 24).trimmedRows
        #expect(rows.contains("  原来的回答。"))
        #expect(rows[0].hasSuffix("UNDECIDED"))
    }

    /// A text that changes behind the cache's back never reuses ranges of the old text.
    @Test func layoutIsNotReusedForChangedText() {
        var cache = DialogueLayoutCache()
        let long = cache.layout(for: makeSample(0, gpt: String(repeating: "很长的回答。", count: 50)), width: 60)
        let again = cache.layout(for: makeSample(0, gpt: String(repeating: "很长的回答。", count: 50)), width: 60)
        #expect(long === again)
        let short = cache.layout(for: makeSample(0, gpt: "短。"), width: 60)
        #expect(short !== long)
        #expect(short.lines.count < long.lines.count)
    }

    @Test func messagesLastUntilTheNextKey() {
        let (app, _, _) = makeApp(samples: [makeSample(0), makeSample(1)])
        app.press("a")
        #expect(app.state.message?.text == "saved: accepted #0")
        app.press("j")
        #expect(app.state.message == nil)
    }
}
