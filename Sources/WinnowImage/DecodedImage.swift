import CImageDecode
import Foundation

/// RGBA pixels, 8 bits per channel, rows packed (`width * 4` bytes each).
public struct DecodedImage: Sendable {
    public var width: Int
    public var height: Int
    /// Size of the source before DCT scaling.
    public var sourceWidth: Int
    public var sourceHeight: Int
    /// The decoder's own buffer, kept rather than copied: a copy of a 40-megapixel image would
    /// double the peak memory past the 256 MB budget.
    let buffer: PixelBuffer

    /// Calls `body` with the packed RGBA bytes.
    public func withPixels<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: buffer.pointer, count: buffer.count))
    }

    /// The RGBA bytes of one pixel, or nil outside the image.
    public func rgba(x: Int, y: Int) -> [UInt8]? {
        guard x >= 0, x < width, y >= 0, y < height else { return nil }
        let start = (y * width + x) * 4
        return withPixels { Array($0[start..<start + 4]) }
    }
}

/// Owns a malloc'd pixel buffer from the C decoders and frees it once.
final class PixelBuffer: @unchecked Sendable {
    // Immutable after init; only read.
    let pointer: UnsafeMutablePointer<UInt8>
    let count: Int

    init(pointer: UnsafeMutablePointer<UInt8>, count: Int) {
        self.pointer = pointer
        self.count = count
    }

    deinit { free(pointer) }
}

/// Why an image could not be decoded, with a message short enough for the preview pane.
public struct ImageDecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

/// Decodes JPEG, PNG and WebP files through the C helpers, refusing oversized images from
/// their header before any pixel buffer is allocated.
public struct ImageDecoder: Sendable {
    public var maxPixels: Int
    public var maxFileBytes: Int

    public init(maxPixels: Int = ImageLimits.maxPixels, maxFileBytes: Int = ImageLimits.maxFileBytes) {
        self.maxPixels = maxPixels
        self.maxFileBytes = maxFileBytes
    }

    private static let gate = NSLock()

    /// Runs a decode and whatever uses its pixels with no other such work in the process, so
    /// a preview decoding in the background and a full view never hold two large buffers.
    public static func exclusively<R>(_ body: () throws -> R) rethrows -> R {
        gate.lock()
        defer { gate.unlock() }
        return try body()
    }

    /// Decodes the file at `path`; a JPEG is decoded at the smallest DCT scale that still
    /// covers `targetWidth` x `targetHeight` pixels (pass 0 for full size).
    public func decode(path: String, targetWidth: Int = 0, targetHeight: Int = 0) -> Result<DecodedImage, ImageDecodeError> {
        func failure(_ message: String) -> Result<DecodedImage, ImageDecodeError> {
            .failure(ImageDecodeError(path: path, message: message))
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? Int else { return failure("cannot read file") }
        if size == 0 { return failure("empty file (0 bytes)") }
        if size > maxFileBytes { return failure("file too large (\(size / 1_048_576) MB)") }
        guard let data = FileManager.default.contents(atPath: path) else { return failure("cannot read file") }
        return decode(data: data, targetWidth: targetWidth, targetHeight: targetHeight)
            .mapError { ImageDecodeError(path: path, message: $0.message) }
    }

    /// Decodes image bytes already in memory.
    public func decode(data: Data, targetWidth: Int = 0, targetHeight: Int = 0) -> Result<DecodedImage, ImageDecodeError> {
        func failure(_ message: String) -> Result<DecodedImage, ImageDecodeError> {
            .failure(ImageDecodeError(path: "", message: message))
        }
        if data.isEmpty { return failure("empty file (0 bytes)") }
        guard let format = ImageFormat.sniff(data) else { return failure("not an image: unrecognised content") }
        guard format.isDecodable else { return failure("unsupported format: \(format.rawValue)") }
        let limits = wn_limits(max_source_pixels: Int64(maxPixels),
                               target_width: Int32(clamping: targetWidth),
                               target_height: Int32(clamping: targetHeight))
        var image = wn_image()
        var error = [CChar](repeating: 0, count: Int(WN_ERROR_CAPACITY))
        let status: Int32 = data.withUnsafeBytes { raw in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return -1 }
            return error.withUnsafeMutableBufferPointer { err in
                switch format {
                case .jpeg: wn_decode_jpeg(base, raw.count, limits, &image, err.baseAddress)
                case .png: wn_decode_png(base, raw.count, limits, &image, err.baseAddress)
                default: wn_decode_webp(base, raw.count, limits, &image, err.baseAddress)
                }
            }
        }
        guard status == 0, let pixels = image.pixels else {
            let message = cMessage(error)
            return failure(message.isEmpty ? "cannot decode \(format.rawValue)" : message)
        }
        let count = Int(image.width) * Int(image.height) * 4
        return .success(DecodedImage(width: Int(image.width), height: Int(image.height),
                                     sourceWidth: Int(image.source_width), sourceHeight: Int(image.source_height),
                                     buffer: PixelBuffer(pointer: pixels, count: count)))
    }
}

/// Writes test and benchmark images with libpng and libjpeg, so tests need no fixtures.
package enum ImageWriter {
    /// Writes `rgba` (width * height * 4 bytes) as a PNG file.
    package static func writePNG(path: String, width: Int, height: Int, rgba: [UInt8]) throws(ImageDecodeError) {
        guard rgba.count == width * height * 4 else { throw ImageDecodeError(path: path, message: "pixel count mismatch") }
        var error = [CChar](repeating: 0, count: Int(WN_ERROR_CAPACITY))
        let status = error.withUnsafeMutableBufferPointer { wn_write_png(path, rgba, Int32(width), Int32(height), $0.baseAddress) }
        if status != 0 { throw ImageDecodeError(path: path, message: cMessage(error)) }
    }

    /// Writes `rgba` (width * height * 4 bytes) as a lossless WebP file.
    package static func writeWebP(path: String, width: Int, height: Int, rgba: [UInt8]) throws(ImageDecodeError) {
        guard rgba.count == width * height * 4 else { throw ImageDecodeError(path: path, message: "pixel count mismatch") }
        var error = [CChar](repeating: 0, count: Int(WN_ERROR_CAPACITY))
        let status = error.withUnsafeMutableBufferPointer { wn_write_webp(path, rgba, Int32(width), Int32(height), $0.baseAddress) }
        if status != 0 { throw ImageDecodeError(path: path, message: cMessage(error)) }
    }

    /// Writes `rgb` (width * height * 3 bytes) as a baseline JPEG file.
    package static func writeJPEG(path: String, width: Int, height: Int, rgb: [UInt8], quality: Int = 85) throws(ImageDecodeError) {
        guard rgb.count == width * height * 3 else { throw ImageDecodeError(path: path, message: "pixel count mismatch") }
        var error = [CChar](repeating: 0, count: Int(WN_ERROR_CAPACITY))
        let status = error.withUnsafeMutableBufferPointer {
            wn_write_jpeg(path, rgb, Int32(width), Int32(height), Int32(quality), $0.baseAddress)
        }
        if status != 0 { throw ImageDecodeError(path: path, message: cMessage(error)) }
    }
}

/// The NUL-terminated message a C helper left in `buffer`.
func cMessage(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
