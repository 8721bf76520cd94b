import Foundation
import Testing
@testable import WinnowCore

@Suite struct BadInputTests {
    let good = #"{"id": "a", "conversations": [{"from": "human", "value": "你好"}, {"from": "gpt", "value": "好"}]}"#

    func unusable(_ text: [UInt8], name: String = "bad.json") -> DatasetProblem? {
        do {
            _ = try openUncached(writeTemp(text, name: name))
            return nil
        } catch {
            if case .unusable(let problem) = error { return problem }
            return nil
        }
    }

    @Test func emptyFile() throws {
        let problem = try #require(unusable([]))
        #expect(problem.message == "the file is empty")
        #expect(problem.severity == .error)
        #expect(problem.description.contains("bad.json:1:1"))
    }

    @Test func whitespaceOnly() throws {
        let problem = try #require(unusable(Array("  \n\n ".utf8)))
        #expect(problem.message.contains("only whitespace"))
    }

    @Test func notJSON() throws {
        let problem = try #require(unusable(Array("\n\nid,image\n1,a.jpg\n".utf8)))
        #expect(problem.message.contains("not JSON"))
        #expect(problem.location?.line == 3)
        #expect(problem.location?.column == 1)
    }

    @Test func topLevelObject() throws {
        let problem = try #require(unusable(Array("{\n  \"data\": [\(good)]\n}\n".utf8)))
        #expect(problem.message.contains("one JSON object"))
    }

    @Test func utf16() throws {
        let problem = try #require(unusable([0xFF, 0xFE, 0x5B, 0x00, 0x5D, 0x00]))
        #expect(problem.message.contains("UTF-16"))
    }

    @Test func byteOrderMarkIsAWarningAndSkipped() throws {
        let dataset = try openUncached(writeTemp([0xEF, 0xBB, 0xBF] + Array("[\(good)]".utf8)))
        #expect(dataset.count == 1)
        #expect(dataset.problems.count == 1)
        #expect(dataset.problems.first?.severity == .warning)
        #expect(dataset.problems.first?.message.contains("byte order mark") == true)
        #expect((try? dataset.sample(at: 0).get())?.id == "a")
    }

    @Test func truncatedMidSampleKeepsCompleteSamples() throws {
        let text = "[\n\(good),\n\(good),\n" + good.prefix(40)
        let dataset = try openUncached(writeTemp(text))
        #expect(dataset.count == 2)
        let problem = try #require(dataset.problems.first)
        #expect(problem.severity == .warning)
        #expect(problem.message.contains("middle of sample 2"))
        #expect(problem.location?.line == 4)
        #expect(problem.location?.column == 1)
        #expect(dataset.sample(at: 1).isSuccess)
    }

    @Test func truncatedBeforeClosingBracket() throws {
        let dataset = try openUncached(writeTemp("[\(good), \(good)"))
        #expect(dataset.count == 2)
        #expect(dataset.problems.first?.message.contains("before the closing ']'") == true)
    }

    @Test func trailingGarbage() throws {
        let dataset = try openUncached(writeTemp("[\(good)]\n\nxyz"))
        #expect(dataset.count == 1)
        let problem = try #require(dataset.problems.first)
        #expect(problem.severity == .error)
        #expect(problem.message.contains("trailing data"))
        #expect(problem.location?.line == 3)
    }

    @Test func invalidUTF8() throws {
        var bytes = Array("[\(good)]".utf8)
        let at = try #require(bytes.firstIndex(of: UInt8(ascii: "a")))
        bytes[at] = 0xC3  // starts a 2-byte sequence followed by '"'
        let dataset = try openUncached(writeTemp(bytes))
        let problem = try #require(dataset.problems.first)
        #expect(problem.message.contains("invalid UTF-8"))
        #expect(problem.location?.byteOffset == at)
        guard case .failure(let unreadable) = dataset.sample(at: 0) else { Issue.record("should be unreadable"); return }
        #expect(unreadable.reason.contains("invalid UTF-8"))
        #expect(unreadable.location.byteOffset == at)
    }

    @Test func jsonLinesLineThatIsNotJSON() throws {
        let dataset = try openUncached(writeTemp("\(good)\nnot json at all\n\(good)\n", name: "x.jsonl"))
        #expect(dataset.container == .jsonLines)
        #expect(dataset.count == 2)
        let problem = try #require(dataset.problems.first)
        #expect(problem.message.contains("not a JSON object"))
        #expect(problem.location?.line == 2)
        #expect(problem.location?.column == 1)
    }

    @Test func malformedSampleIsUnreadableOthersUsable() throws {
        let broken = #"{"id": "b", "conversations": [{"from": "human" "value": "x"}]}"#
        let dataset = try openUncached(writeTemp("[\n\(good),\n\(broken),\n\(good)\n]\n"))
        #expect(dataset.count == 3)
        #expect(dataset.sample(at: 0).isSuccess)
        #expect(dataset.sample(at: 2).isSuccess)
        guard case .failure(let u) = dataset.sample(at: 1) else { Issue.record("should be unreadable"); return }
        #expect(u.index == 1)
        #expect(u.location.line == 3)
        #expect(u.location.column == 48)
        #expect(u.reason.contains("expected ',' or '}'"))
        #expect(u.description.hasPrefix(dataset.path + ":3:48: sample 1"))
        #expect(dataset.id(at: 1) == "b")
    }

    @Test(arguments: [
        (#"{"conversations": "hi"}"#, "`conversations` is a string, expected a list of turns"),
        (#"{"id": 1}"#, "no `conversations` or `messages`"),
        (#"[1, 2]"#, "the sample is an array, expected an object"),
    ])
    func wrongShapes(sample: String, reason: String) throws {
        let dataset = try openUncached(writeTemp("[\(good),\n \(sample)]"))
        #expect(dataset.count == 2)
        guard case .failure(let u) = dataset.sample(at: 1) else { Issue.record("should be unreadable: \(sample)"); return }
        #expect(u.reason.contains(reason), "\(u.reason)")
        #expect(u.location.line == 2)
        #expect(u.location.column == 2)
    }

    /// One bad turn does not hide the sample: the other turns read, the bad value is shown as
    /// JSON text, and the sample is flagged as damaged (it can only be rejected).
    @Test(arguments: [
        (#"{"conversations": [{"value": "x"}, {"from": "gpt", "value": "ok"}]}"#, "conversations[0] has no `from` or `role`", "x"),
        (#"{"conversations": [{"from": "human"}, {"from": "gpt", "value": "ok"}]}"#, "conversations[0] has no `value` or `content`", ""),
        (#"{"conversations": [{"from": "human", "value": 3}, {"from": "gpt", "value": "ok"}]}"#, "conversations[0]: the text is a number", "3"),
        (#"{"messages": [{"role": "user", "content": null}, {"role": "assistant", "content": "ok"}]}"#, "messages[0]: the text is null", "null"),
        (#"{"conversations": [{"from": "human", "value": {"a": [1, "\u0007"]}}, {"from": "gpt", "value": "ok"}]}"#, "the text is an object", #"{"a": [1, "\u0007"]}"#),
        (#"{"messages": [{"role": "user", "content": [{"type": "audio", "audio": "x.wav"}]}, {"role": "assistant", "content": "ok"}]}"#, "content part 0 is of type \"audio\"", #"[{"type": "audio", "audio": "x.wav"}]"#),
    ])
    func badTurnKeepsTheRest(sample: String, reason: String, shown: String) throws {
        let dataset = try openUncached(writeTemp("[\(good),\n \(sample)]"))
        guard case .success(let s) = dataset.sample(at: 1) else { Issue.record("should be readable: \(sample)"); return }
        #expect(s.isDamaged)
        #expect(s.damage.first?.message.contains(reason) == true, "\(s.damage)")
        #expect(s.problems.contains { $0.message.contains(reason) })
        #expect(s.turns.count == 2)
        #expect(s.turns[0].text == shown)
        #expect(s.turns[1].text == "ok")
    }

    @Test func trailingCommaAndMissingComma() throws {
        let a = try openUncached(writeTemp("[\(good),]"))
        #expect(a.count == 1)
        #expect(a.problems.first?.message.contains("trailing comma") == true)
        let b = try openUncached(writeTemp("[\(good)\n\(good)]"))
        #expect(b.count == 2)
        #expect(b.problems.first?.message.contains("missing ','") == true)
        #expect(b.problems.first?.location?.line == 2)
    }
}

extension Result {
    var isSuccess: Bool { if case .success = self { return true } else { return false } }
}

@Suite struct ChangedFileTests {
    @Test func truncatedAfterOpeningIsUnreadableNotACrash() throws {
        let one = #"{"id": "a", "conversations": [{"from": "human", "value": "x"}]}"#
        let path = writeTemp("[" + Array(repeating: one, count: 2000).joined(separator: ",\n") + "]")
        let dataset = try openUncached(path)
        #expect(dataset.count == 2000)
        #expect(truncate(path, 100) == 0)
        guard case .failure(let u) = dataset.sample(at: 1999) else { Issue.record("should be unreadable"); return }
        #expect(u.reason.contains("truncated since it was opened"))
        #expect(dataset.sampleHash(at: 1999) == "")
        #expect(dataset.sample(at: 0).isSuccess)
    }
}

/// A broken sample must not swallow the samples after it.
@Suite struct RecoveryTests {
    static func sample(_ i: Int) -> String {
        #"{"id": "s\#(i)", "conversations": [{"from": "human", "value": "问{题}[\#(i)]"}, {"from": "gpt", "value": "答"}]}"#
    }

    @Test(arguments: [
        ("}]}", "]}"),              // missing '}' of a turn
        ("]}", "}"),                // missing ']' of the list
        (#"答"}"#, #"答}"#),         // missing closing quote: string parity flips
        (#""from": "gpt""#, #""from": "gpt"#),
    ])
    func compactFileKeepsTheOthers(broken: String, with replacement: String) throws {
        var lines = (0..<5).map(Self.sample)
        lines[2] = lines[2].replacingOccurrences(of: broken, with: replacement)
        let dataset = try openUncached(writeTemp("[\n" + lines.joined(separator: ",\n") + "\n]\n"))
        #expect(dataset.count == 5)
        for i in [0, 1, 3, 4] {
            #expect((try? dataset.sample(at: i).get())?.id == "s\(i)", "sample \(i)")
        }
        guard case .failure(let u) = dataset.sample(at: 2) else { Issue.record("sample 2 should be unreadable"); return }
        #expect(u.location.line == 4)
    }

    @Test(arguments: ["  ", "    ", "\t"])
    func prettyFileKeepsTheOthers(indent: String) throws {
        func pretty(_ i: Int, broken: Bool) -> String {
            let p = indent, pp = indent + indent, ppp = pp + indent
            return "\(p){\n\(pp)\"id\": \"s\(i)\",\n\(pp)\"conversations\": [\n\(ppp){\"from\": \"human\", \"value\": \"问\"}"
                + (broken ? "\n" : "\n\(pp)]\n") + "\(p)}"
        }
        let text = "[\n" + (0..<4).map { pretty($0, broken: $0 == 1) }.joined(separator: ",\n") + "\n]\n"
        let dataset = try openUncached(writeTemp(text))
        #expect(dataset.count == 4)
        #expect(dataset.problems.isEmpty)
        for i in [0, 2, 3] { #expect((try? dataset.sample(at: i).get())?.id == "s\(i)", "sample \(i)") }
        #expect(!dataset.sample(at: 1).isSuccess)
    }
}
