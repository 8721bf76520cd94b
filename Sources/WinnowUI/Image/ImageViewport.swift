/// A rectangle of source-image pixels.
public struct PixelRegion: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// What part of an image a pane shows: a zoom factor (1 = the whole image fitted) and the
/// point the view is centred on, as fractions of the image's width and height.
///
/// Kept in fractions, not pixels or cells, so that the same viewport means the same part of
/// the picture in the preview pane and in the full view, and after a resize. Every function
/// here is total: any pane size (even 0x0), any image size and any zoom give a region inside
/// the image, at least one pixel large.
public struct ImageViewport: Sendable, Hashable {
    /// The whole image, fitted.
    public static let fit = ImageViewport()
    /// Beyond this a pixel covers several cells and nothing more can be read.
    public static let maxZoom = 64.0
    /// Each zoom step multiplies or divides the zoom by this.
    public static let zoomStep = 1.5
    /// A pan step moves the view by this share of what is visible.
    public static let panStep = 0.25

    /// 1 shows the whole image; 2 shows half its width (or height) across the pane.
    public private(set) var zoom: Double
    /// The centre of the view, 0...1 across the image's width and height.
    public private(set) var centerX: Double
    public private(set) var centerY: Double

    /// A viewport; the zoom is clamped to 1...`maxZoom` and the centre to the image (NaN
    /// becomes the fitted view).
    public init(zoom: Double = 1, centerX: Double = 0.5, centerY: Double = 0.5) {
        self.zoom = zoom.isNaN ? 1 : min(Self.maxZoom, max(1, zoom))
        self.centerX = centerX.isNaN ? 0.5 : min(1, max(0, centerX))
        self.centerY = centerY.isNaN ? 0.5 : min(1, max(0, centerY))
    }

    /// Whether the whole image is shown.
    public var isFit: Bool { zoom <= 1 }

    /// Zoomed in (`steps` > 0) or out by whole steps, about the same centre.
    public func zoomed(steps: Int) -> ImageViewport {
        let clampedSteps = Double(max(-64, min(64, steps)))
        let z = zoom * pow15(clampedSteps)
        // Back at the whole image, the centre no longer matters: forget it, so the next zoom
        // in starts from the middle again.
        return z <= 1 ? .fit : ImageViewport(zoom: z, centerX: centerX, centerY: centerY)
    }

    /// Moved by `dx`, `dy` pan steps (a quarter of the visible part each), kept inside the
    /// image for an image of that size in a pane of that size.
    public func panned(dx: Int, dy: Int, imageWidth: Int, imageHeight: Int, columns: Int, rows: Int) -> ImageViewport {
        let (iw, ih) = (Double(max(1, imageWidth)), Double(max(1, imageHeight)))
        let (vw, vh) = visibleSize(imageWidth: imageWidth, imageHeight: imageHeight, columns: columns, rows: rows)
        let stepX = Double(max(-1_000, min(1_000, dx))) * Self.panStep * vw / iw
        let stepY = Double(max(-1_000, min(1_000, dy))) * Self.panStep * vh / ih
        var moved = ImageViewport(zoom: zoom, centerX: centerX + stepX, centerY: centerY + stepY)
        // Store the centre where the view really is, so panning past an edge and back
        // moves at once instead of first working off the overshoot.
        let region = moved.region(imageWidth: imageWidth, imageHeight: imageHeight, columns: columns, rows: rows)
        moved.centerX = (Double(region.x) + Double(region.width) / 2) / iw
        moved.centerY = (Double(region.y) + Double(region.height) / 2) / ih
        return moved
    }

    /// The viewport that fills a pane of that size with `box` (source pixels) and a margin of
    /// a tenth of the box around it, as far as `maxZoom` allows.
    public static func showing(box: PixelRegion, imageWidth: Int, imageHeight: Int, columns: Int, rows: Int) -> ImageViewport {
        let (iw, ih) = (Double(max(1, imageWidth)), Double(max(1, imageHeight)))
        let bw = Double(max(1, box.width)) * 1.2
        let bh = Double(max(1, box.height)) * 1.2
        let (pw, ph) = paneUnits(columns: columns, rows: rows)
        let fitScale = min(pw / iw, ph / ih)
        let boxScale = min(pw / bw, ph / bh)
        let cx = (Double(box.x) + Double(box.width) / 2) / iw
        let cy = (Double(box.y) + Double(box.height) / 2) / ih
        return ImageViewport(zoom: boxScale / fitScale, centerX: cx, centerY: cy)
    }

    /// The part of a `imageWidth` x `imageHeight` image shown in a pane of `columns` x `rows`
    /// cells: at zoom 1 the whole image; zoomed in, the part that fills the pane at that
    /// scale, moved inside the image when the centre is near an edge.
    public func region(imageWidth: Int, imageHeight: Int, columns: Int, rows: Int) -> PixelRegion {
        let iw = max(1, imageWidth), ih = max(1, imageHeight)
        guard !isFit else { return PixelRegion(x: 0, y: 0, width: iw, height: ih) }
        let (vw, vh) = visibleSize(imageWidth: iw, imageHeight: ih, columns: columns, rows: rows)
        let w = min(iw, max(1, Int(vw.rounded(.up))))
        let h = min(ih, max(1, Int(vh.rounded(.up))))
        let x = min(iw - w, max(0, Int((centerX * Double(iw) - Double(w) / 2).rounded())))
        let y = min(ih - h, max(0, Int((centerY * Double(ih) - Double(h) / 2).rounded())))
        return PixelRegion(x: x, y: y, width: w, height: h)
    }

    /// Width and height in source pixels of what the pane shows (not rounded).
    func visibleSize(imageWidth: Int, imageHeight: Int, columns: Int, rows: Int) -> (Double, Double) {
        let (iw, ih) = (Double(max(1, imageWidth)), Double(max(1, imageHeight)))
        let (pw, ph) = Self.paneUnits(columns: columns, rows: rows)
        // Pane units per source pixel when the whole image is fitted, then zoomed.
        let scale = min(pw / iw, ph / ih) * zoom
        return (min(iw, pw / scale), min(ih, ph / scale))
    }

    /// A pane's size in square units: a terminal cell is about twice as tall as wide.
    static func paneUnits(columns: Int, rows: Int) -> (Double, Double) {
        (Double(max(1, min(100_000, columns))), Double(max(1, min(100_000, rows))) * 2)
    }

    private func pow15(_ n: Double) -> Double {
        var r = 1.0
        for _ in 0..<Int(abs(n)) { r *= Self.zoomStep }
        return n < 0 ? 1 / r : r
    }
}
