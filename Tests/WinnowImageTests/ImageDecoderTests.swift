import Foundation
import Testing
import WinnowUI
@testable import WinnowImage

@Suite struct ImageDecoderTests {
    @Test func decodesPNGPixels() throws {
        let fixtures = try ImageFixtures()
        let path = try fixtures.gradientPNG(width: 64, height: 32)
        let image = try ImageDecoder().decode(path: path).get()
        #expect(image.width == 64 && image.height == 32)
        #expect(image.withPixels { $0.count } == 64 * 32 * 4)
        // Left edge red, right edge blue, opaque.
        #expect(image.rgba(x: 0, y: 0) == [255, 0, 0, 255])
        #expect(image.rgba(x: 63, y: 31) == [0, 0, 255, 255])
        #expect(image.rgba(x: 64, y: 0) == nil)
    }

    @Test func decodesJPEGAtFullSize() throws {
        let fixtures = try ImageFixtures()
        let path = try fixtures.solidJPEG(width: 100, height: 60, rgb: (200, 30, 40))
        let image = try ImageDecoder().decode(path: path).get()
        #expect(image.width == 100 && image.height == 60)
        let pixel = try #require(image.rgba(x: 50, y: 30))
        #expect(abs(Int(pixel[0]) - 200) <= 6 && abs(Int(pixel[1]) - 30) <= 6 && abs(Int(pixel[2]) - 40) <= 6)
        #expect(pixel[3] == 255)
    }

    @Test func scalesJPEGWithDCTForSmallTargets() throws {
        let fixtures = try ImageFixtures()
        let path = try fixtures.solidJPEG(width: 1280, height: 960, rgb: (10, 120, 200))
        // 160x120 is exactly 1/8: the smallest scale still covering the target.
        let eighth = try ImageDecoder().decode(path: path, targetWidth: 160, targetHeight: 120).get()
        #expect(eighth.width == 160 && eighth.height == 120)
        #expect(eighth.sourceWidth == 1280 && eighth.sourceHeight == 960)
        // 400 wide needs 1/2 (640); 1/4 (320) would be too small.
        let half = try ImageDecoder().decode(path: path, targetWidth: 400, targetHeight: 100).get()
        #expect(half.width == 640 && half.height == 480)
    }

    @Test func decodesWebPAndReadsItsHeader() throws {
        let fixtures = try ImageFixtures()
        var rgba: [UInt8] = []
        for y in 0..<20 { for x in 0..<30 { rgba += [UInt8(x * 8), UInt8(y * 12), 90, 255] } }
        let path = fixtures.path("tile.webp")
        try ImageWriter.writeWebP(path: path, width: 30, height: 20, rgba: rgba)
        let image = try ImageDecoder().decode(path: path).get()
        #expect(image.width == 30 && image.height == 20)
        #expect(image.rgba(x: 29, y: 19) == [232, 228, 90, 255])
        let info = try #require(ImageHeaderReader().info(path: path))
        #expect(info.format == "WebP" && info.pixelWidth == 30 && info.pixelHeight == 20 && info.problem == nil)
    }

    @Test func zeroBytesIsRefused() throws {
        let fixtures = try ImageFixtures()
        let path = try fixtures.write("empty.jpg", [])
        let result = ImageDecoder().decode(path: path)
        #expect(message(result) == "empty file (0 bytes)")
    }

    @Test func truncatedJPEGGivesAMessage() throws {
        let fixtures = try ImageFixtures()
        let full = fixtures.bytes(try fixtures.solidJPEG(width: 256, height: 256, rgb: (1, 2, 3)))
        let path = try fixtures.write("cut.jpg", Array(full.prefix(full.count / 2)))
        #expect(message(ImageDecoder().decode(path: path))?.hasPrefix("truncated JPEG") == true)
    }

    @Test func truncatedPNGGivesAMessage() throws {
        let fixtures = try ImageFixtures()
        let full = fixtures.bytes(try fixtures.gradientPNG(width: 300, height: 200))
        let path = try fixtures.write("cut.png", Array(full.prefix(full.count / 2)))
        let text = message(ImageDecoder().decode(path: path))
        #expect(text?.contains("PNG") == true)
    }

    @Test func corruptJPEGDoesNotCrash() throws {
        let fixtures = try ImageFixtures()
        var bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0]
        bytes += (0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }
        let path = try fixtures.write("noise.jpg", bytes)
        #expect(message(ImageDecoder().decode(path: path))?.hasPrefix("corrupt JPEG") == true)
    }

    @Test func pngBombIsRefusedFromTheHeaderQuickly() throws {
        let fixtures = try ImageFixtures()
        let path = try fixtures.pngHeaderOnly("bomb.png", width: 30000, height: 30000)
        var before = rusage()
        getrusage(RUSAGE_SELF.rawValue, &before)
        let start = Date()
        let text = message(ImageDecoder().decode(path: path))
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(text?.hasPrefix("image too large: 30000x30000") == true)
        // Bounded memory: the process's high-water mark (shared with the tests running beside
        // this one) never came near the 900 MP * 4 bytes = 3.6 GB a decode would need.
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #expect(usage.ru_maxrss < max(before.ru_maxrss, 256 * 1024) + 512 * 1024) // kilobytes on Linux
    }

    @Test func unsupportedFormatIsNamed() throws {
        let fixtures = try ImageFixtures()
        let path = try fixtures.write("anim.gif", Array("GIF89a".utf8) + [1, 0, 1, 0, 0, 0, 0, 0x3B])
        #expect(message(ImageDecoder().decode(path: path)) == "unsupported format: GIF")
        let text = try fixtures.write("notes.png", Array("hello, not an image".utf8))
        #expect(message(ImageDecoder().decode(path: text)) == "not an image: unrecognised content")
    }

    private func message(_ result: Result<DecodedImage, ImageDecodeError>) -> String? {
        if case .failure(let error) = result { return error.message }
        return nil
    }
}

/// Damaged copies of valid files: every one decodes or gives a message, none crashes.
@Suite struct ImageDecoderMutationTests {
    @Test(arguments: ["jpeg", "png"]) func mutatedFilesNeverCrash(kind: String) throws {
        let fixtures = try ImageFixtures()
        let original = kind == "jpeg"
            ? fixtures.bytes(try fixtures.solidJPEG(width: 96, height: 64, rgb: (90, 140, 30)))
            : fixtures.bytes(try fixtures.gradientPNG(width: 96, height: 64))
        var generator = SplitMix(seed: kind == "jpeg" ? 1 : 2)
        var decoded = 0, refused = 0
        for round in 0..<150 {
            var bytes = original
            for _ in 0..<(1 + round % 8) {
                let at = Int(generator.next() % UInt64(bytes.count))
                bytes[at] = UInt8(truncatingIfNeeded: generator.next())
            }
            if round % 5 == 0 { bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count)))) }
            switch ImageDecoder().decode(data: Data(bytes), targetWidth: 32, targetHeight: 16) {
            case .success(let image):
                #expect(image.width > 0 && image.height > 0 && image.withPixels { $0.count } == image.width * image.height * 4)
                decoded += 1
            case .failure(let error):
                #expect(!error.message.isEmpty)
                refused += 1
            }
        }
        #expect(decoded + refused == 150 && refused > 0)
    }
}

/// A small deterministic generator so failures reproduce.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
