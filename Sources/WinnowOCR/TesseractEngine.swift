import CTesseract
import Foundation
import WinnowCore
import WinnowImage

/// Tesseract through its C API: one `TessBaseAPI` per engine (load the language models once,
/// read many images). The pixels come from Winnow's own decoders, with their pixel and file
/// size limits, as 8-bit grey handed over with `TessBaseAPISetImage`; recognition stops at a
/// deadline through Tesseract's monitor.
public final class TesseractEngine: OCREngine {
    public let settings: OCRSettings
    /// Give up on an image after this long (the recognition pass checks the deadline).
    public var timeLimitMilliseconds: Int
    private let api: OpaquePointer
    private let decoder: ImageDecoder

    /// Images above this many pixels are read one at a time across the process (through the
    /// decoders' gate), so two jobs never hold two 40-megapixel buffers at once.
    public static let exclusivePixels = 12_000_000

    /// The linked library's version, e.g. `5.3.0`.
    public static var version: String { TessVersion().map { String(cString: $0) } ?? "unknown" }

    /// The settings an engine with these languages reads with (no model is loaded).
    public static func settings(languages: String) -> OCRSettings {
        OCRSettings(languages: languages, engine: "tesseract \(version)")
    }

    /// Loads the models for `languages` (Tesseract codes joined by `+`); throws with the
    /// packages to install when the language data is missing.
    public init(languages: String = OCRSettings.defaultLanguages, decoder: ImageDecoder = ImageDecoder(),
                timeLimitMilliseconds: Int = 10_000) throws(OCRError) {
        guard Self.isValidLanguageList(languages) else {
            throw OCRError(path: "", message: "bad OCR language list '\(languages)' (expected codes like chi_sim+eng)")
        }
        guard let api = TessBaseAPICreate() else { throw OCRError(path: "", message: "cannot create a Tesseract engine") }
        if TessBaseAPIInit3(api, nil, languages) != 0 {
            TessBaseAPIDelete(api)
            throw OCRError(path: "", message: "cannot load the Tesseract language data for \(languages); install \(Self.packages(for: languages).joined(separator: " ")) (Debian package names)")
        }
        // Tesseract's diagnostics ("Estimating resolution as ...") are not for our users.
        _ = TessBaseAPISetVariable(api, "debug_file", "/dev/null")
        // Per-character alternatives from the LSTM (read with the choice iterator): a quote
        // that differs only where OCR itself hesitated is not a misquote.
        _ = TessBaseAPISetVariable(api, "lstm_choice_mode", "2")
        self.api = api
        self.decoder = decoder
        self.timeLimitMilliseconds = timeLimitMilliseconds
        self.settings = Self.settings(languages: languages)
    }

    /// The time limit as the give-up message states it.
    private var limitText: String {
        timeLimitMilliseconds >= 1000 ? "\(timeLimitMilliseconds / 1000) s" : "\(timeLimitMilliseconds) ms"
    }

    deinit {
        TessBaseAPIEnd(api)
        TessBaseAPIDelete(api)
    }

    /// The Debian packages holding the data for a language list (`chi_sim` -> `tesseract-ocr-chi-sim`).
    public static func packages(for languages: String) -> [String] {
        languages.split(separator: "+").map { "tesseract-ocr-" + $0.lowercased().replacingOccurrences(of: "_", with: "-") }
    }

    static func isValidLanguageList(_ languages: String) -> Bool {
        !languages.isEmpty && languages.split(separator: "+", omittingEmptySubsequences: false).allSatisfy { code in
            !code.isEmpty && code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        }
    }

    public func recognize(path: String) -> OCRPage {
        let started = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Int { Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000) }
        // Decoding takes the decoders' process-wide gate, so two jobs (or a job and the
        // preview) never hold two RGBA buffers; only the grey copy (a quarter of the size)
        // leaves it. Recognition runs in parallel, except for very large images.
        let decoded: Result<GreyImage, ImageDecodeError> = ImageDecoder.exclusively {
            decoder.decode(path: path).map { GreyImage($0) }
        }
        switch decoded {
        case .failure(let error):
            return OCRPage(lines: [], error: error.message, milliseconds: elapsed())
        case .success(let grey):
            if grey.width * grey.height > Self.exclusivePixels {
                return ImageDecoder.exclusively { recognize(grey: grey, started: started) }
            }
            return recognize(grey: grey, started: started)
        }
    }

    /// Lines at least this tall (pixels) and below ``rereadConfidence`` are read again scaled
    /// down: Tesseract's line model is trained on text about 30 to 40 pixels high and often
    /// misreads a shop sign's 90-pixel characters outright.
    public static let rereadHeight = 48
    public static let rereadConfidence = 80.0
    /// The line height the second reading scales to.
    static let rereadTargetHeight = 40

    /// Reads 8-bit grey pixels (rows of `width` bytes).
    package func recognize(grey: GreyImage, started: UInt64 = DispatchTime.now().uptimeNanoseconds) -> OCRPage {
        func elapsed() -> Int { Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000) }
        guard grey.width > 0, grey.height > 0 else { return OCRPage(lines: [], error: "empty image", milliseconds: elapsed()) }
        defer { TessBaseAPIClear(api) }
        // Several scales: Tesseract finds lines of text about 20 to 60 pixels high; a shop
        // sign's 160-pixel characters are found only in a reduced copy. Lines found at a
        // smaller scale are kept where no line was found, or replace a less confident one.
        var lines: [OCRLine] = []
        for scale in Self.scales {
            let image: GreyImage
            if scale == 1 {
                image = grey
            } else {
                guard Double(min(grey.width, grey.height)) * scale >= Double(Self.minScaledSide),
                      let reduced = grey.crop(OCRBox(x: 0, y: 0, width: grey.width, height: grey.height), margin: 0, scale: scale)
                else { break }
                image = reduced
            }
            TessBaseAPISetPageSegMode(api, pageSegMode)
            guard let status = run(image, started: started) else {
                return OCRPage(lines: [], error: "gave up after \(limitText)", milliseconds: elapsed(), isRetryable: true)
            }
            if status != 0 {
                if scale == 1 { return OCRPage(lines: [], error: "Tesseract could not read the image", milliseconds: elapsed()) }
                continue
            }
            Self.merge(readLines(scale: scale), into: &lines)
        }
        lines.sort { ($0.box.y, $0.box.x) < ($1.box.y, $1.box.x) }
        for (k, line) in lines.enumerated() where line.box.height >= Self.rereadHeight && line.confidence < Self.rereadConfidence {
            guard let crop = grey.crop(line.box, margin: line.box.height / 4, scale: Double(Self.rereadTargetHeight) / Double(line.box.height)) else { continue }
            TessBaseAPISetPageSegMode(api, PSM_SINGLE_LINE)
            guard run(crop, started: started) == 0 else { continue }
            // One line is expected; should Tesseract split it, the pieces are joined and
            // their alternatives kept only when each piece has them.
            let read = readLines()
            let text = read.map(\.text).joined()
            let alternatives = read.allSatisfy({ $0.alternatives.count == $0.text.count }) ? read.flatMap(\.alternatives) : []
            let confidence = Double(TessBaseAPIMeanTextConf(api))
            if !text.isEmpty, confidence > line.confidence {
                lines[k] = OCRLine(text: text, box: line.box, confidence: min(100, confidence), alternatives: alternatives)
            }
        }
        TessBaseAPISetPageSegMode(api, pageSegMode)
        if elapsed() >= timeLimitMilliseconds {
            return OCRPage(lines: [], error: "gave up after \(limitText)", milliseconds: elapsed(), isRetryable: true)
        }
        return OCRPage(lines: lines, milliseconds: elapsed())
    }

    /// Recognises `grey` within what is left of the time limit: Tesseract's status, or nil
    /// when the deadline passed.
    private func run(_ grey: GreyImage, started: UInt64) -> Int32? {
        let spent = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
        let remaining = timeLimitMilliseconds - spent
        guard remaining > 0 else { return nil }
        let status: Int32 = grey.pixels.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return -1 }
            TessBaseAPISetImage(api, base, Int32(clamping: grey.width), Int32(clamping: grey.height), 1, Int32(clamping: grey.width))
            guard let monitor = TessMonitorCreate() else { return TessBaseAPIRecognize(api, nil) }
            defer { TessMonitorDelete(monitor) }
            TessMonitorSetDeadlineMSecs(monitor, Int32(clamping: remaining))
            return TessBaseAPIRecognize(api, monitor)
        }
        let after = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
        return after >= timeLimitMilliseconds ? nil : status
    }

    /// The scales the image is read at.
    static let scales = [1.0, 0.5, 0.25]
    /// A reduced copy whose shorter side would be under this is not read.
    static let minScaledSide = 120
    /// Tesseract's page segmentation mode: one uniform block. On generated sign pictures it
    /// read the main sign in 33 of 38 images, against 26 for automatic layout (the CLI's
    /// default, which drops lines it takes for pictures) and 26 for sparse text.
    let pageSegMode = PSM_SINGLE_BLOCK

    /// Adds lines read at a smaller scale: a line overlapping none is added; one overlapping
    /// others replaces them when it is more confident than all of them.
    static func merge(_ new: [OCRLine], into lines: inout [OCRLine]) {
        for line in new {
            let overlapping = lines.indices.filter { overlap(lines[$0].box, line.box) > 0.3 }
            if overlapping.isEmpty {
                lines.append(line)
            } else if overlapping.allSatisfy({ lines[$0].confidence < line.confidence }) {
                for k in overlapping.reversed() { lines.remove(at: k) }
                lines.append(line)
            }
        }
    }

    /// Intersection over the smaller box's area.
    static func overlap(_ a: OCRBox, _ b: OCRBox) -> Double {
        let w = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
        let h = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
        guard w > 0, h > 0 else { return 0 }
        let smaller = min(a.width * a.height, b.width * b.height)
        return smaller > 0 ? Double(w * h) / Double(smaller) : 0
    }

    /// The text lines of the last recognition, in Tesseract's reading order, with boxes in
    /// the coordinates of the image before it was scaled by `scale`.
    private func readLines(scale: Double = 1) -> [OCRLine] {
        guard let iterator = TessBaseAPIGetIterator(api) else { return [] }
        defer { TessResultIteratorDelete(iterator) }
        var lines: [OCRLine] = []
        repeat {
            guard let raw = TessResultIteratorGetUTF8Text(iterator, RIL_TEXTLINE) else { continue }
            let text = String(cString: raw).trimmingCharacters(in: .whitespacesAndNewlines)
            TessDeleteText(raw)
            guard !text.isEmpty else { continue }
            let confidence = Double(TessResultIteratorConfidence(iterator, RIL_TEXTLINE))
            var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
            if let page = TessResultIteratorGetPageIteratorConst(iterator) {
                _ = TessPageIteratorBoundingBox(page, RIL_TEXTLINE, &left, &top, &right, &bottom)
            }
            let joined = Self.joinCJK(text)
            lines.append(OCRLine(text: joined,
                                 box: OCRBox(x: Int(Double(left) / scale), y: Int(Double(top) / scale),
                                             width: Int(Double(right - left) / scale), height: Int(Double(bottom - top) / scale)),
                                 confidence: min(100, max(0, confidence)),
                                 alternatives: Self.align(symbols(ofLineAt: iterator), to: joined)))
        } while TessResultIteratorNext(iterator, RIL_TEXTLINE) != 0
        return lines
    }

    /// Alternatives the LSTM gave at least this confidence (0 to 100) are kept; most of its
    /// choices come with 0 and are noise.
    static let minAlternativeConfidence: Float = 1
    /// At most this many alternatives per character.
    static let maxAlternatives = 4

    /// The symbols of the line the iterator is at, each with its alternatives (Tesseract's
    /// choice iterator, filled because `lstm_choice_mode` is 2), in reading order.
    private func symbols(ofLineAt iterator: OpaquePointer) -> [(text: String, alternatives: String)] {
        guard let walker = TessResultIteratorCopy(iterator) else { return [] }
        defer { TessResultIteratorDelete(walker) }
        var out: [(text: String, alternatives: String)] = []
        repeat {
            guard let raw = TessResultIteratorGetUTF8Text(walker, RIL_SYMBOL) else { continue }
            let text = String(cString: raw)
            TessDeleteText(raw)
            var alternatives = ""
            if let choices = TessResultIteratorGetChoiceIterator(walker) {
                var count = 0
                repeat {
                    guard let choice = TessChoiceIteratorGetUTF8Text(choices) else { continue }
                    let candidate = String(cString: choice)
                    // One character each: a multi-character choice cannot stand for one.
                    guard candidate.count == 1, candidate != text, !alternatives.contains(candidate),
                          TessChoiceIteratorConfidence(choices) >= Self.minAlternativeConfidence else { continue }
                    alternatives += candidate
                    count += 1
                } while count < Self.maxAlternatives && TessChoiceIteratorNext(choices) != 0
                TessChoiceIteratorDelete(choices)
            }
            out.append((text, alternatives))
            guard TessResultIteratorNext(walker, RIL_SYMBOL) != 0 else { break }
        } while !Self.isAtLineStart(walker)
        return out
    }

    private static func isAtLineStart(_ iterator: OpaquePointer) -> Bool {
        guard let page = TessResultIteratorGetPageIteratorConst(iterator) else { return true }
        return TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0
    }

    /// Alternatives per character of `text` (the line as joined), from its symbols in order:
    /// white space gets none; any disagreement between the symbols and the text gives none at
    /// all rather than alternatives for the wrong characters.
    static func align(_ symbols: [(text: String, alternatives: String)], to text: String) -> [String] {
        var out: [String] = []
        out.reserveCapacity(text.count)
        var next = 0
        for c in text {
            if c.isWhitespace { out.append(""); continue }
            guard next < symbols.count, symbols[next].text == String(c) else { return [] }
            out.append(symbols[next].alternatives)
            next += 1
        }
        return out.allSatisfy(\.isEmpty) ? [] : out
    }

    /// Drops the spaces Tesseract puts between Chinese characters (it segments Chinese into
    /// one-character "words"); spaces between Latin words stay.
    static func joinCJK(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        for (i, c) in chars.enumerated() {
            if c == " ", i > 0, i + 1 < chars.count, isWide(chars[i - 1]) || isWide(chars[i + 1]) { continue }
            out.append(c)
        }
        return out
    }

    private static func isWide(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first?.value else { return false }
        return (0x2E80...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFFEF).contains(v)
            || (0x20000...0x3FFFF).contains(v)
    }
}

/// 8-bit grey pixels, rows packed; alpha is composited over white (a transparent PNG's text
/// would otherwise sit on black).
package struct GreyImage: Sendable {
    package var width: Int
    package var height: Int
    package var pixels: [UInt8]

    package init(width: Int, height: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    package init(_ image: DecodedImage) {
        width = image.width
        height = image.height
        let count = image.width * image.height
        pixels = [UInt8](repeating: 255, count: count)
        image.withPixels { rgba in
            pixels.withUnsafeMutableBufferPointer { out in
                guard rgba.count >= count * 4 else { return }
                for i in 0..<count {
                    let r = UInt32(rgba[4 * i]), g = UInt32(rgba[4 * i + 1]), b = UInt32(rgba[4 * i + 2]), a = UInt32(rgba[4 * i + 3])
                    let y = (r * 299 + g * 587 + b * 114) / 1000
                    out[i] = UInt8((y * a + 255 * (255 - a)) / 255)
                }
            }
        }
    }

    /// The part of the image inside `box` (grown by `margin`, clipped to the image), scaled by
    /// `scale` (< 1 averages each output pixel's source area); nil when nothing is left.
    package func crop(_ box: OCRBox, margin: Int, scale: Double) -> GreyImage? {
        let x0 = max(0, box.x - margin), y0 = max(0, box.y - margin)
        let x1 = min(width, box.x + box.width + margin), y1 = min(height, box.y + box.height + margin)
        guard x1 > x0, y1 > y0, scale > 0, scale <= 1 else { return nil }
        let w = max(1, Int(Double(x1 - x0) * scale)), h = max(1, Int(Double(y1 - y0) * scale))
        var out = [UInt8](repeating: 255, count: w * h)
        let sx = Double(x1 - x0) / Double(w), sy = Double(y1 - y0) / Double(h)
        for oy in 0..<h {
            let ya = y0 + Int(Double(oy) * sy), yb = max(ya + 1, min(y1, y0 + Int(Double(oy + 1) * sy)))
            for ox in 0..<w {
                let xa = x0 + Int(Double(ox) * sx), xb = max(xa + 1, min(x1, x0 + Int(Double(ox + 1) * sx)))
                var sum = 0, n = 0
                for y in ya..<yb { for x in xa..<xb { sum += Int(pixels[y * width + x]); n += 1 } }
                out[oy * w + ox] = UInt8(sum / max(1, n))
            }
        }
        return GreyImage(width: w, height: h, pixels: out)
    }
}
