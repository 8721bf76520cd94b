import Foundation
import Testing
import WinnowUI
@testable import WinnowImage

@Suite struct ChafaImagePreviewProviderTests {
    private func provider() -> ChafaImagePreviewProvider {
        ChafaImagePreviewProvider(graphics: GraphicsSupport(mode: .symbols), colorMode: .truecolor, environment: [:])
    }

    @Test func previewLoadsInTheBackgroundThenIsCached() throws {
        let fixtures = try ImageFixtures()
        let path = try fixtures.solidJPEG(width: 640, height: 480, rgb: (250, 250, 0))
        let images = provider()
        #expect(images.preview(path: path, width: 30, height: 12) == .loading)
        #expect(images.waitUntilIdle())
        guard case .ready(let grid) = images.preview(path: path, width: 30, height: 12) else {
            Issue.record("expected a ready preview")
            return
        }
        #expect(grid.width == 30 && grid.height == 12)
        #expect(images.completedCount == 1)
        // Another size is a new request; the first stays cached.
        #expect(images.preview(path: path, width: 20, height: 8) == .loading)
        #expect(images.waitUntilIdle())
        if case .ready = images.preview(path: path, width: 30, height: 12) {} else { Issue.record("cache lost") }
    }

    @Test func badImagesBecomeShortMessages() throws {
        let fixtures = try ImageFixtures()
        let images = provider()
        let cases: [(String, String)] = [
            (try fixtures.write("zero.jpg", []), "empty file (0 bytes)"),
            (try fixtures.pngHeaderOnly("bomb.png", width: 30000, height: 30000), "too large to decode: 30000x30000 (limit 40 megapixels)"),
            (try fixtures.write("x.gif", Array("GIF89a".utf8) + [1, 0, 1, 0, 0, 0, 0, 0x3B]), "unsupported format: GIF"),
        ]
        for (path, _) in cases { _ = images.preview(path: path, width: 10, height: 5) }
        #expect(images.waitUntilIdle())
        for (path, message) in cases {
            // Later requests may have displaced earlier ones from the queue: ask until settled.
            var result = images.preview(path: path, width: 10, height: 5)
            if result == .loading { _ = images.waitUntilIdle(); result = images.preview(path: path, width: 10, height: 5) }
            #expect(result == .unavailable(message))
        }
        #expect(images.preview(path: fixtures.path("missing.png"), width: 10, height: 5) == .unavailable("image not found"))
        #expect(images.fullScreen(path: cases[1].0, width: 80, height: 24) == nil)
    }

    @Test func previewNeverBlocksOnDecoding() throws {
        let fixtures = try ImageFixtures()
        let images = provider()
        var paths: [String] = []
        for i in 0..<6 {
            paths.append(try fixtures.solidJPEG("big\(i).jpg", width: 2000, height: 1500, rgb: (UInt8(i * 40), 0, 0)))
        }
        let start = Date()
        for path in paths { #expect(images.preview(path: path, width: 40, height: 20) == .loading) }
        // Six requests in a row return at once, whatever the decoder is doing.
        #expect(Date().timeIntervalSince(start) < 0.5)
        #expect(images.waitUntilIdle())
        // The one asked for last (the sample on screen) is served.
        if case .ready = images.preview(path: paths[5], width: 40, height: 20) {} else { Issue.record("latest not ready") }
    }

    @Test func prefetchWarmsTheCache() throws {
        let fixtures = try ImageFixtures()
        let path = try fixtures.gradientPNG(width: 120, height: 60)
        let images = provider()
        images.prefetch(path: path, width: 24, height: 6)
        #expect(images.waitUntilIdle())
        if case .ready = images.preview(path: path, width: 24, height: 6) {} else { Issue.record("prefetch had no effect") }
    }

    @Test func infoIsFromTheHeader() throws {
        let fixtures = try ImageFixtures()
        let path = try fixtures.gradientPNG("a.jpeg", width: 12, height: 7)
        let info = try #require(provider().info(path: path))
        #expect(info.format == "PNG" && info.pixelWidth == 12 && info.pixelHeight == 7)
        #expect(info.note == "wrong extension: .jpeg file holds PNG")
    }
}
