import Foundation
import Testing
@testable import WinnowCore

@Suite struct JournalCodecTests {
    private func entry(_ seq: Int, _ d: Decision, index: Int = 3) -> JournalEntry {
        JournalEntry(sequence: seq, time: "2026-11-27T02:29:26.123Z", reviewer: "ann", index: index,
                     id: "id-\"\(index)\"\n", sampleHash: "abc123", decision: d)
    }

    private func decode(_ line: [UInt8]) throws -> JournalCodec.Record {
        let body = Array(line.dropLast())  // the newline
        return try body.withUnsafeBytes { b in
            #expect(JournalCodec.checksumOK(b))
            return try JournalCodec.decode(b)
        }
    }

    @Test(arguments: [
        Decision.accept, .skip, .reject(reasons: ["ocr", "幻觉"], note: "bad\tsign \u{1}"),
        .reject(reasons: [], note: nil), .undo(sequence: 2), .note(text: "look again", flag: "pii"),
        .note(text: nil, flag: nil), .edit(.turns([0: "a\r\nb \"q\" \\ 👨‍👩‍👧", 3: "é"]), note: nil),
        .edit(.conversation([Turn(role: .human, roleName: "human", text: "<image>\n问"),
                             Turn(role: .gpt, roleName: "gpt", text: "𠀀答")]), note: "n"),
    ])
    func entryRoundTrips(_ d: Decision) throws {
        let e = entry(5, d)
        let line = JournalCodec.encode(e)
        #expect(line.last == 0x0A)
        #expect(line.dropLast().contains(0x0A) == false)
        #expect(try decode(line) == .entry(e))
    }

    @Test func headerRoundTrips() throws {
        let h = JournalHeader(fingerprint: "f00d", created: "2026-11-27T00:00:00.000Z")
        #expect(try decode(JournalCodec.encode(h)) == .header(h))
    }

    @Test func checksumMatchesZlibCRC32() {
        // zlib.crc32(b"123456789") == 0xcbf43926, the standard check value.
        let v = Array("123456789".utf8).withUnsafeBytes { CRC32.checksum($0) }
        #expect(v == 0xCBF4_3926)
    }

    @Test func anyFlippedByteIsDetected() {
        let line = Array(JournalCodec.encode(entry(1, .reject(reasons: ["x"], note: nil))).dropLast())
        for i in line.indices {
            var damaged = line
            damaged[i] ^= 0x04
            #expect(damaged.withUnsafeBytes { JournalCodec.checksumOK($0) } == false, "byte \(i)")
        }
    }

    @Test func pythonReadsJournalLines() throws {
        let lines = [JournalCodec.encode(JournalHeader(fingerprint: "fp", created: "t")),
                     JournalCodec.encode(entry(1, .edit(.turns([1: "中文 😀 \"x\""]), note: nil)))]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("j.jsonl").path
        FileManager.default.createFile(atPath: path, contents: Data(lines.joined()))
        let script = """
            import json, sys, zlib
            for raw in open(sys.argv[1], 'rb'):
                line = raw[:-1]
                assert int(line[-10:-2], 16) == zlib.crc32(line[:-18]), line
                print(json.dumps(json.loads(line), ensure_ascii=True, sort_keys=True))
            """
        let out = try runPython(script, args: [path])
        #expect(out.contains(#""turns": {"1": "\u4e2d\u6587 \ud83d\ude00 \"x\""}"#))
        #expect(out.contains(#""winnow_journal": 1"#))
    }
}

/// Runs `python3 -c script args...` and returns stdout; fails the test on a non-zero exit.
func runPython(_ script: String, args: [String]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", script] + args
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "python failed: \(String(decoding: errData, as: UTF8.self))")
    return String(decoding: data, as: UTF8.self)
}
