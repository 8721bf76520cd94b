import Foundation
import Testing

/// `winnow search` prints what the review screen's search finds, for scripts.
struct SearchCommandTests {
    @Test func printsIndexAndIdCountAndJSON() throws {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("winnow-e2e-search-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try ReviewEndToEndTests.makeDataset(in: dir)
        let env = ["HOME": dir.path, "XDG_CACHE_HOME": dir.path, "LANG": "C.UTF-8"]
        let bin = try WinnowBinary.path()

        let list = try TmuxSession.run([bin, "search", path, "猫"], environment: env)
        #expect(list.status == 0)
        #expect(list.output == "0\ts0\n1\ts1\n2\ts2\n4\ts4\n", "\(list.output)")

        let count = try TmuxSession.run([bin, "search", path, "猫", "--count"], environment: env)
        #expect(count.output == "4\n")

        let json = try TmuxSession.run([bin, "search", path, "危险", "--json"], environment: env)
        #expect(json.output == "{\"index\": 3, \"id\": \"s3\"}\n", "\(json.output)")

        let none = try TmuxSession.run([bin, "search", path, "不存在"], environment: env)
        #expect(none.status == 1)
        #expect(none.output.isEmpty)
    }

    /// Issue 14: `winnow search FILE` with the phrase forgotten searched the demo for the
    /// file's name and exited 1; it is a usage error naming the missing phrase.
    @Test func aFileWithoutAPhraseIsAUsageError() throws {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("winnow-e2e-search-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try ReviewEndToEndTests.makeDataset(in: dir)
        let env = ["HOME": dir.path, "XDG_CACHE_HOME": dir.path, "LANG": "C.UTF-8"]
        let r = try TmuxSession.run([try WinnowBinary.path(), "search", path], environment: env)
        #expect(r.status == 64, "\(r.output)")
        #expect(r.output.contains("missing PHRASE"), "\(r.output)")
    }
}
