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

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/status"), "needs Linux's /proc"))
    func procFileIsNotCalledEmpty() throws {
        let message = try #require(openFailure("/proc/self/status"))
        #expect(message.contains("reports size 0"))
        #expect(!message.contains("empty"))
    }
}

/// A sample that repeats a key: Winnow shows, looks up and edits the last one, as Python's
/// `json` (and so the training code) reads it, and says so.
@Suite struct RepeatedKeyTests {
    let text = #"[{"id": "a", "id": "b", "conversations": [{"from": "human", "value": "first"}], "conversations": [{"from": "gpt", "value": "x", "value": "last"}]}]"#

    @Test func theLastMemberIsShownWithAWarning() throws {
        let dataset = try openUncached(writeTemp(text))
        let sample = try dataset.sample(at: 0).get()
        #expect(sample.id == "b")
        #expect(dataset.id(at: 0) == "b")
        #expect(dataset.index(ofID: "b") == 0)
        #expect(dataset.index(ofID: "a") == nil)
        #expect(sample.turns.map(\.text) == ["last"])
        #expect(sample.turns.first?.role == .gpt)
        let messages = sample.problems.map(\.message)
        #expect(messages.contains { $0.contains("`id` appears more than once") })
        #expect(messages.contains { $0.contains("`conversations` appears more than once") })
        #expect(messages.contains { $0.hasPrefix("turn 1: the key `value`") })
    }

    @Test func anEditChangesTheMemberThatWasShown() throws {
        let dataset = try openUncached(writeTemp(text))
        let sample = try dataset.sample(at: 0).get()
        let edited = try SampleEditApplier.apply(.turns([0: "new"]), to: sample).get()
        guard case .object(let members) = edited else { Issue.record("not an object"); return }
        let lists = members.filter { $0.key == "conversations" }.map(\.value)
        #expect(lists.first == .array([.object([JSONMember(key: "from", value: .string("human")), JSONMember(key: "value", value: .string("first"))])]))
        #expect(edited.lastMember("conversations")?.arrayValue?.first?.lastMember("value") == .string("new"))
    }

    @Test func anIdThatIsNotAStringOrNumberIsNoIdInTheIndexEither() throws {
        let dataset = try openUncached(writeTemp(#"[{"id": "a", "id": true, "conversations": []}, {"id": "a", "id": {"x": 1}, "conversations": []}]"#))
        #expect(dataset.id(at: 0) == nil)
        #expect(dataset.id(at: 1) == nil)
        #expect((try? dataset.sample(at: 0).get())?.id == "#0")
    }
}

@Suite struct TruncationTests {
    /// A file cut in the middle of a Chinese character is truncated, not "not UTF-8".
    @Test func aCharacterCutByTheEndOfTheFileIsNoEncodingError() throws {
        let good = #"{"id": "a", "conversations": [{"from": "human", "value": "你好"}]}"#
        var bytes = Array("[\n\(good),\n\(good),\n".utf8) + Array(#"{"id": "b", "conversations": [{"from": "human", "value": "你"#.utf8)
        bytes.removeLast(1)
        let dataset = try openUncached(writeTemp(bytes))
        #expect(dataset.count == 2)
        #expect(dataset.problems.count == 1)
        #expect(dataset.problems.first?.message.contains("truncated") == true)
        #expect(!dataset.problems.contains { $0.message.contains("UTF-8") })
    }

    @Test func invalidUTF8NearTheStartIsStillReported() throws {
        let bytes = Array("[\n".utf8) + [0xFF] + Array(#"{"id": "a", "conversations": []}]"#.utf8)
        let dataset = try openUncached(writeTemp(bytes))
        #expect(dataset.problems.contains { $0.message.contains("invalid UTF-8") && $0.location?.byteOffset == 2 })
    }
}
