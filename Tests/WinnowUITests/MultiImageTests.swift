import Foundation
import Testing
import WinnowCore
@testable import WinnowUI

/// A ready-at-once provider whose picture is the image's file name (without extension)
/// repeated, so a screen shows which image is previewed; the full view and the viewer carry
/// the path.
final class NamedImages: ImagePreviewProvider, @unchecked Sendable {
    var asked: [String] = []
    func preview(path: String, width: Int, height: Int) -> ImagePreview {
        asked.append(path)
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        var g = ScreenGrid(width: width, height: height)
        for r in 0..<height { g.write(String(repeating: name, count: width), row: r, column: 0, maxWidth: width) }
        return .ready(g)
    }
    func info(path: String) -> ImageFileInfo? {
        ImageFileInfo(format: "JPEG", pixelWidth: 64, pixelHeight: 48, byteSize: 1, problem: nil)
    }
    func fullScreen(path: String, width: Int, height: Int) -> [UInt8]? { Array(path.utf8) }
    func viewer(path: String) -> ExternalProgram { ExternalProgram(arguments: ["view", path], takesTerminal: false, purpose: "image") }
}

@Suite struct MultiImageTests {
    /// Runs `body` with an app over samples whose images are `lists` (files under a temp
    /// folder; names starting with `missing` are not created), at 160x40 with `NamedImages`.
    func withApp(_ lists: [[String]], keymap name: String = "default",
                 _ body: (ReviewApp, NamedImages) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-multi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in lists.joined() where !name.hasPrefix("missing") {
            try Data("x".utf8).write(to: dir.appendingPathComponent(name))
        }
        let samples = lists.enumerated().map { i, images in
            var s = makeSample(i)
            s.images = images
            return s
        }
        let source = FakeSource(path: dir.appendingPathComponent("data.json").path, samples: samples)
        let (keymap, problems) = KeymapLoader.load(base: name, userFile: nil)
        #expect(problems.isEmpty)
        let app = ReviewApp(source: source, journal: FakeJournal(), keymap: keymap, options: ReviewOptions(theme: .monochrome))
        let images = NamedImages()
        app.imageProvider = images
        _ = app.handle(.resize(width: 160, height: 40))
        _ = app.render(width: 160, height: 40)
        try body(app, images)
    }

    /// The name the picture in the pane spells (row 4 is inside it at 160x40).
    func previewed(_ app: ReviewApp) -> String? {
        app.render(width: 160, height: 40).trimmedRows[4].split(separator: " ").last.map { String($0.prefix(4)) }
    }

    func paneTitle(_ app: ReviewApp) -> String {
        let row = app.render(width: 160, height: 40).trimmedRows[2]
        return row.range(of: " image").map { String(row[$0.lowerBound...]) } ?? ""
    }

    @Test func bracketCyclesThePreviewedImageAndWrapsAround() throws {
        try withApp([["dog1.jpg", "cat2.jpg", "owl3.jpg"], ["fox4.jpg", "elk5.jpg"]]) { app, images in
            #expect(previewed(app) == "dog1")
            #expect(paneTitle(app) == " image 1/3 · ] next")
            app.press("]")
            #expect(images.asked.last?.hasSuffix("/cat2.jpg") == true)
            #expect(previewed(app) == "cat2")
            #expect(paneTitle(app) == " image 2/3 · ] next")
            #expect(app.state.message?.text == "image 2/3: cat2.jpg")
            app.press("]")
            #expect(previewed(app) == "owl3")
            app.press("]")
            #expect(previewed(app) == "dog1")
            #expect(paneTitle(app) == " image 1/3 · ] next")
        }
    }

    @Test func metadataListsEveryImageAndMarksTheChosenOne() throws {
        try withApp([["dog1.jpg", "missing.jpg"]]) { app, _ in
            var rows = app.render(width: 160, height: 40).trimmedRows
            #expect(rows.contains { $0.hasSuffix("▸image 1/2: dog1.jpg (1 B, JPEG 64x48)") })
            #expect(rows.contains { $0.hasSuffix(" image 2/2: missing.jpg (MISSING)") })
            app.press("]")
            rows = app.render(width: 160, height: 40).trimmedRows
            #expect(rows.contains { $0.hasSuffix(" image 1/2: dog1.jpg (1 B, JPEG 64x48)") })
            #expect(rows.contains { $0.hasSuffix("▸image 2/2: missing.jpg (MISSING)") })
            // The pane stays (no reflow) and says the chosen file is missing; `o` refuses it.
            #expect(rows.contains { $0.hasSuffix("missing: missing.jpg") })
            #expect(app.state.message?.text == "image 2/2: missing.jpg (MISSING)")
            #expect(app.press("o") == .redraw)
            #expect(app.state.message?.text.hasPrefix("image not found: ") == true)
        }
    }

    @Test func fullViewAndViewerFollowTheChoice() throws {
        try withApp([["dog1.jpg", "cat2.jpg"]]) { app, _ in
            app.press("v")
            guard let first = app.rawFrame(width: 80, height: 24) else { Issue.record("no full view"); return }
            #expect(String(decoding: first, as: UTF8.self).hasSuffix("/dog1.jpg"))
            app.press("esc", "]", "v")
            guard let second = app.rawFrame(width: 80, height: 24) else { Issue.record("no full view"); return }
            #expect(String(decoding: second, as: UTF8.self).hasSuffix("/cat2.jpg"))
            app.press("esc")
            guard case .runExternal(let program) = app.press("o") else { Issue.record("no viewer"); return }
            #expect(program.arguments.last?.hasSuffix("/cat2.jpg") == true)
        }
    }

    @Test func theChoiceResetsOnAnotherSample() throws {
        try withApp([["dog1.jpg", "cat2.jpg"], ["fox4.jpg", "elk5.jpg"], ["ant6.jpg", "bee7.jpg"]]) { app, _ in
            app.state.autoAdvance = true
            app.press("]")
            #expect(previewed(app) == "cat2")
            app.press("l")
            #expect(previewed(app) == "fox4")
            #expect(paneTitle(app) == " image 1/2 · ] next")
            app.press("h")
            #expect(previewed(app) == "dog1")   // coming back starts again at the first
            // A decision that moves on, and a jump with `g`, also start at the first.
            app.press("]", "a")
            #expect(app.state.currentIndex == 1)
            #expect(previewed(app) == "fox4")
            app.press("]", "g")
            app.type("2")
            app.press("enter")
            #expect(app.state.currentIndex == 2)
            #expect(previewed(app) == "ant6")
            // A choice made for another sample never applies here, whatever way led here.
            app.state.imageChoice = ImageChoice(sample: 1, image: 1)
            #expect(previewed(app) == "ant6")
        }
    }

    @Test func singleAndNoImageSamplesSaySo() throws {
        try withApp([["dog1.jpg"], []]) { app, _ in
            #expect(paneTitle(app) == " image")
            #expect(app.render(width: 160, height: 40).trimmedRows.contains { $0.hasSuffix(" image: dog1.jpg (1 B, JPEG 64x48)") })
            app.press("]")
            #expect(app.state.message?.text == "this sample has only one image")
            #expect(previewed(app) == "dog1")
            app.press("l", "]")
            #expect(app.state.message == .error(.noImage))
        }
    }

    /// Narrow screens have no pane: the message row says which image `v` and `o` now use.
    @Test func atEightyColumnsTheMessageSaysWhichImage() throws {
        try withApp([["dog1.jpg", "cat2.jpg"]]) { app, images in
            _ = app.handle(.resize(width: 80, height: 24))
            let before = images.asked.count
            app.press("]")
            let rows = app.render(width: 80, height: 24).trimmedRows
            #expect(rows[22] == "image 2/2: cat2.jpg")
            #expect(images.asked.count == before)
        }
    }

    @Test func everyShippedKeymapBindsNextImage() {
        for (name, key) in [("default", "]"), ("emacs", "]"), ("vim", "}")] {
            let (k, problems) = KeymapLoader.load(base: name, userFile: nil)
            #expect(problems.isEmpty)
            #expect(k.command(for: KeyName.parse(key) ?? .char("?"), in: .review) == .nextImage, "\(name)")
        }
        // vim keeps its own `]` (scroll-bottom).
        let (vim, _) = KeymapLoader.load(base: "vim", userFile: nil)
        #expect(vim.command(for: .char("]"), in: .review) == .scrollBottom)
        #expect(Command(name: "next-image")?.contexts.contains(.review) == true)
        // The help is generated from the registry and the keymap.
        let (app, _, _) = makeApp(samples: [makeSample(0)])
        #expect(app.helpLines().contains { $0.contains("]") && $0.contains("next of the sample's images") })
    }

    @Test func vimCyclesWithItsOwnKey() throws {
        try withApp([["dog1.jpg", "cat2.jpg"]], keymap: "vim") { app, _ in
            #expect(paneTitle(app) == " image 1/2 · } next")
            app.press("}")
            #expect(previewed(app) == "cat2")
        }
    }

    @Test func imgContextTokensAreMarkedLikeImage() {
        let (app, _, _) = makeApp(samples: [makeSample(0, human: "<IMG_CONTEXT>\n<image>\n两张图片有啥相同之处？")])
        let g = app.render(width: 80, height: 24)
        let rows = g.trimmedRows
        let t = Theme.monochrome
        let ctx = rows.firstIndex { $0.hasPrefix("  <IMG_CONTEXT>") }
        let img = rows.firstIndex { $0.hasPrefix("  <image>") }
        #expect(ctx != nil && img != nil)
        if let ctx, let img {
            #expect(g[ctx, 2].style == t.imageMarker && g[ctx, 14].style == t.imageMarker)
            #expect(g[img, 2].style == t.imageMarker && g[img, 8].style == t.imageMarker)
        }
        let q = rows.firstIndex { $0.hasPrefix("  两张") }
        #expect(q.map { g[$0, 2].style == .plain } == true)
    }
}
