import Foundation
import Testing
import WinnowCore

/// `winnow merge` on any input either exits non-zero and writes nothing, or writes a file
/// that Python's `json.load` (JSON Lines: `json.loads` per line) reads.
/// Whether python3 is installed (the end-to-end checks load outputs with it).
let pythonAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")

@Suite(.enabled(if: pythonAvailable, "needs python3 (apt-get install python3)"))
struct MergeTrustTests {
    let dir = E2ETempDir()

    static func sample(_ i: Int) -> String {
        #"{"id": "s\#(i)", "image": "i/\#(i).jpg", "conversations": [{"from": "human", "value": "<image>\n问题 \#(i) \"q\" \\ é"}, {"from": "gpt", "value": "回答 \#(i)\t😀"}], "score": \#(i).5}"#
    }

    /// The same six samples as a compact array, a pretty array and JSON Lines.
    static let bases: [(String, String)] = {
        let s = (0..<6).map(sample)
        let pretty = "[\n" + s.map { "  " + $0.replacingOccurrences(of: ", \"conversations\"", with: ",\n    \"conversations\"") }
            .joined(separator: ",\n") + "\n]\n"
        return [("compact.json", "[\n" + s.joined(separator: ",\n") + "\n]\n"),
                ("pretty.json", pretty),
                ("lines.jsonl", s.joined(separator: "\n") + "\n")]
    }()

    /// Python: every argument is an output file; prints one line per file, "ok" or why not.
    static let loader = """
        import json, sys
        for path in sys.argv[1:]:
            try:
                if path.endswith("l"):
                    for line in open(path, encoding="utf-8"):
                        assert isinstance(json.loads(line), dict), "a line that is not an object"
                else:
                    data = json.load(open(path, encoding="utf-8"))
                    assert isinstance(data, list) and all(isinstance(x, dict) for x in data), "not a list of objects"
                print("ok")
            except Exception as e:
                print(path, "FAILED", repr(e)[:200])
        """

    func python(_ files: [String]) throws -> [String] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", Self.loader] + files
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func randomMutationsNeverGiveAnUnloadableOutput() throws {
        var state: UInt64 = 0x5EED
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(n, 1)))
        }
        let nasty: [UInt8] = Array(",]}[{\"\\:\n ".utf8) + [0x01, 0x00, 0xFF, 0xC3, 0xE4, 0x7F]
        var written: [String] = []
        var refused = 0
        for (name, text) in Self.bases {
            let original = dir.file("orig-" + name)
            try text.write(toFile: original, atomically: true, encoding: .utf8)
            // A journal written for the original file: its entries may be stale for a mutant.
            let journal = dir.file("j-\(name).jsonl")
            _ = try WinnowCLI.run(["decide", original, "1", "reject", "--journal", journal])
            for m in 0..<25 {
                var bytes = Array(text.utf8)
                for _ in 0..<(1 + next(3)) {
                    let at = next(bytes.count)
                    switch next(5) {
                    case 0: bytes[at] = nasty[next(nasty.count)]
                    case 1: bytes.remove(at: at)
                    case 2: bytes.insert(nasty[next(nasty.count)], at: at)
                    case 3: bytes.removeSubrange(at..<bytes.count)
                    default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + next(40))], at: next(bytes.count))
                    }
                    if bytes.isEmpty { bytes = [0x5B] }
                }
                let data = dir.file("m\(m)-" + name)
                FileManager.default.createFile(atPath: data, contents: Data(bytes))
                let ext = name.hasSuffix("l") ? "jsonl" : "json"
                for (k, extra) in [[], ["--drop-damaged", "--rejected", dir.file("r\(m)-\(name).jsonl")]].enumerated() {
                    let out = dir.file("o\(m)-\(k)-\(name).\(ext)")
                    let r = try WinnowCLI.run(["merge", data, "--journal", journal, "--allow-stale", "-o", out] + extra)
                    let exists = FileManager.default.fileExists(atPath: out)
                    if r.status == 0 {
                        #expect(exists, "exit 0 without an output: \(r.stderr)")
                        written.append(out)
                        if k == 1, FileManager.default.fileExists(atPath: extra[2]) { written.append(extra[2]) }
                    } else {
                        #expect(!exists, "exit \(r.status) but \(out) was written")
                        refused += 1
                    }
                }
            }
        }
        let verdicts = try python(written)
        #expect(verdicts.count == written.count)
        #expect(verdicts.allSatisfy { $0 == "ok" }, "\(verdicts.filter { $0 != "ok" }.prefix(5))")
        // Both outcomes happened: the test exercised refusals and writes.
        #expect(refused > 0)
        #expect(written.count > 10)
    }

    @Test func aWrongFormatOnceDoesNotPoisonALaterMerge() throws {
        let data = dir.file("pretty.json")
        try Self.bases[1].1.write(toFile: data, atomically: true, encoding: .utf8)
        let stats = try WinnowCLI.run(["stats", data, "--format", "jsonl"])
        #expect(stats.stderr.contains("--format jsonl was given but the file starts with '['"), "\(stats.stderr)")
        let decided = try WinnowCLI.run(["decide", data, "2", "reject", "--reason", "dup"])
        #expect(decided.status == 0, "\(decided.stderr)")
        let out = dir.file("out.json")
        let merged = try WinnowCLI.run(["merge", data, "-o", out])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(try python([out]) == ["ok"])
        let ids = try JSONParser.parse(Array(String(contentsOfFile: out, encoding: .utf8).utf8))
        guard case .array(let list) = ids else { Issue.record("not an array"); return }
        #expect(list.compactMap { $0["id"]?.stringValue } == ["s0", "s1", "s3", "s4", "s5"])
    }

    @Test func defaultMergeListsDamageAndWritesNothing() throws {
        let data = dir.file("d.json")
        try ("[\n" + Self.sample(0) + ",\n" + Self.sample(1) + ",\n]\n").write(toFile: data, atomically: true, encoding: .utf8)
        _ = try WinnowCLI.run(["decide", data, "0", "accept"])
        let out = dir.file("o.json")
        let r = try WinnowCLI.run(["merge", data, "-o", out])
        #expect(r.status == 1)
        #expect(r.stderr.contains("d.json:4:1: error: trailing comma before the closing ']' (byte "), "\(r.stderr)")
        #expect(r.stderr.contains("--drop-damaged"))
        #expect(r.stderr.contains("1 problem in the dataset; nothing written"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let dropped = try WinnowCLI.run(["merge", data, "-o", out, "--drop-damaged"])
        #expect(dropped.status == 0, "\(dropped.stderr)")
        #expect(dropped.stderr.contains("left out: "))
        #expect(try python([out]) == ["ok"])
    }
}

/// `winnow decide` refuses to accept or edit an unreadable sample (as the review screen
/// does), `journal check` flags such entries from older journals, and merge is not stopped by
/// an unreadable sample that was rejected.
@Suite
struct UnreadableSampleCommandTests {
    let dir = E2ETempDir()

    func dataset() throws -> String {
        let path = dir.file("d.jsonl")
        try ([MergeTrustTests.sample(0),
              #"{"id": "bad", "conversations": [{"from": "human", "value": "问"}, {"from": "gpt", "value": 42}]}"#,
              MergeTrustTests.sample(2)].joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func decideRefusesAcceptAndEditButSavesReject() throws {
        let data = try dataset()
        let accept = try WinnowCLI.run(["decide", data, "1", "accept"])
        #expect(accept.status == 65)
        #expect(accept.stderr.contains("can be rejected but not accepted"), "\(accept.stderr)")
        let edit = try WinnowCLI.run(["decide", data, "--edit", "1", "--turn", "1", "--text", "四十二"])
        #expect(edit.status == 65)
        #expect(edit.stderr.contains("not edited"), "\(edit.stderr)")
        let validate = try WinnowCLI.run(["validate", data])
        #expect(validate.status == 1)
        #expect(validate.stdout.contains("d.jsonl:2:1: error: sample 1 (id bad): conversations[1]: the text is a number"), "\(validate.stdout)")
        let reject = try WinnowCLI.run(["decide", data, "1", "reject", "--reason", "broken"])
        #expect(reject.status == 0, "\(reject.stderr)")
        let out = dir.file("o.jsonl")
        let merged = try WinnowCLI.run(["merge", data, "-o", out])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").count == 2)
    }

    @Test func journalCheckFlagsAnAcceptOfAnUnreadableSample() throws {
        let data = try dataset()
        let first = try WinnowCLI.run(["decide", data, "0", "reject"])
        #expect(first.status == 0)
        // An accept of the unreadable sample, as an older Winnow's `decide` wrote it.
        let journal = data + ".winnow.jsonl"
        let body = #"{"seq":2,"time":"2026-01-01T00:00:00.000Z","reviewer":"old","index":1,"id":"bad","hash":"0","decision":"accept""#
        let crc = String(CRC32Check.checksum(Array(body.utf8)), radix: 16)
        let line = body + #","crc":""# + String(repeating: "0", count: 8 - crc.count) + crc + "\"}\n"
        let handle = try #require(FileHandle(forWritingAtPath: journal))
        handle.seekToEndOfFile()
        handle.write(Data(line.utf8))
        try handle.close()
        let check = try WinnowCLI.run(["journal", "check", journal])
        #expect(check.status == 1)
        #expect(check.stdout.contains(":3: entry 2: sample 1 cannot be read") || check.stdout.contains("entry 2: sample 1 has a part that cannot be read"), "\(check.stdout)")
        let out = dir.file("o.jsonl")
        let merged = try WinnowCLI.run(["merge", data, "-o", out])
        #expect(merged.status == 1)
        #expect(!FileManager.default.fileExists(atPath: out))
        let dropped = try WinnowCLI.run(["merge", data, "-o", out, "--drop-damaged"])
        #expect(dropped.status == 0, "\(dropped.stderr)")
    }
}

/// zlib's CRC-32, as the journal's `crc` member uses.
enum CRC32Check {
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0..<8 { c = (c >> 1) ^ (0xEDB8_8320 & (0 &- (c & 1))) }
        }
        return ~c
    }
}
