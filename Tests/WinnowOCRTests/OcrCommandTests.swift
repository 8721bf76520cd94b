import Foundation
import Testing
import WinnowCore

/// The OCR fix workflow through the built binary: `winnow ocr`, resumed from the cache,
/// `lint --kind ocr-mismatch`, `--as-decisions` into `decide`, and `merge`.
@Suite(.serialized) struct OcrCommandTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = repo.appendingPathComponent(".build/debug/winnow").path
    static var built: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    static func winnow(_ args: [String]) throws -> (status: Int32, output: String) {
        try RenderedSign.run(binary, args)
    }

    static func dataset(in dir: String) throws -> String {
        try RenderedSign.draw([.init(text: "宋记鲜花坊", x: 30, y: 40, size: 80)], width: 520, height: 200, path: dir + "/a.png")
        try RenderedSign.draw([.init(text: "老王面馆", x: 30, y: 40, size: 80)], width: 520, height: 200, path: dir + "/b.jpg")
        let data = #"""
            [{"id": "a", "image": "a.png", "conversations": [{"from": "human", "value": "<image>\n招牌上写着什么？"}, {"from": "gpt", "value": "招牌上写着“宋记鲜花”，很醒目。"}]},
             {"id": "b", "image": "b.jpg", "conversations": [{"from": "human", "value": "<image>\n招牌上写着什么？"}, {"from": "gpt", "value": "招牌上写着“老王面馆”。"}]}]
            """#
        let path = dir + "/d.json"
        try Data(data.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(.enabled(if: built, "needs `swift build` first (the winnow binary)"))
    func ocrLintDecideMerge() throws {
        let dir = RenderedSign.tempFolder()
        let path = try Self.dataset(in: dir)

        let first = try Self.winnow(["ocr", path, "--jobs", "2"])
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("2 of 2 images (2 read now, 0 from the cache)"), "\(first.output)")
        #expect(FileManager.default.fileExists(atPath: path + ".winnow-ocr"))

        let again = try Self.winnow(["ocr", path, "--json"])
        #expect(again.output.contains("(0 read now, 2 from the cache)"), "\(again.output)")
        let records = again.output.split(separator: "\n").filter { $0.hasPrefix("{") }
        #expect(records.count == 2)
        #expect(records.first?.contains("\"box\":[") == true)

        let lint = try Self.winnow(["lint", path, "--kind", "ocr-mismatch"])
        #expect(lint.status == 1)
        #expect(lint.output == "0 a ocr-mismatch: turn 2 quotes “宋记鲜花” but the image reads “宋记鲜花坊”\n", "\(lint.output)")

        let decisions = try Self.winnow(["lint", path, "--kind", "ocr-mismatch", "--as-decisions"])
        #expect(decisions.output.contains(#""decision":"edit""#), "\(decisions.output)")
        let fixes = dir + "/fixes.jsonl"
        try Data(decisions.output.utf8).write(to: URL(fileURLWithPath: fixes))
        let decided = try Self.winnow(["decide", path, "--from", fixes])
        #expect(decided.status == 0, "\(decided.output)")
        let merged = try Self.winnow(["merge", path, "-o", dir + "/clean.json"])
        #expect(merged.status == 0, "\(merged.output)")
        let clean = try String(contentsOfFile: dir + "/clean.json", encoding: .utf8)
        #expect(clean.contains("招牌上写着“宋记鲜花坊”，很醒目。"))
        #expect(clean.contains("招牌上写着“老王面馆”。"))
    }

    @Test(.enabled(if: built, "needs `swift build` first (the winnow binary)"))
    func timeLimitOutOfRangeIsAUsageError() throws {
        let dir = RenderedSign.tempFolder()
        let path = dir + "/d.json"
        try Data(#"[{"id": "a", "image": "a.png", "conversations": []}]"#.utf8).write(to: URL(fileURLWithPath: path))
        let result = try Self.winnow(["ocr", path, "--time-limit", "0"])
        #expect(result.status == 64)
        #expect(result.output.contains("--time-limit must be 1 to 3600 seconds"), "\(result.output)")
    }

    @Test(.enabled(if: built, "needs `swift build` first (the winnow binary)"))
    func lintSaysWhenThereIsNoCache() throws {
        let dir = RenderedSign.tempFolder()
        let path = dir + "/d.json"
        try Data(#"[{"id": "a", "image": "a.png", "conversations": [{"from": "human", "value": "<image>\n写着什么？"}, {"from": "gpt", "value": "写着“老王面馆”。"}]}]"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        let lint = try Self.winnow(["lint", path, "--kind", "ocr-mismatch"])
        #expect(lint.status == 0)
        #expect(lint.output.contains("ocr-mismatch not checked: no OCR cache for d.json"), "\(lint.output)")
    }
}
