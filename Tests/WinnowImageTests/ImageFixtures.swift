import Foundation
@testable import WinnowImage

/// One folder per test process, removed when the process exits (not per fixture: the
/// optimizer may end a fixture's lifetime before a test's last use of its files).
private let imageTestRoot: String = {
    let root = NSTemporaryDirectory() + "winnow-image-tests-\(getpid())"
    atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "winnow-image-tests-\(getpid())") }
    return root
}()

/// Images the tests make themselves in a temporary folder (no fixtures in the repository).
struct ImageFixtures {
    let folder: String

    init() throws {
        folder = imageTestRoot + "/" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder + "/" + name }

    /// A horizontal red-to-blue gradient PNG.
    func gradientPNG(_ name: String = "gradient.png", width: Int = 64, height: Int = 32) throws -> String {
        var rgba: [UInt8] = []
        rgba.reserveCapacity(width * height * 4)
        for _ in 0..<height {
            for x in 0..<width {
                let t = UInt8(x * 255 / max(1, width - 1))
                rgba += [255 - t, 0, t, 255]
            }
        }
        let p = path(name)
        try ImageWriter.writePNG(path: p, width: width, height: height, rgba: rgba)
        return p
    }

    /// A JPEG of one solid colour.
    func solidJPEG(_ name: String = "solid.jpg", width: Int, height: Int, rgb: (UInt8, UInt8, UInt8)) throws -> String {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(width * height * 3)
        for _ in 0..<(width * height) { pixels += [rgb.0, rgb.1, rgb.2] }
        let p = path(name)
        try ImageWriter.writeJPEG(path: p, width: width, height: height, rgb: pixels)
        return p
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let p = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }

    func bytes(_ path: String) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: path) ?? Data())
    }

    /// A PNG that claims `width` x `height` pixels but carries a tiny IDAT: a decompression bomb's
    /// header, which must be refused before any buffer is allocated.
    func pngHeaderOnly(_ name: String, width: UInt32, height: UInt32) throws -> String {
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var ihdr: [UInt8] = []
        ihdr += bigEndian(width) + bigEndian(height)
        ihdr += [8, 6, 0, 0, 0] // 8-bit RGBA, deflate, no filter, no interlace
        out += chunk("IHDR", ihdr)
        out += chunk("IDAT", [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01])
        out += chunk("IEND", [])
        return try write(name, out)
    }

    private func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(crc32(typeBytes + data))
    }

    private func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    private func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
