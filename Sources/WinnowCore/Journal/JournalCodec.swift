/// Encodes and decodes journal lines (the format is written down in docs/journal.md).
///
/// Every line is one JSON object whose last member is `"crc":"xxxxxxxx"`: the CRC-32 of the
/// line's bytes before `,"crc":`. So a reader checks a line without parsing it, and a damaged
/// line is found on its own.
enum JournalCodec {
    /// `,"crc":"` + 8 hex digits + `"}`.
    static let crcSuffixLength = 18

    // MARK: Limits on untrusted lines
    //
    // Journals come from colleagues, so every member is untrusted. A line outside these limits
    // is reported as invalid with its line number and skipped; the writer checks its own lines
    // against the same limits, so it never saves a line the reader would refuse.

    /// The largest sequence number and sample index: 2^53 - 1, the largest integer every JSON
    /// reader (JavaScript's, Python's float paths) holds exactly. Keeping far below `Int.max`
    /// also means `seq + 1` and `index + 1` can never overflow anywhere.
    static let maxSequence = (1 << 53) - 1
    static let maxIndex = (1 << 53) - 1
    /// Names, ids, hashes, times, tags: nothing legitimate comes near this.
    static let maxShortString = 64 * 1024
    /// A whole line (an edit carries a whole conversation, so this is generous).
    static let maxLineBytes = 64 * 1024 * 1024
    static let maxReasons = 1024

    /// Why a line this tool is about to write would be refused by its own reader, or nil.
    static func unreadableReason(_ line: [UInt8]) -> String? {
        let body = line.last == 0x0A ? line.dropLast() : line[...]
        return body.withUnsafeBytes { b -> String? in
            guard checksumOK(b) else { return "bad checksum" }
            do throws(DecodeFailure) { _ = try decode(b); return nil } catch { return error.reason }
        }
    }
    private static let crcMarker = Array(#","crc":""#.utf8)

    // MARK: Encoding

    /// A JSON object being built with members in a fixed order.
    struct LineBuilder {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        private var first = true

        mutating func key(_ k: StaticString) {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: UnsafeRawBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
            bytes.append(UInt8(ascii: "\""))
            bytes.append(UInt8(ascii: ":"))
        }
        mutating func string(_ k: StaticString, _ v: String) { key(k); JournalCodec.escape(v, into: &bytes) }
        mutating func int(_ k: StaticString, _ v: Int) { key(k); bytes.append(contentsOf: String(v).utf8) }
        mutating func strings(_ k: StaticString, _ v: [String]) {
            key(k)
            bytes.append(UInt8(ascii: "["))
            for (i, s) in v.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                JournalCodec.escape(s, into: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        }

        /// Closes the object with its checksum and a newline.
        mutating func finish() -> [UInt8] {
            let crc = bytes.withUnsafeBytes { CRC32.hex($0) }
            bytes.append(contentsOf: #","crc":""#.utf8)
            bytes.append(contentsOf: crc.utf8)
            bytes.append(contentsOf: "\"}\n".utf8)
            return bytes
        }
    }

    /// JSON string escaping for journal lines: raw UTF-8, control characters escaped.
    static func escape(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: out.append(b)
            }
        }
        out.append(0x22)
    }

    static func encode(_ header: JournalHeader) -> [UInt8] {
        var b = LineBuilder()
        b.int("winnow_journal", header.version)
        b.string("fingerprint", header.fingerprint)
        b.string("tool", header.tool)
        b.string("created", header.created)
        return b.finish()
    }

    static func encode(_ entry: JournalEntry) -> [UInt8] {
        var b = LineBuilder()
        b.int("seq", entry.sequence)
        b.string("time", entry.time)
        b.string("reviewer", entry.reviewer)
        b.int("index", entry.index)
        b.string("id", entry.id)
        b.string("hash", entry.sampleHash)
        switch entry.decision {
        case .accept:
            b.string("decision", "accept")
        case .skip:
            b.string("decision", "skip")
        case .reject(let reasons, let note):
            b.string("decision", "reject")
            b.strings("reasons", reasons)
            if let note { b.string("note", note) }
        case .edit(let edit, let note):
            b.string("decision", "edit")
            switch edit {
            case .turns(let turns):
                b.key("turns")
                b.bytes.append(UInt8(ascii: "{"))
                for (i, t) in turns.keys.sorted().enumerated() {
                    if i > 0 { b.bytes.append(UInt8(ascii: ",")) }
                    escape(String(t), into: &b.bytes)
                    b.bytes.append(UInt8(ascii: ":"))
                    escape(turns[t] ?? "", into: &b.bytes)
                }
                b.bytes.append(UInt8(ascii: "}"))
            case .conversation(let turns):
                b.key("conversation")
                b.bytes.append(UInt8(ascii: "["))
                for (i, t) in turns.enumerated() {
                    if i > 0 { b.bytes.append(UInt8(ascii: ",")) }
                    b.bytes.append(contentsOf: #"{"from":"#.utf8)
                    escape(t.roleName, into: &b.bytes)
                    b.bytes.append(contentsOf: #","value":"#.utf8)
                    escape(t.text, into: &b.bytes)
                    b.bytes.append(UInt8(ascii: "}"))
                }
                b.bytes.append(UInt8(ascii: "]"))
            }
            if let note { b.string("note", note) }
        case .undo(let sequence):
            b.string("decision", "undo")
            b.int("undo", sequence)
        case .reset:
            b.string("decision", "reset")
        case .note(let text, let flag):
            b.string("decision", "note")
            if let text { b.string("text", text) }
            if let flag { b.string("flag", flag) }
        }
        entry.ruling?.encode(into: &b)
        return b.finish()
    }

    // MARK: Decoding

    /// A decoded line.
    enum Record: Equatable {
        case header(JournalHeader)
        case entry(JournalEntry)
    }

    /// Checks the line's checksum (line without its newline).
    static func checksumOK(_ line: UnsafeRawBufferPointer) -> Bool {
        let n = line.count
        guard n >= crcSuffixLength + 2, line[n - 1] == UInt8(ascii: "}"), line[n - 2] == UInt8(ascii: "\"") else { return false }
        let markerStart = n - crcSuffixLength
        for i in 0..<crcMarker.count where line[markerStart + i] != crcMarker[i] { return false }
        let stored = UnsafeRawBufferPointer(rebasing: line[(markerStart + crcMarker.count)..<(n - 2)])
        let crc = CRC32.checksum(UnsafeRawBufferPointer(rebasing: line[0..<markerStart]))
        var value: UInt32 = 0
        for c in stored {
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: return false
            }
            value = value << 4 | d
        }
        return value == crc
    }

    /// Decodes a line whose checksum is good; throws a reason when it is not a journal record.
    static func decode(_ line: UnsafeRawBufferPointer) throws(DecodeFailure) -> Record {
        guard line.count <= maxLineBytes else {
            throw DecodeFailure("line of \(line.count) bytes, longer than the \(maxLineBytes) this tool reads")
        }
        var f = Fields()
        do {
            try JSONParser.walkObject(line) { (key, p) throws(JSONParseError) in
                switch key {
                case "seq": f.seq = try p.readInt(key)
                case "index": f.index = try p.readInt(key)
                case "undo": f.undo = try p.readInt(key)
                case "winnow_journal": f.version = try p.readInt(key)
                case "time": f.time = try p.readString(key)
                case "reviewer": f.reviewer = try p.readString(key)
                case "id": f.id = try p.readString(key)
                case "hash": f.hash = try p.readString(key)
                case "decision": f.decision = try p.readString(key)
                case "note": f.note = try p.readString(key)
                case "text": f.text = try p.readString(key)
                case "flag": f.flag = try p.readString(key)
                case "fingerprint": f.fingerprint = try p.readString(key)
                case "tool": f.tool = try p.readString(key)
                case "created": f.created = try p.readString(key)
                case "reasons": f.reasons = try p.readValue()
                case "turns": f.turns = try p.readValue()
                case "conversation": f.conversation = try p.readValue()
                case "ruling": f.ruling = try p.readValue()
                default: _ = try p.readValue()  // crc, and members of later versions
                }
            }
        } catch {
            throw DecodeFailure("not a valid journal line at byte \(error.byteOffset): \(error.reason)")
        }
        try f.checkLengths()
        if let v = f.version {
            // Any version decodes; the reader refuses the whole journal when it is not ours.
            return .header(JournalHeader(version: v, fingerprint: f.fingerprint ?? "", tool: f.tool ?? "", created: f.created ?? ""))
        }
        return .entry(try f.entry())
    }

    /// The members of one line, as read.
    private struct Fields {
        var seq: Int?, index: Int?, undo: Int?, version: Int?
        var time: String?, reviewer: String?, id: String?, hash: String?, decision: String?
        var note: String?, text: String?, flag: String?, fingerprint: String?, tool: String?, created: String?
        var reasons: JSONValue?, turns: JSONValue?, conversation: JSONValue?, ruling: JSONValue?

        func checkLengths() throws(DecodeFailure) {
            let short: [(String, String?)] = [("time", time), ("reviewer", reviewer), ("id", id), ("hash", hash),
                                              ("decision", decision), ("flag", flag), ("fingerprint", fingerprint),
                                              ("tool", tool), ("created", created)]
            for (name, value) in short where (value?.utf8.count ?? 0) > JournalCodec.maxShortString {
                throw DecodeFailure("'\(name)' is \(value?.utf8.count ?? 0) bytes long, more than the \(JournalCodec.maxShortString) allowed")
            }
        }

        func entry() throws(DecodeFailure) -> JournalEntry {
            guard let seq else { throw DecodeFailure("entry without a number 'seq'") }
            guard seq >= 1, seq <= JournalCodec.maxSequence else {
                throw DecodeFailure("sequence number \(seq) is out of range (1 to \(JournalCodec.maxSequence))")
            }
            guard let index, index >= 0, index <= JournalCodec.maxIndex else { throw DecodeFailure("entry \(seq) without a valid 'index'") }
            guard let kind = decision else { throw DecodeFailure("entry \(seq) without a 'decision'") }
            let d: Decision
            switch kind {
            case "accept": d = .accept
            case "skip": d = .skip
            case "reject":
                guard let list = reasons?.arrayValue ?? (reasons == nil ? [] : nil) else {
                    throw DecodeFailure("entry \(seq): 'reasons' must be a list")
                }
                let tags = list.compactMap(\.stringValue)
                guard tags.count == list.count, tags.count <= JournalCodec.maxReasons,
                      tags.allSatisfy({ $0.utf8.count <= JournalCodec.maxShortString }) else {
                    throw DecodeFailure("entry \(seq): 'reasons' must be a list of at most \(JournalCodec.maxReasons) short strings")
                }
                d = .reject(reasons: tags, note: note)
            case "edit":
                if case .object(let members)? = turns {
                    var map: [Int: String] = [:]
                    for m in members {
                        guard let t = Int(m.key), t >= 0, let text = m.value.stringValue else {
                            throw DecodeFailure("entry \(seq): bad turn edit '\(m.key)'")
                        }
                        map[t] = text
                    }
                    d = .edit(.turns(map), note: note)
                } else if let list = conversation?.arrayValue {
                    var newTurns: [Turn] = []
                    for t in list {
                        guard let from = t["from"]?.stringValue, let text = t["value"]?.stringValue else {
                            throw DecodeFailure("entry \(seq): a conversation turn without 'from' and 'value'")
                        }
                        newTurns.append(Turn(role: Role(name: from), roleName: from, text: text))
                    }
                    d = .edit(.conversation(newTurns), note: note)
                } else {
                    throw DecodeFailure("entry \(seq): edit without 'turns' or 'conversation'")
                }
            case "undo":
                guard let undo else { throw DecodeFailure("entry \(seq): undo without a number 'undo'") }
                // Undo targets are always earlier entries (the fold relies on it).
                guard undo >= 1, undo < seq else {
                    throw DecodeFailure("entry \(seq): undo of entry \(undo), which is not an earlier entry")
                }
                d = .undo(sequence: undo)
            case "note":
                d = .note(text: text, flag: flag)
            case "reset":
                d = .reset
            default:
                throw DecodeFailure("entry \(seq): unknown decision '\(kind)'")
            }
            return JournalEntry(sequence: seq, time: time ?? "", reviewer: reviewer ?? "", index: index,
                                id: id ?? "", sampleHash: hash ?? "", decision: d, ruling: ruling.flatMap(Ruling.init(json:)))
        }
    }

    struct DecodeFailure: Error { var reason: String; init(_ r: String) { reason = r } }

}
