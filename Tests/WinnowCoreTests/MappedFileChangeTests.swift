import Foundation
import Testing
@testable import WinnowCore

/// Another process truncating or rewriting the memory-mapped dataset must not kill Winnow
/// with SIGBUS; it is noticed and reported at the next safe point.
@Suite struct MappedFileChangeTests {
    /// A JSON Lines dataset of `count` samples, big enough to span many pages.
    private func makeDataset(count: Int = 3000) -> String {
        var text = ""
        for i in 0..<count {
            text += #"{"id":"s\#(i)","conversations":[{"from":"human","value":"问题 \#(i) 这是一个比较长的问题"},{"from":"gpt","value":"回答 \#(i)"}]}"# + "\n"
        }
        return writeTemp(text, name: "d.jsonl")
    }

    @Test func readingPastATruncatedEndDoesNotCrash() throws {
        let path = makeDataset()
        let dataset = try openUncached(path)
        #expect(!dataset.changedOnDisk)
        #expect(truncate(path, 4096) == 0)
        // Without the guard, each of these reads past the new end raised SIGBUS. The zero
        // pages the guard maps in are read as an unreadable sample, never a trap.
        for i in stride(from: dataset.count - 1, through: 0, by: -97) {
            _ = dataset.sample(at: i)
            _ = dataset.id(at: i)
            _ = dataset.sampleHash(at: i)
        }
        let file = try MappedFile(path: writeTemp(Array(repeating: UInt8(ascii: "a"), count: 3 * 65536), name: "raw"))
        #expect(truncate(file.path, 10) == 0)
        // Raw page reads past the end, the way the indexer's memchr reads them.
        var sum = 0
        for offset in stride(from: 0, to: file.size, by: 4096) { sum += Int(file.bytes[offset]) }
        #expect(sum == Int(UInt8(ascii: "a")))
        #expect(file.changedOnDisk)
        #expect(dataset.changedOnDisk)
    }

    @Test func rewritingInPlaceIsNoticed() throws {
        let path = makeDataset(count: 10)
        let dataset = try openUncached(path)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seek(toOffset: 10)
        handle.write(Data("X".utf8))
        try handle.close()
        // A distinct mtime even on coarse clocks.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000_000)], ofItemAtPath: path)
        #expect(dataset.changedOnDisk)
    }

    @Test func mergeOutputIsNotRenamedWhenItsSourceChanged() throws {
        let path = makeDataset(count: 100)
        let dataset = try openUncached(path)
        let out = makeTempDir().appendingPathComponent("out.jsonl").path
        let f = try OutputFile(path: out)
        let whole = dataset.file.bytes
        try f.write(UnsafeRawBufferPointer(rebasing: whole[0..<min(whole.count, 100_000)]))
        try f.finish()
        #expect(truncate(path, 100) == 0)
        #expect { try f.rename() } throws: { "\($0)".contains("the dataset changed on disk while it was open") }
        f.discard()
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: PathText.parent(out)).isEmpty)
    }
}
