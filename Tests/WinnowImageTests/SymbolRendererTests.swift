import Testing
import WinnowUI
@testable import WinnowImage

@Suite struct SymbolRendererTests {
    @Test func fillsExactlyThePaneWithColouredSymbols() throws {
        let fixtures = try ImageFixtures()
        let image = try ImageDecoder().decode(path: try fixtures.gradientPNG(width: 64, height: 32)).get()
        let grid = SymbolRenderer(colorMode: .truecolor).render(image, width: 20, height: 10)
        #expect(grid.width == 20 && grid.height == 10)
        // A 2:1 image in 1:2 cells fills 20x5 cells, centred vertically.
        let drawn = (0..<10).filter { row in (0..<20).contains { grid[row, $0].style.background != .default } }
        #expect(drawn == Array(3..<8) || drawn == Array(2..<7) || drawn == Array(3..<7) || drawn.count == 5)
        let row = drawn.first ?? 0
        // Red on the left, blue on the right.
        guard case .rgb(let r0, _, let b0) = grid[row, 0].style.background,
              case .rgb(let r1, _, let b1) = grid[row, 19].style.background else {
            Issue.record("expected true colours, got \(grid[row, 0].style)")
            return
        }
        #expect(r0 > 200 && b0 < 60)
        #expect(b1 > 200 && r1 < 60)
        // Every cell is one column wide and printable.
        for r in 0..<grid.height {
            for c in 0..<grid.width {
                #expect(grid[r, c].width == 1)
                #expect(grid[r, c].text.unicodeScalars.allSatisfy { $0.value >= 0x20 })
            }
        }
    }

    @Test func indexedModeUsesPaletteColours() throws {
        let fixtures = try ImageFixtures()
        let image = try ImageDecoder().decode(path: try fixtures.solidJPEG(width: 80, height: 80, rgb: (0, 200, 0))).get()
        let grid = SymbolRenderer(colorMode: .indexed256).render(image, width: 10, height: 5)
        var indexed = 0
        for r in 0..<5 {
            for c in 0..<10 {
                let style = grid[r, c].style
                if case .rgb = style.foreground { Issue.record("rgb colour in 256-colour mode") }
                if case .rgb = style.background { Issue.record("rgb colour in 256-colour mode") }
                if case .indexed = style.background { indexed += 1 }
                if case .indexed = style.foreground { indexed += 1 }
            }
        }
        #expect(indexed > 0)
    }

    @Test func monochromeUsesNoColoursButStillDrawsShapes() throws {
        let fixtures = try ImageFixtures()
        let image = try ImageDecoder().decode(path: try fixtures.gradientPNG(width: 64, height: 64)).get()
        let grid = SymbolRenderer(colorMode: .monochrome).render(image, width: 16, height: 8)
        #expect(grid.cells.allSatisfy { $0.style.foreground == .default && $0.style.background == .default })
        #expect(grid.cells.contains { $0.text != " " })
    }

    @Test func degenerateSizesGiveEmptyGrids() throws {
        let fixtures = try ImageFixtures()
        let image = try ImageDecoder().decode(path: try fixtures.gradientPNG(width: 4, height: 4)).get()
        #expect(SymbolRenderer().render(image, width: 0, height: 5).cells.isEmpty)
        let tiny = SymbolRenderer().render(image, width: 1, height: 1)
        #expect(tiny.width == 1 && tiny.height == 1)
    }
}
