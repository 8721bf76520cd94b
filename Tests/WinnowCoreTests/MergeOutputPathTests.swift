import Foundation
import Testing
@testable import WinnowCore

/// Where a merge may not write says why before any work is done.
@Suite struct MergeOutputPathTests {
    func failure(output: String, in dir: JournalTempDir) throws -> String? {
        let data = dir.file("data.json")
        try Data(#"[{"id": "a", "conversations": [{"from": "human", "value": "x"}]}]"#.utf8).write(to: URL(fileURLWithPath: data))
        let dataset = try Dataset.open(path: data, options: DatasetOptions(useIndexCache: false))
        do {
            _ = try Merger.merge(dataset: dataset, journals: [], options: MergeOptions(outputPath: output))
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aMissingFolderIsCalledMissingNotReadOnly() throws {
        let dir = JournalTempDir()
        let message = try #require(try failure(output: dir.file("no/such/out.json"), in: dir))
        #expect(message.contains("does not exist"))
        #expect(!message.contains("not writable"))
    }

    @Test func aFileInPlaceOfTheFolderIsNamed() throws {
        let dir = JournalTempDir()
        let message = try #require(try failure(output: dir.file("data.json/out.json"), in: dir))
        #expect(message.contains("is not a folder"))
    }

    @Test func anExistingFolderAsOutputIsRefusedUpFront() throws {
        let dir = JournalTempDir()
        try FileManager.default.createDirectory(atPath: dir.file("outdir"), withIntermediateDirectories: true)
        let message = try #require(try failure(output: dir.file("outdir"), in: dir))
        #expect(message.contains("it is a folder"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("winnow-tmp") }
        #expect(leftovers.isEmpty)
    }
}
