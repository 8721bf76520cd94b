import Testing
@testable import WinnowUI

/// Zoom, pan and fit: the part of the image a pane shows, for any sizes and zooms.
@Suite struct ImageViewportTests {
    @Test func fitShowsTheWholeImage() {
        let r = ImageViewport.fit.region(imageWidth: 640, imageHeight: 480, columns: 78, rows: 6)
        #expect(r == PixelRegion(x: 0, y: 0, width: 640, height: 480))
    }

    @Test func zoomingInShowsTheMiddleAtThePanesShape() {
        // A 80x40-cell pane is 80x80 square units: a square image fills it at zoom 1; at zoom 2
        // the middle half of each side.
        let v = ImageViewport(zoom: 2)
        #expect(v.region(imageWidth: 1000, imageHeight: 1000, columns: 80, rows: 40)
                == PixelRegion(x: 250, y: 250, width: 500, height: 500))
        // A wide strip (78x6 cells = 78x12 units) zoomed on a square image shows a wide band:
        // the sign fills the strip instead of a 12-column square in its middle.
        let strip = ImageViewport(zoom: 8).region(imageWidth: 1000, imageHeight: 1000, columns: 78, rows: 6)
        #expect(strip.width > strip.height * 4)
        #expect(strip.width <= 1000 && strip.x + strip.width <= 1000)
    }

    @Test func zoomStepsAndFit() {
        let v = ImageViewport.fit.zoomed(steps: 1)
        #expect(v.zoom == 1.5)
        #expect(v.zoomed(steps: -1).isFit)
        #expect(v.zoomed(steps: -5) == .fit)
        #expect(ImageViewport.fit.zoomed(steps: 1_000).zoom == ImageViewport.maxZoom)
        #expect(ImageViewport.fit.zoomed(steps: Int.min).isFit)
        #expect(ImageViewport.fit.zoomed(steps: Int.max).zoom == ImageViewport.maxZoom)
    }

    @Test func panningMovesByAQuarterAndStopsAtTheEdge() {
        var v = ImageViewport(zoom: 2)
        v = v.panned(dx: 1, dy: 0, imageWidth: 1000, imageHeight: 1000, columns: 80, rows: 40)
        #expect(v.region(imageWidth: 1000, imageHeight: 1000, columns: 80, rows: 40).x == 375)
        for _ in 0..<20 { v = v.panned(dx: 1, dy: 1, imageWidth: 1000, imageHeight: 1000, columns: 80, rows: 40) }
        #expect(v.region(imageWidth: 1000, imageHeight: 1000, columns: 80, rows: 40)
                == PixelRegion(x: 500, y: 500, width: 500, height: 500))
        // Back from the edge at once: the overshoot was not kept.
        v = v.panned(dx: -1, dy: 0, imageWidth: 1000, imageHeight: 1000, columns: 80, rows: 40)
        #expect(v.region(imageWidth: 1000, imageHeight: 1000, columns: 80, rows: 40).x == 375)
    }

    @Test func showingABoxFillsThePaneWithIt() {
        // A sign of 200x50 pixels at (600, 700) in a 1280x960 photo, in an 80x24 strip pane.
        let box = PixelRegion(x: 600, y: 700, width: 200, height: 50)
        let v = ImageViewport.showing(box: box, imageWidth: 1280, imageHeight: 960, columns: 78, rows: 6)
        let r = v.region(imageWidth: 1280, imageHeight: 960, columns: 78, rows: 6)
        #expect(r.x <= box.x && r.y <= box.y)
        #expect(r.x + r.width >= box.x + box.width && r.y + r.height >= box.y + box.height)
        // The box takes most of the pane in at least one direction.
        #expect(Double(box.width) / Double(r.width) >= 0.8 || Double(box.height) / Double(r.height) >= 0.8)
        #expect(v.zoom > 4)
    }

    @Test func noSizeOrZoomTraps() {
        let sizes = [0, 1, 2, 3, 7, 80, 1_000, 40_000, Int.max / 4]
        let zooms = [-1.0, 0, 0.5, 1, 1.5, 7.3, 64, 1e9, .infinity, .nan]
        for iw in sizes {
            for ih in sizes {
                for cells in [(0, 0), (1, 1), (78, 6), (300, 80), (Int.max, Int.max)] {
                    for z in zooms {
                        var v = ImageViewport(zoom: z, centerX: z, centerY: -z)
                        v = v.panned(dx: Int.max, dy: Int.min, imageWidth: iw, imageHeight: ih, columns: cells.0, rows: cells.1)
                        let r = v.region(imageWidth: iw, imageHeight: ih, columns: cells.0, rows: cells.1)
                        #expect(r.width >= 1 && r.height >= 1 && r.x >= 0 && r.y >= 0)
                        #expect(r.x + r.width <= max(1, iw) && r.y + r.height <= max(1, ih))
                        let s = ImageViewport.showing(box: PixelRegion(x: iw, y: -ih, width: Int.max / 8, height: 0),
                                                      imageWidth: iw, imageHeight: ih, columns: cells.0, rows: cells.1)
                        #expect(s.zoom >= 1 && s.zoom <= ImageViewport.maxZoom)
                    }
                }
            }
        }
    }
}

/// Where the image pane and the extra pane go, for terminal sizes from 80x24 to 300x80.
@Suite struct PaneLayoutTests {
    func body(_ w: Int, _ h: Int) -> Rect { Rect(row: 2, column: 0, width: w, height: h - 4) }

    @Test func besideFrom140ColumnsStackedBelow() {
        let wide = PaneLayout.make(body: body(160, 48), options: .init(image: true, sideRowsToKeep: 10))
        #expect(wide.arrangement == .beside)
        #expect(wide.image == Rect(row: 2, column: 96, width: 64, height: 33))
        #expect(wide.main == Rect(row: 2, column: 0, width: 95, height: 44))
        #expect(wide.side == Rect(row: 35, column: 96, width: 64, height: 11))

        let narrow = PaneLayout.make(body: body(80, 24), options: .init(image: true))
        #expect(narrow.arrangement == .stacked)
        #expect(narrow.image == Rect(row: 2, column: 0, width: 80, height: 8))
        #expect(narrow.main == Rect(row: 10, column: 0, width: 80, height: 12))

        let below = PaneLayout.make(body: body(80, 24), options: .init(image: true, below: true))
        #expect(below.image == Rect(row: 14, column: 0, width: 80, height: 8))
        #expect(below.main == Rect(row: 2, column: 0, width: 80, height: 12))
    }

    @Test func theExtraSlotSharesThePanesPlace() {
        let wide = PaneLayout.make(body: body(300, 80), options: .init(image: true, extra: true, sideRowsToKeep: 10))
        let (image, extra) = (wide.image ?? Rect(row: 0, column: 0, width: 0, height: 0), wide.extra ?? Rect(row: 0, column: 0, width: 0, height: 0))
        #expect(!image.isEmpty && !extra.isEmpty)
        #expect(extra.row == image.row + image.height && extra.column == image.column)
        let narrow = PaneLayout.make(body: body(100, 30), options: .init(image: true, extra: true))
        #expect(narrow.image == Rect(row: 2, column: 0, width: 50, height: 10))
        #expect(narrow.extra == Rect(row: 2, column: 50, width: 50, height: 10))
        let extraOnly = PaneLayout.make(body: body(80, 24), options: .init(image: false, extra: true))
        #expect(extraOnly.image == nil && extraOnly.extra == Rect(row: 2, column: 0, width: 80, height: 8))
    }

    @Test func sharesCycleAndResizeThePane() {
        var share = PaneLayout.defaultShare
        var heights: [Int] = []
        for _ in PaneLayout.shares {
            heights.append(PaneLayout.make(body: body(100, 30), options: .init(image: true, share: share)).image?.height ?? 0)
            share = PaneLayout.nextShare(after: share)
        }
        #expect(share == PaneLayout.defaultShare)
        #expect(heights == [10, 13, 15, 6, 7])
        #expect(PaneLayout.nextShare(after: 33) == PaneLayout.shares[0])
    }

    @Test func noPaneWhenTheBodyIsTooSmallAndNeverOutsideIt() {
        #expect(PaneLayout.make(body: body(40, 10), options: .init(image: true)).arrangement == .none)
        for w in [0, 1, 10, 40, 80, 139, 140, 141, 300, 1_000] {
            for h in [0, 1, 5, 10, 11, 24, 80] {
                for share in [-5, 0, 25, 40, 60, 100, 1_000] {
                    let b = Rect(row: 2, column: 0, width: w, height: h)
                    let p = PaneLayout.make(body: b, options: .init(image: true, extra: w % 2 == 0, share: share, sideRowsToKeep: h))
                    for r in [p.image, p.extra, p.side, p.main].compactMap({ $0 }) {
                        #expect(r.row >= b.row && r.column >= b.column)
                        #expect(r.row + r.height <= b.row + b.height && r.column + r.width <= b.column + b.width)
                    }
                }
            }
        }
    }
}
