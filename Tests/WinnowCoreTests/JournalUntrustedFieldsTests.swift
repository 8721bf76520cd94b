import Foundation
import Testing
@testable import WinnowCore

/// Journals come from colleagues: every member is untrusted. Lines with a good checksum but
/// hostile content are reported with their line numbers and skipped, never a trap, and a
/// journal of an unknown format version is refused as a whole.
@Suite struct JournalUntrustedFieldsTests {
    /// A line with a correct checksum around `body` (the object without its closing brace).
    static func line(_ body: String) -> [UInt8] {
        let b = Array(body.utf8)
        let crc = b.withUnsafeBytes { CRC32.hex($0) }
        return b + Array(#","crc":"\#(crc)"}"#.utf8) + [0x0A]
    }

    static func entry(seq: String, index: String = "0", decision: String = #""accept""#, extra: String = "") -> [UInt8] {
        line(#"{"seq":\#(seq),"time":"t","reviewer":"r","index":\#(index),"id":"s0","hash":"h","decision":\#(decision)\#(extra)"#)
    }

    static func header(version: Int = 1, fingerprint: String = "f") -> [UInt8] {
        line(#"{"winnow_journal":\#(version),"fingerprint":"\#(fingerprint)","tool":"x","created":"t""#)
    }

    private func makeDataset() throws -> Dataset {
        try openUncached(writeTemp(#"{"id":"s0","conversations":[{"from":"human","value":"问"},{"from":"gpt","value":"答"}]}"# + "\n", name: "d.jsonl"))
    }

    private func write(_ bytes: [UInt8]) -> String { writeTemp(bytes, name: "j.jsonl") }

    @Test func theLargestSequenceNumberNeitherTrapsOpeningNorAppending() throws {
        let dataset = try makeDataset()
        let path = write(Self.header(fingerprint: dataset.fingerprint) + Self.entry(seq: "1") + Self.entry(seq: "9223372036854775807"))
        // Before the fix, the next sequence number (Int.max + 1) trapped here.
        let j = try Journal.open(path: path, dataset: dataset, reviewer: "ann", mode: .readWrite)
        #expect(j.issues.contains { $0.line == 3 && $0.kind == .invalid && $0.message.contains("out of range") })
        let e = try j.append(.reject(reasons: [], note: nil), index: 0)
        #expect(e.sequence == 2)
        j.close()
        let ro = try Journal.open(path: path, dataset: dataset, reviewer: "ann", mode: .readOnly)
        #expect(ro.review(at: 0).status == .rejected)
    }

    @Test(arguments: [
        ("-1", "out of range"), ("0", "out of range"), ("9007199254740992", "out of range"),
        ("99999999999999999999999", "must be an integer"), ("1.5", "must be an integer"), ("\"7\"", "must be a number"),
    ])
    func outOfRangeSequenceNumbersAreInvalidLines(seq: String, message: String) throws {
        let c = try JournalReader.read(path: write(Self.header() + Self.entry(seq: seq)))
        #expect(c.items.isEmpty)
        #expect(c.issues.map(\.line) == [2])
        #expect(c.issues.first?.kind == .invalid)
        #expect(c.issues.first?.message.contains(message) == true, "\(c.issues)")
    }

    @Test func duplicateSequenceNumbersAreInvalidLines() throws {
        let c = try JournalReader.read(path: write(Self.header() + Self.entry(seq: "1") + Self.entry(seq: "2")
                                                   + Self.entry(seq: "1", decision: #""skip""#)))
        #expect(c.items.map(\.entry.sequence) == [1, 2])
        #expect(c.items.first?.entry.decision == .accept)
        #expect(c.issues.count == 1)
        #expect(c.issues.first?.line == 4)
        #expect(c.issues.first?.message.contains("already used on line 2") == true)
    }

    @Test func hugeIndicesAndUndoTargetsAreInvalidLines() throws {
        let c = try JournalReader.read(path: write(Self.header()
            + Self.entry(seq: "1", index: "9223372036854775807")
            + Self.entry(seq: "2", decision: #""undo""#, extra: #","undo":9223372036854775807"#)
            + Self.entry(seq: "3", decision: #""undo""#, extra: #","undo":3"#)))
        #expect(c.items.isEmpty)
        #expect(c.issues.map(\.line) == [2, 3, 4])
        #expect(c.issues.allSatisfy { $0.kind == .invalid })
    }

    @Test func hugeStringsAreInvalidLines() throws {
        let long = String(repeating: "名", count: 30_000)  // 90,000 bytes
        let c = try JournalReader.read(path: write(Self.header()
            + Self.line(#"{"seq":1,"time":"t","reviewer":"\#(long)","index":0,"id":"s0","hash":"h","decision":"accept""#)
            + Self.entry(seq: "2", decision: #""reject""#, extra: #","reasons":["\#(long)"]"#)
            + Self.entry(seq: "3")))
        #expect(c.items.map(\.entry.sequence) == [3])
        #expect(c.issues.map(\.line) == [2, 3])
    }

    @Test func deepNestingIsAnInvalidLineNotAStackOverflow() throws {
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        let deepObject = String(repeating: #"{"a":"#, count: 100_000) + "1" + String(repeating: "}", count: 100_000)
        let c = try JournalReader.read(path: write(Self.header()
            + Self.entry(seq: "1", extra: #","later":\#(deep)"#)
            + Self.entry(seq: "2", decision: #""edit""#, extra: #","conversation":\#(deep)"#)
            + Self.entry(seq: "3", extra: #","x":\#(deepObject)"#)
            + Self.entry(seq: "4")))
        #expect(c.items.map(\.entry.sequence) == [4])
        #expect(c.issues.map(\.line) == [2, 3, 4])
        #expect(c.issues.allSatisfy { $0.kind == .invalid && $0.message.contains("nesting") })
    }

    @Test func unknownDecisionKindsAreInvalidLines() throws {
        let c = try JournalReader.read(path: write(Self.header() + Self.entry(seq: "1", decision: #""approve""#)
                                                   + Self.entry(seq: "2", decision: "17") + Self.entry(seq: "3")))
        #expect(c.items.map(\.entry.sequence) == [3])
        #expect(c.issues.map(\.line) == [2, 3])
        #expect(c.issues.first?.message.contains("unknown decision 'approve'") == true)
    }

    @Test func aNewerFormatVersionIsRefusedForReadingAndAppending() throws {
        let dataset = try makeDataset()
        let bytes = Self.header(version: 2, fingerprint: dataset.fingerprint) + Self.entry(seq: "1")
        let path = write(bytes)
        #expect {
            _ = try JournalReader.read(path: path)
        } throws: { error in
            "\(error)".contains("format version 2") && "\(error)".contains("version 1")
        }
        #expect(throws: JournalError.self) { try Journal.open(path: path, dataset: dataset, reviewer: "r", mode: .readOnly) }
        #expect {
            _ = try Journal.open(path: path, dataset: dataset, reviewer: "r", mode: .readWrite)
        } throws: { error in "\(error)".contains("journal format version 2") }
        // Refusing to append leaves the file exactly as it was.
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
    }

    @Test func aNewerVersionIsRefusedEvenWhenItsChecksumIsForeign() throws {
        // A later format may checksum differently: its header must still not read as damage.
        let path = write(Array(#"{"winnow_journal":3,"fingerprint":"f","crc32c":"0"}"#.utf8) + [0x0A] + Self.entry(seq: "1"))
        #expect { _ = try JournalReader.read(path: path) } throws: { "\($0)".contains("format version 3") }
    }

    @Test func theWriterRefusesALineItsReaderWouldRefuse() throws {
        let dataset = try makeDataset()
        let path = writeTemp([], name: "j.jsonl")
        let j = try Journal.open(path: path, dataset: dataset, reviewer: String(repeating: "r", count: 70_000), mode: .readWrite)
        #expect { try j.append(.accept, index: 0) } throws: { "\($0)".contains("NOT saved") }
        j.close()
        #expect(try JournalReader.read(path: path).issues.isEmpty)
    }
}
