import Foundation
import Testing
import WinnowUI
@testable import WinnowImage

/// Zoomed previews and full views draw only the viewport's part of the image, cropped
/// before chafa sees it, so the part fills the pane.
@Suite struct ZoomedRenderingTests {
    /// The background colours of the drawn cells.
    func colours(_ grid: ScreenGrid) -> [(r: UInt8, b: UInt8)] {
        grid.cells.compactMap { if case .rgb(let r, _, let b) = $0.style.background { return (r, b) } else { return nil } }
    }

    @Test func aRegionFillsTheGridWithThatPartOnly() throws {
        let fixtures = try ImageFixtures()
        // Red on the left to blue on the right.
        let image = try ImageDecoder().decode(path: try fixtures.gradientPNG(width: 200, height: 100)).get()
        let renderer = SymbolRenderer(colorMode: .truecolor)
        let right = renderer.render(image, width: 20, height: 10, region: PixelRegion(x: 180, y: 40, width: 20, height: 20))
        let cells = colours(right)
        // A square part fills a 20x10 pane (1:2 cells) completely, and is all blue.
        #expect(cells.count == 200)
        #expect(cells.allSatisfy { $0.b > 200 && $0.r < 60 })
        let whole = colours(renderer.render(image, width: 20, height: 10))
        #expect(whole.contains { $0.r > 200 })
        // Out-of-range and empty regions are cut to the image, never trap.
        for region in [PixelRegion(x: -50, y: -50, width: 0, height: 0), PixelRegion(x: 500, y: 500, width: 10, height: 10),
                       PixelRegion(x: 0, y: 0, width: Int.max / 2, height: Int.max / 2)] {
            let g = renderer.render(image, width: 7, height: 3, region: region)
            #expect(g.width == 7 && g.height == 3)
        }
    }

    @Test func sourceRegionsMapToTheScaledDecode() throws {
        let fixtures = try ImageFixtures()
        let image = try ImageDecoder().decode(path: try fixtures.gradientPNG(width: 64, height: 32)).get()
        #expect(image.decoded(PixelRegion(x: 32, y: 0, width: 32, height: 32)) == PixelRegion(x: 32, y: 0, width: 32, height: 32))
        #expect(DecodedImage.target(cells: (20, 10), region: PixelRegion(x: 0, y: 0, width: 100, height: 100),
                                    sourceWidth: 1000, sourceHeight: 1000) == (1000, 800))
        #expect(DecodedImage.target(cells: (20, 10), region: PixelRegion(x: 0, y: 0, width: 1000, height: 1000),
                                    sourceWidth: 1000, sourceHeight: 1000) == (160, 80))
    }

    @Test func theProviderCropsToTheViewport() throws {
        let fixtures = try ImageFixtures()
        let path = try fixtures.gradientPNG("wide.png", width: 400, height: 200)
        let provider = ChafaImagePreviewProvider(graphics: GraphicsSupport(mode: .symbols), colorMode: .truecolor)
        // Zoomed 8x at the right edge: only blue.
        let viewport = ImageViewport(zoom: 8, centerX: 1, centerY: 0.5)
        _ = provider.preview(path: path, width: 20, height: 10, viewport: viewport)
        #expect(provider.waitUntilIdle())
        guard case .ready(let grid) = provider.preview(path: path, width: 20, height: 10, viewport: viewport) else {
            Issue.record("no preview")
            return
        }
        let cells = colours(grid)
        #expect(cells.count >= 150)
        #expect(cells.allSatisfy { $0.b > 180 && $0.r < 80 })
        // The fitted preview is another cache entry, with red in it.
        _ = provider.preview(path: path, width: 20, height: 10, viewport: .fit)
        #expect(provider.waitUntilIdle())
        guard case .ready(let fitted) = provider.preview(path: path, width: 20, height: 10, viewport: .fit) else {
            Issue.record("no fitted preview")
            return
        }
        #expect(colours(fitted).contains { $0.r > 200 })
        // The full view of the same viewport: symbols of that part, with the caption given.
        let bytes = try #require(provider.fullScreen(path: path, width: 40, height: 12, viewport: viewport, caption: "zoom 8× · 0 whole"))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasSuffix("wide.png · 400x200 · zoom 8× · 0 whole"))
        #expect(!text.contains("38;2;255;0;0"))
    }
}
