import Testing
@testable import WinnowImage

@Suite struct ImageFormatTests {
    @Test func sniffsByMagicBytes() {
        #expect(ImageFormat.sniff([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]) == .jpeg)
        #expect(ImageFormat.sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]) == .png)
        #expect(ImageFormat.sniff(Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)) == .webp)
        #expect(ImageFormat.sniff(Array("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8)) == .gif)
        #expect(ImageFormat.sniff(Array("BM".utf8) + [UInt8](repeating: 0, count: 20)) == .bmp)
        #expect(ImageFormat.sniff([0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0]) == .tiff)
        #expect(ImageFormat.sniff([0, 0, 0, 0x1C] + Array("ftypavif".utf8)) == .avif)
    }

    @Test func unknownAndShortInputsAreNotImages() {
        #expect(ImageFormat.sniff([UInt8]()) == nil)
        #expect(ImageFormat.sniff([0xFF, 0xD8]) == nil)
        #expect(ImageFormat.sniff(Array("{\"id\": 1}".utf8)) == nil)
        #expect(ImageFormat.sniff(Array("RIFF\u{0}\u{0}\u{0}\u{0}WAVE".utf8)) == nil)
    }

    @Test func onlyJPEGPNGAndWebPAreDecodable() {
        #expect(ImageFormat.allCases.filter(\.isDecodable) == [.jpeg, .png, .webp])
    }
}
