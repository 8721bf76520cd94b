import Foundation
import Testing
import WinnowCore
import WinnowUI
@testable import WinnowImage

/// Two samples in memory whose images live in a temporary folder.
private final class ImageSamples: SampleSource {
    let path: String
    let images: [String]
    init(path: String, images: [String]) {
        self.path = path
        self.images = images
    }
    var count: Int { images.count }
    func sample(at index: Int) -> Result<Sample, UnreadableSample> {
        .success(Sample(index: index, id: "s\(index)", idIsSynthetic: false, images: [images[index]],
                        turns: [Turn(role: .human, roleName: "human", text: "<image>\n图中有什么？"),
                                Turn(role: .gpt, roleName: "gpt", text: "一个渐变。")],
                        taskType: .conversation, taskTypeSource: .inferred, schema: .llava,
                        extraFields: [], problems: [], json: .null))
    }
    func index(ofID id: String) -> Int? { images.indices.first { "s\($0)" == id } }
}

/// The review screen with the real provider: pane beside the dialogue, toggle, full view,
/// external viewer and metadata.
@Suite struct ReviewAppImageTests {
    private func key(_ c: Character) -> InputEvent { .key(KeyPress(.character(c))) }

    /// Cells drawn in true colour: only the preview uses those (the theme uses the palette).
    private func blockSymbols(_ grid: ScreenGrid) -> Int {
        grid.cells.filter { cell in
            if case .rgb = cell.style.background { return true }
            if case .rgb = cell.style.foreground { return true }
            return false
        }.count
    }

    private func makeApp() throws -> (ReviewApp, ImageFixtures) {
        let fixtures = try ImageFixtures()
        _ = try fixtures.gradientPNG("a.png", width: 200, height: 120)
        _ = try fixtures.gradientPNG("b.jpg", width: 90, height: 90)   // a PNG named .jpg
        _ = try fixtures.pngHeaderOnly("bomb.png", width: 30000, height: 30000)
        let source = ImageSamples(path: fixtures.path("data.json"), images: ["a.png", "b.jpg", "bomb.png"])
        let (keymap, problems) = KeymapLoader.load(base: nil, userFile: nil)
        #expect(problems.isEmpty)
        let app = ReviewApp(source: source, journal: nil, keymap: keymap)
        app.imageProvider = ChafaImagePreviewProvider(graphics: GraphicsSupport(mode: .symbols), colorMode: .truecolor,
                                                      environment: ["WINNOW_IMAGE_VIEWER": "feh -F"])
        return (app, fixtures)
    }

    /// Renders until the preview is ready (ticks as the main loop would).
    private func settledRender(_ app: ReviewApp, width: Int = 160, height: Int = 48) -> ScreenGrid {
        _ = app.handle(.resize(width: width, height: height))
        var grid = app.render(width: width, height: height)
        for _ in 0..<200 where blockSymbols(grid) == 0 {
            usleep(10_000)
            if app.tick() == .redraw { grid = app.render(width: width, height: height) }
        }
        return grid
    }

    @Test func previewPaneShowsAndToggles() throws {
        let (app, fixtures) = try makeApp()
        defer { withExtendedLifetime(fixtures) {} }
        let grid = settledRender(app)
        #expect(blockSymbols(grid) > 20, "\(grid.rows.joined(separator: "\n"))")
        // Metadata names the format and pixel size read from the header.
        #expect(grid.rows.contains { $0.contains("PNG 200x120") })
        let toggle = try #require(app.keymap.keys(for: "toggle-image", in: .review).first)
        _ = app.handle(.key(toggle))
        #expect(blockSymbols(app.render(width: 160, height: 48)) == 0)
        _ = app.handle(.key(toggle))
        #expect(blockSymbols(settledRender(app)) > 20)
        // Too narrow for a pane: no preview at 80 columns.
        #expect(blockSymbols(app.render(width: 80, height: 24)) == 0)
    }

    @Test func fullViewAndViewerEffects() throws {
        let (app, fixtures) = try makeApp()
        defer { withExtendedLifetime(fixtures) {} }
        _ = settledRender(app)
        #expect(app.handle(key("v")) == .redraw)
        guard let bytes = app.rawFrame(width: 160, height: 48) else {
            Issue.record("v should show the image full screen")
            return
        }
        #expect(String(decoding: bytes, as: UTF8.self).contains("other keys return"))
        // Any key that means nothing in the full view closes it (and does nothing else).
        #expect(app.handle(key("o")) == .redraw)
        #expect(app.rawFrame(width: 160, height: 48) == nil)
        guard case .runExternal(let program) = app.handle(key("o")) else {
            Issue.record("o should open the external viewer")
            return
        }
        #expect(program.arguments == ["feh", "-F", fixtures.path("a.png")])
        #expect(program.takesTerminal == false)
    }

    @Test func aBombIsAShortWrappedMessageInThePane() throws {
        let (app, fixtures) = try makeApp()
        defer { withExtendedLifetime(fixtures) {} }
        _ = app.handle(key("l"))
        _ = app.handle(key("l"))
        _ = app.handle(.resize(width: 160, height: 48))
        var text = ""
        for _ in 0..<200 {
            _ = app.tick()
            text = app.render(width: 160, height: 48).rows.joined(separator: "\n")
            if !text.contains("loading…") { break }
            usleep(10_000)
        }
        #expect(text.contains("too large to decode: 30000x30000"), "\(text)")
        #expect(text.contains("megapixels)"))
        // No full view for it: a message instead.
        #expect(app.handle(key("v")) == .redraw)
        #expect(app.render(width: 160, height: 48).rows.joined().contains("cannot show this image"))
    }

    @Test func wrongExtensionIsNotedInTheMetadata() throws {
        let (app, fixtures) = try makeApp()
        defer { withExtendedLifetime(fixtures) {} }
        _ = settledRender(app)
        _ = app.handle(key("l")) // next sample: b.jpg holds a PNG
        let grid = settledRender(app)
        // The value wraps in the metadata pane (where depends on the pane's width): join the
        // side pane's rows and look for the whole note.
        let side = grid.rows.compactMap { row in row.split(separator: "│", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(side.contains("PNG 90x90, wrong extension: .jpg file holds PNG"), "\(grid.rows.joined(separator: "\n"))")
    }
}
