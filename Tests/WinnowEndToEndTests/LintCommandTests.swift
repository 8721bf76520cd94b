import Foundation
import Testing
import WinnowCore

/// `winnow lint` like a script uses it: lines, JSON, counts, and the pipe into `decide`.
@Suite struct LintCommandTests {
    static let data = #"""
        [{"id": "a1", "image": "images/a1.jpg", "conversations": [{"from": "human", "value": "<image>\n招牌写着什么？"}, {"from": "gpt", "value": "助手：招牌上写着“老王面馆”。"}]},
         {"id": "b\u001b[31m2", "image": "images/b2.jpg", "conversations": [{"from": "human", "value": "<image>\n招牌写着什么？"}, {"from": "gpt", "value": "The sign says Old Wang Noodles in red."}]},
         {"id": "c3", "image": "images/c3.jpg", "conversations": [{"from": "human", "value": "<image>\n招牌写着什么？"}, {"from": "gpt", "value": "招牌上写着“老李烧烤”。"}]}]
        """#

    @Test func linesJSONCountsAndDecisions() throws {
        let dir = E2ETempDir()
        let path = dir.file("d.json")
        FileManager.default.createFile(atPath: path, contents: Data(Self.data.utf8))

        let lines = try WinnowCLI.run(["lint", path])
        #expect(lines.status == 1)
        // The id's escape sequence is shown, not obeyed.
        #expect(lines.stdout == "0 a1 leaked-prefix: turn 2 starts with 助手：\n1 b␛[31m2 wrong-language: turn 2 answers a Chinese question in English\n")
        #expect(lines.stderr.isEmpty)

        let count = try WinnowCLI.run(["lint", path, "--count", "--kind", "wrong-language"])
        #expect(count.stdout == "wrong-language: 1\ntotal: 1\n")

        let json = try WinnowCLI.run(["lint", path, "--json"])
        let records = try json.stdout.split(separator: "\n").map { try JSONParser.parse(Array($0.utf8)) }
        #expect(records.count == 2)
        #expect(records.first?["kind"]?.stringValue == "leaked-prefix")
        guard case .array(let reasons)? = records.first?["decision"]?["reason"] else { Issue.record("no reasons"); return }
        #expect(reasons.first?.stringValue == "leaked-prefix")

        let decisions = try WinnowCLI.run(["lint", path, "--as-decisions"])
        #expect(decisions.stdout.split(separator: "\n").count == 2)
        let decided = try WinnowCLI.run(["decide", path, "--from", "-"], input: decisions.stdout)
        #expect(decided.status == 0, "\(decided.stderr)")
        #expect(decided.stdout.split(separator: "\n").count == 2)

        let unknown = try WinnowCLI.run(["lint", path, "--kind", "nonsense"])
        #expect(unknown.status == 64)
    }
}
