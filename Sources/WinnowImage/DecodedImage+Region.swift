import CChafa
import WinnowUI

extension DecodedImage {
    /// `region` (decoded pixels) cut to the image and at least one pixel large; the whole
    /// image for nil.
    public func clamped(_ region: PixelRegion?) -> PixelRegion {
        let w = max(1, width), h = max(1, height)
        guard let region else { return PixelRegion(x: 0, y: 0, width: w, height: h) }
        let x = min(w - 1, max(0, region.x))
        let y = min(h - 1, max(0, region.y))
        return PixelRegion(x: x, y: y, width: min(w - x, max(1, region.width)), height: min(h - y, max(1, region.height)))
    }

    /// A region of the source image (what `ImageViewport` works in) in this decode's pixels,
    /// which a JPEG's DCT scaling made smaller.
    public func decoded(_ source: PixelRegion) -> PixelRegion {
        let sw = max(1, sourceWidth), sh = max(1, sourceHeight)
        let x0 = source.x * width / sw, y0 = source.y * height / sh
        let x1 = ((source.x + source.width) * width + sw - 1) / sw
        let y1 = ((source.y + source.height) * height + sh - 1) / sh
        return clamped(PixelRegion(x: x0, y: y0, width: x1 - x0, height: y1 - y0))
    }

    /// Hands chafa the pixels of `region` without copying them: the rows start at the
    /// region's first pixel and keep the whole image's stride.
    func drawPixels(_ region: PixelRegion, into canvas: OpaquePointer) {
        let part = clamped(region)
        withPixels { buffer in
            let offset = (part.y * width + part.x) * 4
            guard let base = buffer.baseAddress, width > 0, height > 0,
                  offset + ((part.height - 1) * width + part.width) * 4 <= buffer.count else { return }
            chafa_canvas_draw_all_pixels(canvas, CHAFA_PIXEL_RGBA8_UNASSOCIATED, base + offset,
                                         gint(part.width), gint(part.height), gint(width * 4))
        }
    }

    /// Pixels worth decoding so that `region` (source pixels) covers `cells` at 8x8 pixels a
    /// cell: the whole image scaled up by how much of it the region leaves out, never more
    /// than the source.
    package static func target(cells: (width: Int, height: Int), region: PixelRegion, sourceWidth: Int, sourceHeight: Int) -> (width: Int, height: Int) {
        let base = SymbolRenderer.targetPixels(width: cells.width, height: cells.height)
        let w = min(max(1, sourceWidth), base.width * max(1, sourceWidth) / max(1, region.width))
        let h = min(max(1, sourceHeight), base.height * max(1, sourceHeight) / max(1, region.height))
        return (w, h)
    }
}
