import Foundation
import Testing
import WinnowCore
@testable import WinnowUI

/// The metadata pane: the task type field shown once, problems and lint findings first.
@Suite struct MetadataPaneTests {
    /// Samples decoded by the real dataset engine from a temp file, so `json`, `extraFields`
    /// and `problems` are what the decoder makes of them.
    func decode(_ samples: [String]) throws -> [Sample] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-meta-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("data.json").path
        try ("[\n" + samples.joined(separator: ",\n") + "\n]\n").write(toFile: path, atomically: true, encoding: .utf8)
        let dataset = try Dataset.open(path: path, options: DatasetOptions(useIndexCache: false))
        return try (0..<dataset.count).map { try dataset.sample(at: $0).get() }
    }

    /// The side pane's rows (right of the separator), trailing blanks dropped.
    func sidePane(_ grid: ScreenGrid) -> [String] {
        var rows = grid.trimmedRows.dropFirst(2).map { row in
            row.range(of: "│ ").map { String(row[$0.upperBound...]) } ?? ""
        }
        while rows.last?.isEmpty == true { rows.removeLast() }
        return rows
    }

    let dialogue = #""conversations": [{"from": "human", "value": "<image>\n图里有什么？"}, {"from": "gpt", "value": "一只猫。"}]"#

    @Test func ownTypeFieldIsShownOnceAt160x48() throws {
        let samples = try decode([#"{"id": "t1", \#(dialogue), "type": "conversation", "source": "coco"}"#])
        let (app, _, _) = makeApp(samples: samples, width: 160, height: 48)
        #expect(sidePane(app.render(width: 160, height: 48)) == [
            "metadata",
            "id: t1",
            "image: none",
            "turns: 2 (human 1, gpt 1)",
            "chars: human 14, gpt 4",
            "type: conversation (field)",
            "decision: undecided",
            "source: coco",
        ])
    }

    @Test func typeLineNamesAnotherKeyOrSpelling() throws {
        let samples = try decode([
            #"{"id": "t2", \#(dialogue), "task": "conv", "source": "coco"}"#,
            #"{"id": "t3", \#(dialogue), "type": "Detail"}"#,
        ])
        let (app, _, _) = makeApp(samples: samples, width: 160, height: 48)
        #expect(Array(sidePane(app.render(width: 160, height: 48)).suffix(3)) == [
            "type: conversation (field task: conv)",
            "decision: undecided",
            "source: coco",
        ])
        let t3 = app.metadataLines(sample: samples[1], unreadable: nil).map { "\($0.label): \($0.value)" }
        #expect(t3.filter { $0.hasPrefix("type:") } == ["type: detail (field type: Detail)"])
    }

    /// A task type the decoder does not know is not where the type came from: the raw field
    /// stays listed beside the inferred type. Of a repeated `type`, only the last was read.
    @Test func rawFieldStaysWhenTheTypeDidNotComeFromIt() throws {
        let samples = try decode([
            #"{"id": "u1", \#(dialogue), "type": "caption"}"#,
            #"{"id": "u2", \#(dialogue), "type": "detail", "type": "conversation"}"#,
        ])
        let (app, _, _) = makeApp(samples: samples)
        let u1 = app.metadataLines(sample: samples[0], unreadable: nil).map { "\($0.label): \($0.value)" }
        #expect(u1.filter { $0.hasPrefix("type:") } == ["type: complex_reasoning (inferred)", "type: caption"])
        let u2 = app.metadataLines(sample: samples[1], unreadable: nil).map { "\($0.label): \($0.value)" }
        #expect(u2.filter { $0.hasPrefix("type:") } == ["type: conversation (field)", "type: detail"])
    }

    @Test func problemsAndLintComeBeforeCountsAt80x24() throws {
        let samples = try decode([#"""
            {"id": "p1", "conversations": [{"from": "human", "value": "<image>\n图里有什么？"}, {"from": "gpt", "value": "助手：图片中有一只猫。"}, {"from": "human", "value": "颜色？"}, {"from": "gpt", "value": ""}], "type": "conversation", "source": "coco"}
            """#])
        let (app, _, _) = makeApp(samples: samples)
        let rows = app.render(width: 80, height: 24).trimmedRows
        // Compact: five rows; the counts, type, decision and extra fields are behind the hint.
        #expect(Array(rows[2...7]) == [
            " id: p1",
            " image: none",
            " problem: turn 4 has empty text",
            " lint: leaked-prefix: turn 2 starts with 助手：",
            " lint: empty-turn: turn 4 is empty                                … +5 (M shows)",
            " dialogue · lines 1-12 of 12 · all",
        ])
        app.press("M")
        #expect(Array(app.render(width: 80, height: 24).trimmedRows[2...12]) == [
            " id: p1",
            " image: none",
            " problem: turn 4 has empty text",
            " lint: leaked-prefix: turn 2 starts with 助手：",
            " lint: empty-turn: turn 4 is empty",
            " turns: 4 (human 2, gpt 2)",
            " chars: human 17, gpt 11",
            " type: conversation (field)",
            " decision: undecided",
            " source: coco",
            " dialogue · lines 1-9 of 12 · top",
        ])
    }
}
