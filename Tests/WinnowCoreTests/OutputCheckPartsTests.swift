import Foundation
import Testing
import WinnowCore

/// Large JSON Lines outputs are checked in parts on every core; the verdict and the message
/// must be what one pass in order gives.
@Suite struct OutputCheckPartsTests {
    /// About 9 MB of one-object lines (past the size where the check splits the file).
    static func bigLines(count: Int = 60_000) -> [String] {
        (0..<count).map { #"{"id": "s\#($0)", "conversations": [{"from": "human", "value": "图中招牌写的是什么？"}, {"from": "gpt", "value": "招牌上写着“顺心早餐店”。"}]}"# }
    }

    static func check(_ lines: [String]) -> String? {
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        return bytes.withUnsafeBytes { OutputCheck.problem(in: $0, container: .jsonLines) }
    }

    @Test func aValidLargeFilePasses() {
        let lines = Self.bigLines()
        #expect(lines.joined().utf8.count > 8 << 20)
        #expect(Self.check(lines) == nil)
    }

    @Test(arguments: [1, 29_999, 30_000, 59_999])
    func aBadLineAnywhereIsFoundWithItsLineNumber(at index: Int) {
        var lines = Self.bigLines()
        lines[index] = #"{"id": "broken", "conversations": [}"#
        let problem = Self.check(lines)
        #expect(problem?.hasPrefix("line \(index + 1)") == true, "\(problem ?? "nil")")
    }

    @Test func anEmptyLineInTheMiddleIsFound() {
        var lines = Self.bigLines()
        lines[45_000] = ""
        #expect(Self.check(lines)?.hasPrefix("line 45001") == true)
    }
}
