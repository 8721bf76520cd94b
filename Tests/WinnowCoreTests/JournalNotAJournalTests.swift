import Foundation
import Testing
@testable import WinnowCore

/// A file that is not a journal, given as one (`--journal data.json`), is refused and left
/// byte for byte as it was; before, opening it for writing moved its whole content aside as a
/// "torn tail" and cut the file to nothing, the dataset itself included.
@Suite struct JournalNotAJournalTests {
    let text = #"[{"id": "a", "conversations": [{"from": "human", "value": "你好"}, {"from": "gpt", "value": "好"}]}]"#

    @Test func theDatasetItselfIsRefusedAndUntouched() throws {
        let dir = JournalTempDir()
        let path = dir.file("data.json")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let dataset = try Dataset.open(path: path, options: DatasetOptions(useIndexCache: false))
        #expect(throws: JournalError.self) {
            _ = try Journal.open(path: path, dataset: dataset, reviewer: "t", mode: .readWrite)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        let aside = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".torn-") }
        #expect(aside.isEmpty)
    }

    @Test func anotherFileIsRefusedForReadingToo() throws {
        let dir = JournalTempDir()
        let path = dir.file("notes.txt")
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try JournalReader.read(path: path)
            Issue.record("read a non-journal")
        } catch {
            #expect(error.description.contains("not a Winnow journal"))
            #expect(error.description.hasPrefix(path + ":1:"))
        }
    }

    @Test func aHeaderCutShortByACrashIsStillAJournal() throws {
        let dir = JournalTempDir()
        let data = dir.file("data.json")
        try Data(text.utf8).write(to: URL(fileURLWithPath: data))
        let dataset = try Dataset.open(path: data, options: DatasetOptions(useIndexCache: false))
        let journal = dir.file("data.json.winnow.jsonl")
        try Data(#"{"winnow_jou"#.utf8).write(to: URL(fileURLWithPath: journal))
        let j = try Journal.open(path: journal, dataset: dataset, reviewer: "t", mode: .readWrite)
        defer { j.close() }
        #expect(j.problems.contains { $0.contains("torn") })
        let entry = try j.append(.accept, index: 0)
        #expect(entry.sequence == 1)
    }
}
