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
        self.api = api
        self.decoder = decoder
        self.timeLimitMilliseconds = timeLimitMilliseconds
        self.settings = Self.settings(languages: languages)
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

    /// Reads 8-bit grey pixels (rows of `width` bytes).
    package func recognize(grey: GreyImage, started: UInt64 = DispatchTime.now().uptimeNanoseconds) -> OCRPage {
        func elapsed() -> Int { Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000) }
        guard grey.width > 0, grey.height > 0 else { return OCRPage(lines: [], error: "empty image", milliseconds: elapsed()) }
        defer { TessBaseAPIClear(api) }
        let status: Int32 = grey.pixels.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return -1 }
            TessBaseAPISetImage(api, base, Int32(clamping: grey.width), Int32(clamping: grey.height), 1, Int32(clamping: grey.width))
            guard let monitor = TessMonitorCreate() else { return TessBaseAPIRecognize(api, nil) }
            defer { TessMonitorDelete(monitor) }
            let remaining = max(1, timeLimitMilliseconds - elapsed())
            TessMonitorSetDeadlineMSecs(monitor, Int32(clamping: remaining))
            return TessBaseAPIRecognize(api, monitor)
        }
        let ms = elapsed()
        if ms >= timeLimitMilliseconds {
            return OCRPage(lines: [], error: "gave up after \(timeLimitMilliseconds / 1000) s", milliseconds: ms)
        }
        if status != 0 { return OCRPage(lines: [], error: "Tesseract could not read the image", milliseconds: ms) }
        return OCRPage(lines: readLines(), milliseconds: elapsed())
    }

    /// The text lines of the last recognition, in Tesseract's reading order.
    private func readLines() -> [OCRLine] {
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
            lines.append(OCRLine(text: Self.joinCJK(text),
                                 box: OCRBox(x: Int(left), y: Int(top), width: Int(right - left), height: Int(bottom - top)),
                                 confidence: min(100, max(0, confidence))))
        } while TessResultIteratorNext(iterator, RIL_TEXTLINE) != 0
        return lines
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
}
