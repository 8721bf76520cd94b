import Testing
import WinnowUI
@testable import WinnowImage

@Suite struct ImageHeaderReaderTests {
    @Test func readsPNGAndJPEGSizeFromTheHeader() throws {
        let fixtures = try ImageFixtures()
        let png = try fixtures.gradientPNG(width: 37, height: 21)
        let pngInfo = try #require(ImageHeaderReader().info(path: png))
        #expect(pngInfo.format == "PNG" && pngInfo.pixelWidth == 37 && pngInfo.pixelHeight == 21)
        #expect(pngInfo.byteSize == fixtures.bytes(png).count && pngInfo.problem == nil && pngInfo.note == nil)

        let jpeg = try fixtures.solidJPEG(width: 1280, height: 720, rgb: (0, 0, 0))
        let jpegInfo = try #require(ImageHeaderReader().info(path: jpeg))
        #expect(jpegInfo.format == "JPEG" && jpegInfo.pixelWidth == 1280 && jpegInfo.pixelHeight == 720)
        #expect(jpegInfo.problem == nil)
    }

    @Test func flagsAWrongExtension() throws {
        let fixtures = try ImageFixtures()
        let png = try fixtures.gradientPNG("photo.jpg")
        let info = try #require(ImageHeaderReader().info(path: png))
        #expect(info.format == "PNG")
        #expect(info.note == "wrong extension: .jpg file holds PNG")
        #expect(info.problem == nil)
    }

    @Test func flagsEmptyTruncatedBombAndUnsupported() throws {
        let fixtures = try ImageFixtures()
        let reader = ImageHeaderReader()
        #expect(reader.info(path: try fixtures.write("zero.jpg", []))?.problem == "empty file (0 bytes)")

        let jpeg = fixtures.bytes(try fixtures.solidJPEG(width: 200, height: 200, rgb: (9, 9, 9)))
        let cut = try fixtures.write("cut.jpg", Array(jpeg.prefix(jpeg.count - 40)))
        #expect(reader.info(path: cut)?.problem == "truncated JPEG: no end-of-image marker")
        #expect(reader.info(path: cut)?.pixelWidth == 200)

        let png = fixtures.bytes(try fixtures.gradientPNG(width: 50, height: 50))
        let cutPNG = try fixtures.write("cut.png", Array(png.prefix(png.count - 20)))
        #expect(reader.info(path: cutPNG)?.problem == "truncated PNG: no IEND chunk")
        let headerOnly = try fixtures.write("stub.png", Array(png.prefix(15)))
        #expect(reader.info(path: headerOnly)?.problem == "truncated PNG: header cut short")

        let bomb = try fixtures.pngHeaderOnly("bomb.png", width: 30000, height: 30000)
        let bombInfo = try #require(reader.info(path: bomb))
        #expect(bombInfo.pixelWidth == 30000 && bombInfo.problem == "too large to decode: 30000x30000 (limit 40 megapixels)")

        let huge = try fixtures.pngHeaderOnly("huge.png", width: 0xFFFF_FFFF, height: 0xFFFF_FFFF)
        #expect(reader.info(path: huge)?.problem?.hasPrefix("too large to decode: 4294967295x4294967295") == true)
        let zero = try fixtures.pngHeaderOnly("zero.png", width: 0, height: 10)
        #expect(reader.info(path: zero)?.problem == "corrupt PNG: 0x10 pixels")
        #expect(ImageDecoder().decode(path: huge).map { _ in 0 } != .success(0))

        let gif = try fixtures.write("a.gif", Array("GIF89a".utf8) + [0x40, 0x01, 0xF0, 0x00, 0, 0, 0, 0x3B])
        let gifInfo = try #require(reader.info(path: gif))
        #expect(gifInfo.format == "GIF" && gifInfo.pixelWidth == 320 && gifInfo.pixelHeight == 240)
        #expect(gifInfo.problem == "unsupported format: GIF")

        #expect(reader.info(path: fixtures.path("missing.jpg")) == nil)
    }
}
