import Testing
import Foundation

/// Edited text must survive `winnow decide --edit` and `winnow merge` exactly, in raw UTF-8
/// and in \u-escaped datasets.
@Suite
struct EditRoundTripTests {
    /// Text no layer may alter: ZWJ emoji, combining marks, CJK beyond the BMP, CRLF, tab,
    /// quotes, backslashes, a lone surrogate-free astral ideograph, a control character.
    static let tricky = "改👨\u{200D}👩\u{200D}👧 e\u{0301}\u{0323} 𠀋𡈽𪚲 \r\n\t\"引号\" \\ \\n \\u0041 '单' \u{7} 末"

    static func dataset(ascii: Bool) throws -> String {
        let samples: [[String: Any]] = (0..<3).map { i in
            ["id": "s\(i)", "image": "img/\(i).jpg",
             "conversations": [["from": "human", "value": "<image>\n图中有什么？\(i)"],
                               ["from": "gpt", "value": "图中有一只猫在桌子上。\(i)"]]]
        }
        let data = try JSONSerialization.data(withJSONObject: samples, options: [.sortedKeys])
        var text = String(decoding: data, as: UTF8.self)
        if ascii {
            var escaped = ""
            for scalar in text.unicodeScalars {
                if scalar.value < 0x80 { escaped.unicodeScalars.append(scalar); continue }
                for unit in String(scalar).utf16 { escaped += String(format: "\\u%04x", unit) }
            }
            text = escaped
        }
        return text
    }

    /// The text of turn `turn` of sample `index` in a merged JSON array file.
    static func turnText(in path: String, index: Int, turn: Int) throws -> String? {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let array = try JSONSerialization.jsonObject(with: data) as? [[String: Any]],
              index < array.count,
              let conv = array[index]["conversations"] as? [[String: Any]], turn < conv.count else { return nil }
        return conv[turn]["value"] as? String
    }

    @Test(arguments: [false, true])
    func editSurvivesDecideAndMerge(ascii: Bool) throws {
        let dir = E2ETempDir()
        let input = dir.file("data.json")
        try Self.dataset(ascii: ascii).write(toFile: input, atomically: true, encoding: .utf8)
        let decided = try WinnowCLI.run(["decide", input, "--edit", "1", "--turn", "1", "--text", Self.tricky,
                                            "--reviewer", "tester"])
        #expect(decided.status == 0, "decide: \(decided.stderr)")
        let output = dir.file("out.json")
        let merged = try WinnowCLI.run(["merge", input, "-o", output])
        #expect(merged.status == 0, "merge: \(merged.stderr)")
        let text = try Self.turnText(in: output, index: 1, turn: 1)
        #expect(text == Self.tricky)
        #expect(text?.unicodeScalars.elementsEqual(Self.tricky.unicodeScalars) == true)
        // The other samples are untouched.
        #expect(try Self.turnText(in: output, index: 0, turn: 1) == "图中有一只猫在桌子上。0")
        if ascii {
            // An \u-escaped input stays ASCII-only in the output.
            let bytes = try Data(contentsOf: URL(fileURLWithPath: output))
            #expect(bytes.allSatisfy { $0 < 0x80 })
        }
        // `winnow diff` shows the edit, plain without a terminal, controls made visible.
        let diff = try WinnowCLI.run(["diff", input])
        #expect(diff.status == 0, "diff: \(diff.stderr)")
        #expect(diff.stdout.contains("sample 1 (id s1)"))
        #expect(diff.stdout.contains("[-图中有一只猫在桌子上。1-]") || diff.stdout.contains("[-"))
        #expect(diff.stdout.contains("𠀋𡈽𪚲"))
        #expect(!diff.stdout.unicodeScalars.contains { $0.value == 0x07 || $0.value == 0x1B })
    }
}
