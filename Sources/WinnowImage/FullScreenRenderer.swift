import CChafa
import Foundation
import WinnowCore
import WinnowUI

/// Builds the bytes of the full view: the image over the whole terminal at the best fidelity
/// the terminal supports, and one caption line at the bottom.
public struct FullScreenRenderer: Sendable {
    public var support: GraphicsSupport
    public var colorMode: SymbolColorMode
    public var decoder: ImageDecoder
    /// Pixels per cell assumed for pixel modes (the terminal scales the image to the cells).
    public var cellPixels: (width: Int, height: Int) = (8, 16)

    public init(support: GraphicsSupport, colorMode: SymbolColorMode, decoder: ImageDecoder = ImageDecoder()) {
        self.support = support
        self.colorMode = colorMode
        self.decoder = decoder
    }

    /// The bytes to write after leaving curses mode, or nil when the image cannot be drawn
    /// (graphics off, unreadable or undecodable file).
    /// `region` (source pixels) shows only that part of the image (a zoomed view); `hint`
    /// replaces "press any key to return" at the end of the caption.
    public func render(path: String, width: Int, height: Int, region: PixelRegion? = nil, hint: String? = nil) -> [UInt8]? {
        guard support.mode != .off, width >= 2, height >= 2 else { return nil }
        let imageRows = height - 1
        var body: [UInt8]
        var caption = Self.sanitized(PathText.lastComponent(path))
        // iTerm2 is sent the file itself and cannot be told to crop it: a zoomed view is drawn
        // with symbols there.
        let mode = region != nil && support.mode == .iterm ? GraphicsMode.symbols : support.mode
        switch mode {
        case .iterm:
            // iTerm2 decodes the file itself: send it as it is, after checking it is an image.
            guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
                  size > 0, size <= decoder.maxFileBytes,
                  let data = FileManager.default.contents(atPath: path),
                  let format = ImageFormat.sniff(data), format.isDecodable else { return nil }
            body = Self.itermSequence(file: data, name: caption, width: width, height: imageRows)
            caption += " · \(format.rawValue)"
        case .kitty, .sixel:
            let target = decodeTarget(path: path, cells: (width * cellPixels.width / 8, imageRows * cellPixels.height / 8), region: region)
            guard case .success(let image) = decoder.decode(path: path, targetWidth: target.0, targetHeight: target.1) else { return nil }
            body = pixelSequence(image, width: width, height: imageRows, region: region.map { image.decoded($0) })
            caption += " · \(image.sourceWidth)x\(image.sourceHeight)"
        case .symbols, .off:
            let target = decodeTarget(path: path, cells: (width, imageRows), region: region)
            guard case .success(let image) = decoder.decode(path: path, targetWidth: target.0, targetHeight: target.1) else { return nil }
            body = symbolSequence(image, width: width, height: imageRows, region: region.map { image.decoded($0) })
            caption += " · \(image.sourceWidth)x\(image.sourceHeight)"
        }
        if support.tmuxPassthrough, mode != .symbols {
            body = TmuxPassthrough.wrap(body)
        }
        caption += " · " + Self.sanitized(hint ?? "press any key to return")
        var out: [UInt8] = []
        // Draw on the alternate screen so nothing is left in the scrollback, and delete any
        // kitty image an earlier view left behind.
        out += Array("\u{1B}[?1049h\u{1B}[H\u{1B}[2J".utf8)
        if support.mode == .kitty {
            let delete = Array("\u{1B}_Ga=d,q=2\u{1B}\\".utf8)
            out += support.tmuxPassthrough ? TmuxPassthrough.wrap(delete) : delete
        }
        out += body
        out += Array("\u{1B}[\(height);1H\u{1B}[0m".utf8)
        out += Array(Self.clipped(caption, to: width - 1).utf8)
        return out
    }

    // MARK: Modes

    /// OSC 1337 File= with the file's bytes in base64, sized in cells, aspect kept.
    static func itermSequence(file: Data, name: String, width: Int, height: Int) -> [UInt8] {
        let header = "\u{1B}]1337;File=name=\(Data(name.utf8).base64EncodedString());size=\(file.count);"
            + "width=\(width);height=\(height);preserveAspectRatio=1;inline=1:"
        return Array("\u{1B}[1;1H".utf8) + Array(header.utf8) + Array(file.base64EncodedData()) + [0x07]
    }

    /// Decode size for `cells` (8x8 pixels each) showing `region` of the source; without a
    /// region (or when the header gives no size), the whole image at that size.
    func decodeTarget(path: String, cells: (Int, Int), region: PixelRegion?) -> (Int, Int) {
        let base = SymbolRenderer.targetPixels(width: cells.0, height: cells.1)
        guard let region, let info = ImageHeaderReader().info(path: path),
              let w = info.pixelWidth, let h = info.pixelHeight else { return base }
        let t = DecodedImage.target(cells: (cells.0, cells.1), region: region, sourceWidth: w, sourceHeight: h)
        return (t.width, t.height)
    }

    private func pixelSequence(_ image: DecodedImage, width: Int, height: Int, region: PixelRegion?) -> [UInt8] {
        let renderer = SymbolRenderer(colorMode: colorMode)
        let part = image.clamped(region)
        let size = renderer.fittedSize(imageWidth: part.width, imageHeight: part.height, width: width, height: height)
        guard let config = chafa_canvas_config_new() else { return [] }
        defer { chafa_canvas_config_unref(config) }
        chafa_canvas_config_set_geometry(config, gint(size.width), gint(size.height))
        chafa_canvas_config_set_cell_geometry(config, gint(cellPixels.width), gint(cellPixels.height))
        chafa_canvas_config_set_pixel_mode(config, support.mode == .kitty ? CHAFA_PIXEL_MODE_KITTY : CHAFA_PIXEL_MODE_SIXELS)
        chafa_canvas_config_set_canvas_mode(config, CHAFA_CANVAS_MODE_TRUECOLOR)
        guard let canvas = chafa_canvas_new(config) else { return [] }
        defer { chafa_canvas_unref(canvas) }
        image.drawPixels(part, into: canvas)
        let termInfo = Self.termInfo(for: support.mode)
        defer { if let termInfo { chafa_term_info_unref(termInfo) } }
        let left = (width - size.width) / 2 + 1
        let top = (height - size.height) / 2 + 1
        var bytes = printed(canvas, termInfo: termInfo)
        if support.mode == .kitty { bytes = Self.quietKitty(bytes) }
        return Array("\u{1B}[\(top);\(left)H".utf8) + bytes
    }

    /// Adds `q=2` to chafa's kitty transmission so the terminal never answers: an answer would
    /// arrive on stdin as keystrokes once the review resumes.
    static func quietKitty(_ bytes: [UInt8]) -> [UInt8] {
        let start = Array("\u{1B}_Ga=T,".utf8)
        guard bytes.count >= start.count,
              let at = (0...(bytes.count - start.count)).first(where: { bytes[$0..<$0 + start.count].elementsEqual(start) })
        else { return bytes }
        var out = bytes
        out.insert(contentsOf: Array("q=2,".utf8), at: at + start.count)
        return out
    }

    private func symbolSequence(_ image: DecodedImage, width: Int, height: Int, region: PixelRegion?) -> [UInt8] {
        let renderer = SymbolRenderer(colorMode: colorMode)
        let part = image.clamped(region)
        let size = renderer.fittedSize(imageWidth: part.width, imageHeight: part.height, width: width, height: height)
        let text = renderer.ansi(image, width: width, height: height, region: part)
        let left = (width - size.width) / 2 + 1
        let top = (height - size.height) / 2 + 1
        // Place each row explicitly: the tty's newline translation is not ours to rely on.
        var out: [UInt8] = []
        for (index, line) in text.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            out += Array("\u{1B}[\(top + index);\(left)H".utf8)
            out += line
        }
        return out
    }

    /// chafa's sequences for a terminal of the given kind, from its terminal database.
    private static func termInfo(for mode: GraphicsMode) -> OpaquePointer? {
        let variables: [String] = switch mode {
        case .kitty: ["TERM=xterm-kitty", "KITTY_WINDOW_ID=1"]
        case .sixel: ["TERM=mlterm"]
        case .iterm: ["TERM_PROGRAM=iTerm.app"]
        case .symbols, .off: ["TERM=xterm-256color"]
        }
        var pointers: [UnsafeMutablePointer<gchar>?] = variables.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeMutableBufferPointer { envp in
            chafa_term_db_detect(chafa_term_db_get_default(), envp.baseAddress)
        }
    }

    // MARK: Caption

    /// The file name made safe to print: control characters, C1 and bidi controls dropped.
    static func sanitized(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { scalar in
            let v = scalar.value
            let control = v < 0x20 || (0x7F...0x9F).contains(v)
            let bidi = (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F
            return !control && !bidi
        }))
    }

    private static func clipped(_ text: String, to columns: Int) -> String {
        var used = 0
        var out = ""
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > columns { break }
            used += w
            out.append(character)
        }
        return out
    }
}
