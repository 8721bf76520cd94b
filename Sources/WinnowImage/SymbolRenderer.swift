import CChafa
import WinnowUI

/// Which colours symbol output may use.
public enum SymbolColorMode: String, Sendable, CaseIterable {
    case truecolor
    case indexed256
    case indexed16
    /// No colours: symbol shapes in the terminal's own foreground on its background.
    case monochrome

    /// Monochrome under `NO_COLOR` (no-color.org), true colour when `COLORTERM` says so, else
    /// 256 colours (what nearly every terminal and tmux handle).
    public static func detect(environment: [String: String]) -> SymbolColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
        return colorTerm == "truecolor" || colorTerm == "24bit" ? .truecolor : .indexed256
    }

    var chafaMode: ChafaCanvasMode {
        switch self {
        case .truecolor: CHAFA_CANVAS_MODE_TRUECOLOR
        case .indexed256: CHAFA_CANVAS_MODE_INDEXED_240
        case .indexed16: CHAFA_CANVAS_MODE_INDEXED_16
        case .monochrome: CHAFA_CANVAS_MODE_FGBG
        }
    }
}

/// Draws decoded pixels as Unicode block symbols with libchafa into a `ScreenGrid`, so the
/// terminal backend copies it like any other grid (no escape codes in the preview path).
public struct SymbolRenderer: Sendable {
    public var colorMode: SymbolColorMode
    /// Cell width over cell height of the terminal font; 0.5 for the usual 1:2 cells.
    public var fontRatio: Float

    public init(colorMode: SymbolColorMode = .indexed256, fontRatio: Float = 0.5) {
        self.colorMode = colorMode
        self.fontRatio = fontRatio
    }

    /// Pixel size worth decoding for a `width` x `height` cell area (chafa samples 8x8 per cell).
    public static func targetPixels(width: Int, height: Int) -> (width: Int, height: Int) {
        (max(1, width) * 8, max(1, height) * 8)
    }

    /// The canvas size in cells that fits `image` into `width` x `height` keeping its aspect.
    public func fittedSize(imageWidth: Int, imageHeight: Int, width: Int, height: Int) -> (width: Int, height: Int) {
        var w = gint(clamping: max(1, width))
        var h = gint(clamping: max(1, height))
        chafa_calc_canvas_geometry(gint(clamping: max(1, imageWidth)), gint(clamping: max(1, imageHeight)),
                                   &w, &h, fontRatio, 0, 0)
        return (max(1, min(Int(w), width)), max(1, min(Int(h), height)))
    }

    /// A grid of exactly `width` x `height` cells with the image (or its `region`, in the
    /// decoded image's pixels: a zoomed view) centred in it.
    public func render(_ image: DecodedImage, width: Int, height: Int, region: PixelRegion? = nil) -> ScreenGrid {
        var grid = ScreenGrid(width: width, height: height)
        guard width > 0, height > 0, image.width > 0, image.height > 0,
              image.withPixels({ $0.count }) >= image.width * image.height * 4 else { return grid }
        let part = image.clamped(region)
        let size = fittedSize(imageWidth: part.width, imageHeight: part.height, width: width, height: height)
        let left = (width - size.width) / 2
        let top = (height - size.height) / 2
        withCanvas(image, region: part, width: size.width, height: size.height) { canvas in
            for y in 0..<size.height {
                for x in 0..<size.width {
                    let scalar = Unicode.Scalar(UInt32(chafa_canvas_get_char_at(canvas, gint(x), gint(y)))) ?? " "
                    var fg: gint = -1, bg: gint = -1
                    if colorMode == .truecolor {
                        chafa_canvas_get_colors_at(canvas, gint(x), gint(y), &fg, &bg)
                    } else {
                        chafa_canvas_get_raw_colors_at(canvas, gint(x), gint(y), &fg, &bg)
                    }
                    let style = CellStyle(foreground: color(fg), background: color(bg))
                    // Block symbols are one column wide; anything else chafa picked is replaced
                    // rather than risk a misaligned row.
                    let text = scalar.value < 0x20 || scalar.properties.isWhitespace ? " " : String(Character(scalar))
                    grid.put(text, width: 1, row: top + y, column: left + x, style: style)
                }
            }
        }
        return grid
    }

    /// ANSI text (symbols with SGR colours) for the full view, `width` x `height` cells at most.
    public func ansi(_ image: DecodedImage, width: Int, height: Int, region: PixelRegion? = nil) -> [UInt8] {
        let part = image.clamped(region)
        let size = fittedSize(imageWidth: part.width, imageHeight: part.height, width: width, height: height)
        var bytes: [UInt8] = []
        withCanvas(image, region: part, width: size.width, height: size.height) { canvas in
            bytes = printed(canvas, termInfo: nil)
        }
        return bytes
    }

    private func withCanvas(_ image: DecodedImage, region: PixelRegion, width: Int, height: Int, _ body: (OpaquePointer) -> Void) {
        guard let config = chafa_canvas_config_new() else { return }
        defer { chafa_canvas_config_unref(config) }
        chafa_canvas_config_set_geometry(config, gint(width), gint(height))
        chafa_canvas_config_set_canvas_mode(config, colorMode.chafaMode)
        if let symbols = chafa_symbol_map_new() {
            let tags = CHAFA_SYMBOL_TAG_BLOCK.rawValue | CHAFA_SYMBOL_TAG_HALF.rawValue
                | CHAFA_SYMBOL_TAG_SPACE.rawValue | CHAFA_SYMBOL_TAG_SOLID.rawValue
            chafa_symbol_map_add_by_tags(symbols, ChafaSymbolTags(rawValue: tags))
            chafa_symbol_map_remove_by_tags(symbols, CHAFA_SYMBOL_TAG_WIDE)
            chafa_canvas_config_set_symbol_map(config, symbols)
            chafa_symbol_map_unref(symbols)
        }
        guard let canvas = chafa_canvas_new(config) else { return }
        defer { chafa_canvas_unref(canvas) }
        image.drawPixels(region, into: canvas)
        body(canvas)
    }

    private func color(_ value: gint) -> TerminalColor {
        if value < 0 || colorMode == .monochrome { return .default }
        if colorMode == .truecolor {
            return .rgb(UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
        }
        // Indices above 255 are chafa's transparent / default-colour markers.
        return value <= 255 ? .indexed(UInt8(value)) : .default
    }
}

/// The bytes chafa prints for a canvas, for a given terminal (nil: chafa's fallback ANSI).
func printed(_ canvas: OpaquePointer, termInfo: OpaquePointer?) -> [UInt8] {
    guard let string = chafa_canvas_print(canvas, termInfo) else { return [] }
    defer { g_string_free(string, 1) }
    guard let str = string.pointee.str else { return [] }
    return Array(UnsafeRawBufferPointer(start: str, count: Int(string.pointee.len)))
}
