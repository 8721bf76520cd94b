import Testing
@testable import WinnowCore

/// The fast paths of journal reading and replay (`JournalFastLine`, `JournalChunkScan`, the
/// dense tables of `JournalState`) against the implementations they replace
/// (JournalReferenceImplementations.swift), on seeded random and damaged input: every field of
/// the result must be the same.
@Suite struct JournalFastPathTests {
    /// SplitMix64: the same sequence on every platform and run.
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
        mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    }

    static let texts = ["", "ocr", "hallucination", "编辑 3", "a\"quote", "back\\slash", "tab\there", "line\nbreak",
                        "ctl\u{1}x", "emoji 👨‍👩‍👧", "2026-11-29T00:00:00.000Z", "2bc42e553a894a51", "é", "\u{7f}", "/"]

    static func entry(_ rng: inout Rng, sequence: Int) -> JournalEntry {
        let decision: Decision
        switch rng.below(12) {
        case 0...3: decision = .accept
        case 4: decision = .skip
        case 5...7:
            let count = rng.pick([0, 1, 1, 1, 2, 3])
            decision = .reject(reasons: (0..<count).map { _ in rng.pick(texts) }, note: rng.chance(30) ? rng.pick(texts) : nil)
        case 8:
            decision = rng.chance(50) ? .edit(.turns([rng.below(4): rng.pick(texts)]), note: rng.chance(30) ? rng.pick(texts) : nil)
                : .edit(.conversation([Turn(role: .human, roleName: "human", text: rng.pick(texts))]), note: nil)
        case 9: decision = .note(text: rng.chance(50) ? rng.pick(texts) : nil, flag: rng.chance(50) ? rng.pick(texts) : nil)
        default: decision = .undo(sequence: max(1, sequence - 1 - rng.below(3)))
        }
        let index = rng.chance(5) ? rng.pick([0, 9, 123_456_789, JournalCodec.maxIndex]) : rng.below(40)
        return JournalEntry(sequence: sequence, time: rng.chance(90) ? "2026-11-29T00:00:0\(rng.below(10)).000Z" : rng.pick(texts),
                            reviewer: rng.chance(90) ? "ann" : rng.pick(texts), index: index,
                            id: rng.chance(80) ? "id\(index)" : rng.pick(texts), sampleHash: rng.chance(80) ? "h\(index)" : rng.pick(texts),
                            decision: decision, ruling: rng.chance(5) ? Ruling(basis: .picked, picked: "bob") : nil)
    }

    /// The line without its newline.
    static func body(_ line: [UInt8]) -> [UInt8] { line.last == 0x0A ? Array(line.dropLast()) : line }

    /// `body` (everything before `,"crc":`) closed with its correct checksum.
    static func sealed(_ body: [UInt8]) -> [UInt8] {
        let crc = body.withUnsafeBytes { CRC32.hex($0) }
        return body + Array(#","crc":""#.utf8) + Array(crc.utf8) + Array("\"}".utf8)
    }

    static func full(_ line: [UInt8]) -> JournalCodec.Record? {
        line.withUnsafeBytes { b in
            do throws(JournalCodec.DecodeFailure) { return try JournalCodec.decode(b) } catch { return nil }
        }
    }

    static func fast(_ line: [UInt8]) -> JournalEntry? {
        var f = JournalFastLine()
        return line.withUnsafeBytes { f.decode($0) }
    }

    @Test func fastDecoderGivesTheFullDecodersEntryOrDeclines() {
        var rng = Rng(state: 11)
        var taken = 0
        for k in 1...3000 {
            let e = Self.entry(&rng, sequence: k)
            let line = Self.body(JournalCodec.encode(e))
            let fast = Self.fast(line)
            if let fast {
                taken += 1
                #expect(Self.full(line) == .entry(fast), "line \(String(decoding: line, as: UTF8.self))")
            }
            // The shapes Winnow writes most must take the fast path.
            let plainStrings = [e.time, e.reviewer, e.id, e.sampleHash].allSatisfy { !$0.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C } }
            if plainStrings, e.ruling == nil {
                switch e.decision {
                case .accept, .skip, .undo: #expect(fast != nil)
                default: break
                }
            }
        }
        #expect(taken > 700)
    }

    @Test func fastDecoderOnMutatedLinesNeverDisagrees() {
        var rng = Rng(state: 2026)
        let noise = Array(#"0 19-.eE"\,:{}[]xé"#.utf8) + [0x09, 0x0A, 0x00, 0xFF, 0xC3]
        var taken = 0, declined = 0
        for k in 1...8000 {
            let e = Self.entry(&rng, sequence: rng.chance(10) ? rng.pick([0, 1, JournalCodec.maxSequence, JournalCodec.maxSequence + 1]) : k)
            var body = Self.body(JournalCodec.encode(e))
            body.removeLast(JournalCodec.crcSuffixLength)
            for _ in 0..<(1 + rng.below(3)) where !body.isEmpty {
                let at = rng.below(body.count)
                switch rng.below(4) {
                case 0: body[at] = rng.pick(noise)
                case 1: body.insert(rng.pick(noise), at: at)
                case 2: body.remove(at: at)
                default:
                    // Numbers: leading zeros, signs, fractions, huge values.
                    let digits = body.indices.filter { body[$0] >= 0x30 && body[$0] <= 0x39 }
                    if let d = digits.isEmpty ? nil : rng.pick(digits) {
                        body.replaceSubrange(d..<(d + 1), with: Array(rng.pick(["0", "00", "-1", "1.5", "1e3", "99999999999999999", "9007199254740992"]).utf8))
                    }
                }
            }
            let line = Self.sealed(body)
            let full = Self.full(line)
            if let fast = Self.fast(line) {
                taken += 1
                #expect(full == .entry(fast), "line \(String(decoding: line, as: UTF8.self))")
            } else {
                declined += 1
            }
        }
        #expect(taken > 400)
        #expect(declined > 400)
    }

    /// A random journal: headers (some for another dataset, some of another version), entries,
    /// damaged and empty lines, repeated and out-of-order sequence numbers, invalid lines, and
    /// sometimes a torn or unterminated end.
    static func journal(_ rng: inout Rng) -> [UInt8] {
        var out = JournalCodec.encode(JournalHeader(fingerprint: "fp", created: "t"))
        var seq = 0
        for _ in 0..<rng.below(80) {
            switch rng.below(40) {
            case 0: out += JournalCodec.encode(JournalHeader(fingerprint: rng.pick(["fp", "other"]), created: "t"))
            case 1: out += JournalCodec.encode(JournalHeader(version: rng.pick([2, 7]), fingerprint: "fp", created: "t"))
            case 2: out += [0x0A]
            case 3:
                var line = JournalCodec.encode(entry(&rng, sequence: seq + 1))
                line[rng.below(line.count - 1)] ^= 0x04
                out += line
            case 4:
                var b = JournalCodec.LineBuilder()
                b.int("seq", seq + 1); b.int("index", 0); b.string("decision", "frobnicate")
                out += b.finish()
            case 5: out += JournalCodec.encode(entry(&rng, sequence: max(1, seq - rng.below(4))))
            case 6: out += JournalCodec.encode(entry(&rng, sequence: seq + 5))
            case 7: out += Array(#"{"winnow_journal":3,"broken"#.utf8) + [0x0A]
            default:
                seq += 1
                out += JournalCodec.encode(entry(&rng, sequence: seq))
            }
        }
        switch rng.below(6) {
        case 0: out += Array(JournalCodec.encode(entry(&rng, sequence: seq + 1)).prefix(rng.below(60)))
        case 1:
            var line = JournalCodec.encode(entry(&rng, sequence: seq + 1))
            line[3] ^= 0x01
            out += line
        default: break
        }
        return out
    }

    static func expectSame(_ a: JournalContents, _ b: JournalContents, _ note: String) {
        #expect(a.path == b.path, "\(note)")
        #expect(a.headers == b.headers, "\(note)")
        #expect(a.items == b.items, "\(note)")
        #expect(a.issues == b.issues, "\(note)")
        #expect(a.goodLength == b.goodLength, "\(note)")
        #expect(a.fileLength == b.fileLength, "\(note)")
        #expect(a.tornLine == b.tornLine, "\(note)")
        #expect(a.lastSequence == b.lastSequence, "\(note)")
        #expect(a.unsupportedVersion?.version == b.unsupportedVersion?.version, "\(note)")
        #expect(a.unsupportedVersion?.line == b.unsupportedVersion?.line, "\(note)")
    }

    @Test func readerMatchesTheLineByLineReaderOnDamagedJournals() {
        var rng = Rng(state: 7)
        for k in 0..<200 {
            let bytes = Self.journal(&rng)
            let chunk = rng.pick([1, 7, 64, 333, 4 << 20])
            let reference = bytes.withUnsafeBytes { ReferenceJournalReader.parse($0, path: "j.jsonl") }
            let now = bytes.withUnsafeBytes { JournalReader.parse($0, path: "j.jsonl", chunkBytes: chunk) }
            Self.expectSame(now, reference, "journal \(k), stretches of \(chunk) bytes")
        }
    }

    @Test func readerMatchesOnTheEdgeCases() {
        let header = JournalCodec.encode(JournalHeader(fingerprint: "fp", created: "t"))
        let e1 = JournalCodec.encode(JournalEntry(sequence: 1, time: "t", reviewer: "r", index: 0, id: "i", sampleHash: "h", decision: .accept))
        let cases: [[UInt8]] = [[], [0x0A], [0x0A, 0x0A], header, Array(header.dropLast()), header + e1 + e1,
                                header + [0x0A] + e1, header + e1 + Array("garbage".utf8), Array("{\"winnow_journal\":2".utf8)]
        for (k, bytes) in cases.enumerated() {
            for chunk in [1, 5, 4 << 20] {
                let reference = bytes.withUnsafeBytes { ReferenceJournalReader.parse($0, path: "j") }
                let now = bytes.withUnsafeBytes { JournalReader.parse($0, path: "j", chunkBytes: chunk) }
                Self.expectSame(now, reference, "case \(k), stretches of \(chunk) bytes")
            }
        }
    }

    @Test func replayMatchesTheDictionaryFold() {
        var rng = Rng(state: 99)
        for round in 0..<150 {
            var now = JournalState()
            var reference = ReferenceJournalState()
            let batch = rng.chance(50)
            var seq = 0
            var indices: Set<Int> = []
            var sequences: [Int] = [0, 1, 2]
            for _ in 0..<rng.below(120) {
                seq += 1 + (rng.chance(5) ? rng.below(100_000) : 0)
                var e = Self.entry(&rng, sequence: seq)
                if rng.chance(3) { e.index = rng.pick([70_000, 1 << 40, JournalCodec.maxIndex]) }
                if case .undo = e.decision, rng.chance(50) { e.decision = .undo(sequence: max(1, seq - 1 - rng.below(6))) }
                indices.insert(e.index)
                sequences += [seq, seq + 1]
                if batch { now.load(e); reference.load(e) } else { now.add(e); reference.add(e) }
            }
            if batch { now.foldAll(); reference.foldAll() }
            #expect(now.reviews == reference.reviews, "round \(round)")
            #expect(now.decidedCount == reference.decidedCount, "round \(round)")
            #expect(now.entries == reference.entries, "round \(round)")
            for i in indices.union([0, 1, 5]) {
                #expect(now.liveSequences(at: i) == reference.liveSequences(at: i), "round \(round), sample \(i)")
                #expect(now.entries(at: i) == reference.entries(at: i), "round \(round), sample \(i)")
            }
            for s in sequences {
                #expect(now.index(ofSequence: s) == reference.index(ofSequence: s), "round \(round), entry \(s)")
            }
        }
    }
}
