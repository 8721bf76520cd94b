import Foundation
import Testing

/// The image in a real terminal: the preview pane beside the dialogue at 160x48, the toggle,
/// and the full view (symbols) returning to an intact review screen.
@Suite(.serialized, .enabled(if: Prerequisite.tmux, Prerequisite.tmuxReason)) struct ImagePaneEndToEndTests {
    /// A dataset of two samples whose images the test draws itself.
    private func makeDataset() throws -> (folder: URL, dataset: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-e2e-image-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("img"), withIntermediateDirectories: true)
        try TinyPNG.stripes(width: 96, height: 64, period: 6).write(to: folder.appendingPathComponent("img/board.png"))
        try TinyPNG.stripes(width: 64, height: 64, period: 4).write(to: folder.appendingPathComponent("img/small.png"))
        let json = """
        [
        {"id": "s1", "image": "img/board.png", "conversations": [{"from": "human", "value": "<image>\\n图中有什么？"}, {"from": "gpt", "value": "一个红蓝相间的棋盘。"}]},
        {"id": "s2", "image": "img/small.png", "conversations": [{"from": "human", "value": "<image>\\n颜色？"}, {"from": "gpt", "value": "红色和蓝色。"}]}
        ]
        """
        let dataset = folder.appendingPathComponent("data.json").path
        try json.write(toFile: dataset, atomically: true, encoding: .utf8)
        return (folder, dataset)
    }

    /// Whether the screen holds many block-element symbols (U+2580-U+259F): the preview of a
    /// striped image draws hundreds; the rest of the screen at most a few turn markers.
    private func hasBlockSymbols(_ screen: String) -> Bool {
        screen.unicodeScalars.filter { (0x2580...0x259F).contains($0.value) }.count >= 30
    }

    @Test func previewToggleAndFullViewRoundTrip() throws {
        let (folder, dataset) = try makeDataset()
        defer { try? FileManager.default.removeItem(at: folder) }
        let t = try TmuxSession(arguments: ["review", dataset, "--graphics", "symbols"], width: 160, height: 48,
                                environment: ["COLORTERM": nil, "WINNOW_IMAGE_VIEWER": "true"])
        defer { t.close() }
        #expect(t.waitUntil(timeout: 15) { self.hasBlockSymbols($0) }, "no preview pane:\n\(t.capture())")
        #expect(t.capture().contains("image"))

        t.sendKeys("I")
        #expect(t.waitUntil { !self.hasBlockSymbols($0) }, "preview still shown after toggle:\n\(t.capture())")
        t.sendKeys("I")
        #expect(t.waitUntil { self.hasBlockSymbols($0) }, "preview not back:\n\(t.capture())")
        // The toggle's message goes with the next key; clear it so the screen is steady.
        t.sendKeys("C-l")
        #expect(t.waitForAbsence("image pane on"))

        let before = t.capture()
        t.sendKeys("v")
        #expect(t.waitFor("other keys return"), "no full view:\n\(t.capture())")
        #expect(!t.capture().contains("图中有什么"))
        t.sendKeys("Space")
        #expect(t.waitUntil { $0 == before }, "screen not restored:\n\(t.capture())\n--- expected ---\n\(before)")

        t.sendKeys("q")
        #expect(t.waitForExit(timeout: 20) == 0)
    }
}

/// Writes small RGB PNGs with stored (uncompressed) deflate blocks: enough for tests, no zlib.
enum TinyPNG {
    /// Diagonal red and blue stripes: fine detail, so symbol output needs partial blocks.
    static func stripes(width: Int, height: Int, period: Int) -> Data {
        var raw: [UInt8] = []
        for y in 0..<height {
            raw.append(0) // filter: none
            for x in 0..<width {
                let red = ((x + y) / max(1, period)) % 2 == 0
                raw += red ? [220, 30, 30] : [30, 60, 220]
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", be32(UInt32(width)) + be32(UInt32(height)) + [8, 2, 0, 0, 0])
        png += chunk("IDAT", zlibStored(raw))
        png += chunk("IEND", [])
        return Data(png)
    }

    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let n = min(65_535, data.count - offset)
            let final: UInt8 = offset + n >= data.count ? 1 : 0
            out += [final, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += data[offset..<offset + n]
            offset += n
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return out + be32(b << 16 | a)
    }

    private static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + body
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in typed {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return be32(UInt32(body.count)) + typed + be32(~crc)
    }

    private static func be32(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }
}
