import Foundation
import Testing
@testable import WinnowCore

/// `SampleLinter.lintWindow` (decode once, lint on every core) gives what a loop over the
/// samples gives, in index order, findings included.
@Suite struct ParallelLintTests {
    @Test func windowEqualsALoop() throws {
        var random = SeededRandom(seed: 11)
        let turns = [
            #"{"from": "human", "value": "<image>\n图中有什么？"}"#,
            #"{"from": "gpt", "value": "Human: 图中有一只猫。"}"#,
            #"{"from": "gpt", "value": ""}"#,
            #"{"from": "gpt", "value": "图中有一只猫，它正趴在"}"#,
            #"{"from": "gpt", "value": "The image shows a cat sitting on a window sill."}"#,
            #"{"from": "gpt", "value": "å›¾ç‰‡ä¸­"}"#,
            #"{"from": "human", "value": "请描述这张图片。"}"#,
        ]
        var lines: [String] = []
        for i in 0..<3_000 {
            if random.next() % 50 == 0 { lines.append(#"{"id": "broken", "conversations": [}"#); continue }
            let picked = (0..<(1 + Int(random.next() % 4))).map { _ in turns[Int(random.next() % UInt64(turns.count))] }
            lines.append("{\"id\": \"s\(i)\", \"image\": \"a.jpg\", \"conversations\": [\(picked.joined(separator: ", "))]}")
        }
        let dataset = try openUncached(writeTemp(lines.joined(separator: "\n") + "\n", name: "lint.jsonl"))
        let linter = SampleLinter()
        var findings = 0
        for start in [0, 1_000, 2_999] {
            let range = start..<min(dataset.count, start + 1_700)
            let window = linter.lintWindow(dataset, range)
            #expect(window.count == range.count)
            for (k, done) in window.enumerated() {
                let index = range.lowerBound + k
                let expected = dataset.sample(at: index)
                #expect(done.sample == expected, "sample \(index)")
                let expectedFindings: [LintFinding] = { if case .success(let s) = expected { return linter.lint(s) }; return [] }()
                #expect(done.findings == expectedFindings, "sample \(index)")
                findings += done.findings.count
            }
        }
        #expect(findings > 100)
        #expect(linter.lintWindow(dataset, 5..<5).isEmpty)
    }
}
