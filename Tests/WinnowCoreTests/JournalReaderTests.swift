import Testing
@testable import WinnowCore

@Suite struct JournalReaderTests {
    private func line(_ seq: Int, _ d: Decision = .accept, index: Int = 0) -> [UInt8] {
        JournalCodec.encode(JournalEntry(sequence: seq, time: "t", reviewer: "r", index: index, id: "i", sampleHash: "h", decision: d))
    }
    private let header = JournalCodec.encode(JournalHeader(fingerprint: "fp", created: "t"))

    private func parse(_ bytes: [UInt8]) -> JournalContents {
        bytes.withUnsafeBytes { JournalReader.parse($0, path: "j.jsonl") }
    }

    @Test func cleanJournal() {
        let bytes = header + line(1) + line(2)
        let c = parse(bytes)
        #expect(c.items.map(\.entry.sequence) == [1, 2])
        #expect(c.items.allSatisfy { $0.fingerprint == "fp" })
        #expect(c.issues.isEmpty)
        #expect(!c.hasTornTail)
        #expect(c.goodLength == bytes.count)
        #expect(c.lastSequence == 2)
    }

    @Test func unterminatedLastLineIsTorn() {
        let good = header + line(1)
        let partial = Array(line(2).prefix(30))
        let c = parse(good + partial)
        #expect(c.items.map(\.entry.sequence) == [1])
        #expect(c.hasTornTail)
        #expect(c.goodLength == good.count)
        #expect(c.tornLine == 3)
        #expect(c.issues.map(\.kind) == [.torn])
    }

    @Test func completeButCorruptLastLineIsTorn() {
        var last = line(2)
        last[10] ^= 1
        let good = header + line(1)
        let c = parse(good + last)
        #expect(c.hasTornTail)
        #expect(c.goodLength == good.count)
    }

    @Test func damagedMiddleLineIsSkippedAndReported() {
        var bad = line(2, .reject(reasons: ["x"], note: nil))
        bad[15] ^= 0x20
        let c = parse(header + line(1) + bad + line(3))
        #expect(c.items.map(\.entry.sequence) == [1, 3])
        #expect(!c.hasTornTail)
        #expect(c.issues.count == 1)
        #expect(c.issues.first?.kind == .damaged)
        #expect(c.issues.first?.line == 3)
    }

    @Test func validChecksumButUnknownDecisionIsInvalid() {
        var b = JournalCodec.LineBuilder()
        b.int("seq", 9); b.int("index", 0); b.string("decision", "frobnicate")
        let c = parse(header + b.finish())
        #expect(c.issues.map(\.kind) == [.invalid])
        #expect(!c.hasTornTail)
    }

    @Test func newerFormatVersionIsRefused() {
        let h = JournalCodec.encode(JournalHeader(version: 99, fingerprint: "fp", created: "t"))
        let c = parse(h)
        #expect(c.headers.isEmpty)
        #expect(c.unsupportedVersion?.version == 99)
        #expect(c.unsupportedVersion?.line == 1)
        #expect { try JournalReader.checkVersion(c) } throws: { "\($0)".contains("journal format version 99") }
    }

    @Test func entriesFollowTheirHeadersFingerprint() {
        let h2 = JournalCodec.encode(JournalHeader(fingerprint: "fp2", created: "t"))
        let c = parse(header + line(1) + h2 + line(2))
        #expect(c.items.map(\.fingerprint) == ["fp", "fp2"])
    }
}
