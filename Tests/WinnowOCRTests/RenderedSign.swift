import Foundation

/// Test images with real Chinese text, drawn at test time with Pillow and a CJK font (no
/// binary fixtures in the repository). Fails, never skips, when a tool is missing: the
/// message names the Debian package to install.
enum RenderedSign {
    struct Failure: Error, CustomStringConvertible { var description: String }

    /// One text drawn at (x, y) with a font of `size` pixels.
    struct Text {
        var text: String
        var x: Int
        var y: Int
        var size: Int
    }

    /// Draws `texts` in dark blue on an orange board and saves the image at `path` (the
    /// format from the extension: .png, .jpg).
    static func draw(_ texts: [Text], width: Int, height: Int, path: String) throws {
        let font = try cjkFont()
        let items = texts.map { "(\(pyString($0.text)), \($0.x), \($0.y), \($0.size))" }.joined(separator: ", ")
        let script = """
            from PIL import Image, ImageDraw, ImageFont
            img = Image.new('RGB', (\(width), \(height)), (238, 120, 20))
            d = ImageDraw.Draw(img)
            for text, x, y, size in [\(items)]:
                d.text((x, y), text, font=ImageFont.truetype(\(pyString(font)), size, index=2), fill=(20, 60, 160))
            img.save(\(pyString(path)), quality=90)
            """
        let result = try run("/usr/bin/env", ["python3", "-c", script])
        guard result.status == 0 else {
            throw Failure(description: "drawing a test image failed (needs python3-pil, Debian: apt-get install python3-pil): \(result.output)")
        }
    }

    /// A CJK font file, found with fontconfig.
    static func cjkFont() throws -> String {
        let result = try run("/usr/bin/env", ["fc-match", "-f", "%{file}", "Noto Sans CJK SC:style=Bold"])
        let path = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard result.status == 0, path.lowercased().contains("cjk"), FileManager.default.fileExists(atPath: path) else {
            throw Failure(description: "no CJK font for the OCR test images (Debian: apt-get install fonts-noto-cjk)")
        }
        return path
    }

    static func pyString(_ s: String) -> String {
        "'" + s.unicodeScalars.map { String(format: "\\U%08x", $0.value) }.joined() + "'"
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A fresh folder under the temporary directory.
    static func tempFolder() -> String {
        let dir = NSTemporaryDirectory() + "winnow-ocr-test-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
