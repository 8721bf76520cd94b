import Foundation
import Testing
@testable import WinnowCore

/// Paths that are not plain data files: each is refused at once with what it is.
@Suite struct SpecialFileTests {
    func openFailure(_ path: String) -> String? {
        do {
            _ = try openUncached(path)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func fifoIsRefusedWithoutWaitingForAWriter() throws {
        let path = makeTempDir().appendingPathComponent("pipe.json").path
        try #require(mkfifo(path, 0o600) == 0)
        // Before the fix, open(2) blocked here forever waiting for a writer.
        let message = try #require(openFailure(path))
        #expect(message.contains("FIFO"))
        #expect(message.hasPrefix(path + ": cannot open"))
    }

    @Test func directoryIsNamedAsSuch() throws {
        let message = try #require(openFailure(makeTempDir().path))
        #expect(message.contains("a directory"))
    }

    @Test func procFileIsNotCalledEmpty() throws {
        guard FileManager.default.fileExists(atPath: "/proc/self/status") else { return }
        let message = try #require(openFailure("/proc/self/status"))
        #expect(message.contains("reports size 0"))
        #expect(!message.contains("empty"))
    }
}
