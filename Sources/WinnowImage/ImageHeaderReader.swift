import WinnowCore
import Foundation
import WinnowUI

/// Reads what the metadata pane shows from an image's header (and its last bytes, to spot a
/// truncated file) without decoding any pixels.
public struct ImageHeaderReader: Sendable {
    /// Largest width * height Winnow will decode; bigger images are refused from the header.
    public var maxPixels: Int

    public init(maxPixels: Int = ImageLimits.maxPixels) {
        self.maxPixels = maxPixels
    }

    /// The facts about the file at `path`, or nil when it cannot be opened.
    public func info(path: String) -> ImageFileInfo? {
        guard let file = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? file.close() }
        guard let end = try? file.seekToEnd() else { return nil }
        let size = Int(end)
        var info = ImageFileInfo(format: nil, pixelWidth: nil, pixelHeight: nil, byteSize: size, problem: nil)
        if size == 0 {
            info.problem = "empty file (0 bytes)"
            return info
        }
        let head = read(file, at: 0, count: 64)
        guard let format = ImageFormat.sniff(head) else {
            info.problem = "not an image: unrecognised content"
            return info
        }
        info.format = format.rawValue
        info.note = extensionNote(path: path, format: format)
        var dimensions: (Int, Int)?
        switch format {
        case .jpeg:
            switch jpegDimensions(file, size: size) {
            case .success(let d): dimensions = d
            case .failure(let problem): info.problem = problem.message
            }
        case .png: dimensions = pngDimensions(head, problem: &info.problem)
        case .webp: dimensions = webpDimensions(head)
        case .gif: dimensions = head.count >= 10 ? (le16(head, 6), le16(head, 8)) : nil
        case .bmp: dimensions = head.count >= 26 ? (abs(le32(head, 18)), abs(le32(head, 22))) : nil
        case .tiff, .avif, .heic: dimensions = nil
        }
        if let (w, h) = dimensions {
            info.pixelWidth = w
            info.pixelHeight = h
        }
        if info.problem == nil, !format.isDecodable {
            info.problem = "unsupported format: \(format.rawValue)"
        }
        // PNG sizes are 32-bit: the product is checked for overflow, not trusted.
        if info.problem == nil, let (w, h) = dimensions,
           w <= 0 || h <= 0 || w.multipliedReportingOverflow(by: h).overflow || w * h > maxPixels {
            info.problem = w <= 0 || h <= 0
                ? "corrupt \(format.rawValue): \(w)x\(h) pixels"
                : "too large to decode: \(w)x\(h) (limit \(maxPixels / 1_000_000) megapixels)"
        }
        if info.problem == nil, let truncation = truncationProblem(file, size: size, format: format) {
            info.problem = truncation
        }
        return info
    }

    // MARK: Per-format headers

    private struct HeaderProblem: Error { var message: String }

    /// Walks the JPEG marker segments up to the first SOFn (EXIF blocks may come first).
    private func jpegDimensions(_ file: FileHandle, size: Int) -> Result<(Int, Int), HeaderProblem> {
        var offset = 2
        for _ in 0..<512 {
            let marker = read(file, at: offset, count: 9)
            guard marker.count >= 4 else { return .failure(HeaderProblem(message: "truncated JPEG: header ends at byte \(offset)")) }
            guard marker[0] == 0xFF else { return .failure(HeaderProblem(message: "corrupt JPEG: no marker at byte \(offset)")) }
            let code = marker[1]
            if code == 0xFF { offset += 1; continue }
            if code == 0xD8 || code == 0x01 || (0xD0...0xD7).contains(code) { offset += 2; continue }
            let length = Int(marker[2]) << 8 | Int(marker[3])
            let isFrame = (0xC0...0xCF).contains(code) && code != 0xC4 && code != 0xC8 && code != 0xCC
            if isFrame {
                guard marker.count >= 9 else { return .failure(HeaderProblem(message: "truncated JPEG: frame header cut at byte \(offset)")) }
                let height = Int(marker[5]) << 8 | Int(marker[6])
                let width = Int(marker[7]) << 8 | Int(marker[8])
                return .success((width, height))
            }
            if code == 0xDA || code == 0xD9 { break }
            guard length >= 2 else { return .failure(HeaderProblem(message: "corrupt JPEG: bad segment length at byte \(offset)")) }
            offset += 2 + length
            if offset >= size { return .failure(HeaderProblem(message: "truncated JPEG: header runs past the end (\(size) bytes)")) }
        }
        return .failure(HeaderProblem(message: "corrupt JPEG: no frame header"))
    }

    private func pngDimensions(_ head: [UInt8], problem: inout String?) -> (Int, Int)? {
        // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4).
        guard head.count >= 24, Array(head[12..<16]) == Array("IHDR".utf8) else {
            problem = head.count < 24 ? "truncated PNG: header cut short" : "corrupt PNG: first chunk is not IHDR"
            return nil
        }
        return (be32(head, 16), be32(head, 20))
    }

    private func webpDimensions(_ head: [UInt8]) -> (Int, Int)? {
        guard head.count >= 30 else { return nil }
        switch String(decoding: head[12..<16], as: UTF8.self) {
        case "VP8 ":
            return (le16(head, 26) & 0x3FFF, le16(head, 28) & 0x3FFF)
        case "VP8L":
            let bits = UInt32(head[21]) | UInt32(head[22]) << 8 | UInt32(head[23]) << 16 | UInt32(head[24]) << 24
            return (Int(bits & 0x3FFF) + 1, Int((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":
            let w = Int(head[24]) | Int(head[25]) << 8 | Int(head[26]) << 16
            let h = Int(head[27]) | Int(head[28]) << 8 | Int(head[29]) << 16
            return (w + 1, h + 1)
        default:
            return nil
        }
    }

    /// A file that lost its end: JPEG without EOI (FF D9) near the end, PNG without IEND.
    private func truncationProblem(_ file: FileHandle, size: Int, format: ImageFormat) -> String? {
        let tailLength = min(size, 4096)
        let tail = read(file, at: size - tailLength, count: tailLength)
        switch format {
        case .jpeg:
            // Entropy-coded data stuffs every FF with 00, so FF D9 there can only be the end.
            let hasEnd = tail.indices.dropLast().contains { tail[$0] == 0xFF && tail[$0 + 1] == 0xD9 }
            return hasEnd ? nil : "truncated JPEG: no end-of-image marker"
        case .png:
            let iend = Array("IEND".utf8)
            let hasEnd = tail.count >= 4 && (0...(tail.count - 4)).contains { Array(tail[$0..<$0 + 4]) == iend }
            return hasEnd ? nil : "truncated PNG: no IEND chunk"
        default:
            return nil
        }
    }

    private func extensionNote(path: String, format: ImageFormat) -> String? {
        let ext = PathText.fileExtension(path).lowercased()
        guard !ext.isEmpty, !format.extensions.contains(ext) else { return nil }
        return "wrong extension: .\(ext) file holds \(format.rawValue)"
    }

    // MARK: Bytes

    private func read(_ file: FileHandle, at offset: Int, count: Int) -> [UInt8] {
        guard offset >= 0, (try? file.seek(toOffset: UInt64(offset))) != nil,
              let data = try? file.read(upToCount: count) else { return [] }
        return [UInt8](data)
    }

    private func le16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    private func le32(_ b: [UInt8], _ i: Int) -> Int {
        Int(Int32(bitPattern: UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24))
    }
    private func be32(_ b: [UInt8], _ i: Int) -> Int {
        Int(UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3]))
    }
}

/// Limits that keep a hostile image from taking the machine.
public enum ImageLimits {
    /// 40 megapixels: at 4 bytes a pixel the decode buffer stays under 160 MB, so the whole
    /// process stays under 256 MB even for the largest accepted PNG.
    public static let maxPixels = 40_000_000
    /// Files above this size are not read into memory at all.
    public static let maxFileBytes = 100 * 1024 * 1024
}
