import Foundation
import Testing
@testable import WinnowCore

@Suite struct IndexCacheTests {
    let sample = #"{"id": "k%d", "conversations": [{"from": "human", "value": "问题%d"}, {"from": "gpt", "value": "答%d"}]}"#

    func dataset(_ n: Int, tweak: String = "") -> String {
        "[\n" + (0..<n).map { String(format: sample, $0, $0, $0) }.joined(separator: ",\n") + tweak + "\n]\n"
    }

    @Test func writesThenReusesTheCacheWithTheSameFingerprint() throws {
        let path = writeTemp(dataset(50))
        let first = try Dataset.open(path: path)
        #expect(!first.indexWasCached)
        #expect(FileManager.default.fileExists(atPath: path + ".winnow-index"))
        let second = try Dataset.open(path: path)
        #expect(second.indexWasCached)
        #expect(second.count == 50)
        #expect(second.fingerprint == first.fingerprint)
        #expect(second.byteRange(at: 49) == first.byteRange(at: 49))
        #expect(second.id(at: 7) == "k7")
        #expect(second.index(ofID: "k42") == 42)
        #expect(second.sampleHash(at: 3) == first.sampleHash(at: 3))
        #expect(second.style == first.style)
        let uncached = try openUncached(path)
        #expect(uncached.fingerprint == first.fingerprint)
    }

    @Test func damagedCacheIsRebuiltNotTrusted() throws {
        let path = writeTemp(dataset(30))
        _ = try Dataset.open(path: path)
        let cachePath = path + ".winnow-index"
        var bytes = try #require(FileManager.default.contents(atPath: cachePath))
        bytes[bytes.count / 2] ^= 0x55
        try bytes.write(to: URL(fileURLWithPath: cachePath))
        let reopened = try Dataset.open(path: path)
        #expect(!reopened.indexWasCached)
        #expect(reopened.count == 30)
        // Truncated and garbage caches too.
        try Data(bytes.prefix(40)).write(to: URL(fileURLWithPath: cachePath))
        #expect(try !Dataset.open(path: path).indexWasCached)
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: cachePath))
        #expect(try !Dataset.open(path: path).indexWasCached)
        #expect(try Dataset.open(path: path).indexWasCached)
    }

    @Test func changedFileIsReindexedAndFingerprintChanges() throws {
        let path = writeTemp(dataset(20))
        let before = try Dataset.open(path: path)
        // The mapping follows in-place writes, so take the old values now.
        let beforeHash = before.sampleHash(at: 19), beforeFingerprint = before.fingerprint
        // Same size, different content: the key's mtime/edge hash must catch it.
        var text = dataset(20)
        text = text.replacingOccurrences(of: "问题19", with: "题目19")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let after = try Dataset.open(path: path)
        #expect(!after.indexWasCached)
        #expect(after.sampleHash(at: 19) != beforeHash)
        #expect(after.fingerprint != beforeFingerprint)
        try Data(dataset(21).utf8).write(to: URL(fileURLWithPath: path))
        let grown = try Dataset.open(path: path)
        #expect(grown.count == 21)
        #expect(grown.fingerprint != after.fingerprint)
    }

    @Test func noIndexCacheNeitherReadsNorWrites() throws {
        let path = writeTemp(dataset(10))
        let a = try openUncached(path)
        #expect(!FileManager.default.fileExists(atPath: path + ".winnow-index"))
        _ = try Dataset.open(path: path)
        let b = try openUncached(path)
        #expect(!b.indexWasCached)
        #expect(a.fingerprint == b.fingerprint)
    }

    @Test func forcedContainerDifferentFromCacheReindexes() throws {
        let path = writeTemp(dataset(5))
        _ = try Dataset.open(path: path)
        let forced = try Dataset.open(path: path, options: DatasetOptions(container: .jsonLines))
        #expect(!forced.indexWasCached)
        #expect(forced.container == .jsonLines)
        #expect(!forced.problems.isEmpty)
    }

    @Test func cacheRoundTripsEveryField() throws {
        let path = writeTemp([0xEF, 0xBB, 0xBF] + Array((dataset(3) + "x").utf8))
        let fresh = try Dataset.open(path: path)
        let cached = try Dataset.open(path: path)
        #expect(cached.indexWasCached)
        #expect(cached.problems == fresh.problems)
        #expect(cached.problems.count == 2)
    }

    @Test func userCacheFolderIsTheFallbackLocation() {
        let paths = IndexCache.candidatePaths(for: "/data/ro/set.json")
        #expect(paths.first == "/data/ro/set.json.winnow-index")
        #expect(paths.last?.hasPrefix(IndexCache.userCacheFolder() + "/index/") == true)
        #expect(paths.last?.hasSuffix("set.json.winnow-index") == true)
    }
}

@Suite struct IndexCacheReadOnlyFolderTests {
    /// A folder without write bits gets no cache file beside the data, even for root (who
    /// may write there anyway); the cache goes to the user's cache folder and is reused.
    @Test func aReadOnlyFolderIsLeftAlone() throws {
        let dir = makeTempDir()
        let path = dir.appendingPathComponent("ro.json").path
        try Data(#"[{"id": "a", "conversations": [{"from": "human", "value": "x"}]}]"#.utf8).write(to: URL(fileURLWithPath: path))
        try #require(chmod(dir.path, 0o555) == 0)
        defer { chmod(dir.path, 0o755) }
        let first = try Dataset.open(path: path)
        #expect(!first.indexWasCached)
        #expect(!FileManager.default.fileExists(atPath: path + ".winnow-index"))
        let second = try Dataset.open(path: path)
        #expect(second.indexWasCached)
        if let user = IndexCache.candidatePaths(for: path).last { unlink(user) }
    }
}
