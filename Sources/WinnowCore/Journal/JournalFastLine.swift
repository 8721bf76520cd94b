/// Decodes the entry lines Winnow writes itself (accept, skip, reject with reasons and an
/// optional note, undo), member by member in the writer's order, without the general JSON
/// walk: no member-name strings, no JSON trees, no string of the same reviewer or reason built
/// twice.
///
/// Anything else (a header, an edit, a note, a ruling, whitespace, escapes, members in another
/// order, an out-of-range number) returns nil, and the caller decodes the line with
/// `JournalCodec.decode`. So the fast path only ever accepts a line when the full decoder
/// would give the very same entry; it never produces an error of its own, and every invalid
/// line is reported by the full decoder, word for word as before.
struct JournalFastLine {
    /// The last reviewer name read, as bytes and as the string handed out (journals hold one
    /// reviewer, so most entries share the string instead of allocating their own).
    private var reviewerBytes: [UInt8] = []
    private var reviewerText = ""
    /// Single-reason lists already read (a handful of tags cover most rejects).
    private var reasonLists: [(bytes: [UInt8], list: [String])] = []

    init() {}

    /// The entry on `line` (without its newline, checksum already checked), or nil when the
    /// line is not one of the shapes decoded here.
    mutating func decode(_ line: UnsafeRawBufferPointer) -> JournalEntry? {
        let n = line.count
        guard n > JournalCodec.crcSuffixLength, n <= JournalCodec.maxLineBytes,
              let base = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        // The checksum member starts here (checked by the caller): every member before it
        // must end exactly at this byte.
        var c = Cursor(p: base, end: n - JournalCodec.crcSuffixLength)
        guard c.literal(#"{"seq":"#), let seq = c.int(), seq >= 1, seq <= JournalCodec.maxSequence,
              c.literal(#","time":""#), let time = c.string(),
              c.literal(#","reviewer":""#), let reviewer = c.string(),
              c.literal(#","index":"#), let index = c.int(), index <= JournalCodec.maxIndex,
              c.literal(#","id":""#), let id = c.string(),
              c.literal(#","hash":""#), let hash = c.string(),
              c.literal(#","decision":""#) else { return nil }
        let limit = JournalCodec.maxShortString
        guard time.count <= limit, reviewer.count <= limit, id.count <= limit, hash.count <= limit else { return nil }
        let decision: Decision
        if c.literal(#"accept""#) {
            decision = .accept
        } else if c.literal(#"skip""#) {
            decision = .skip
        } else if c.literal(#"reject","reasons":["#) {
            guard let reasons = readReasons(&c) else { return nil }
            var note: String? = nil
            if !c.atEnd {
                guard c.literal(#","note":""#), let text = c.string() else { return nil }
                note = String(decoding: text, as: UTF8.self)
            }
            decision = .reject(reasons: reasons, note: note)
        } else if c.literal(#"undo","undo":"#) {
            // Undo targets are always earlier entries (the full decoder refuses the rest).
            guard let target = c.int(), target >= 1, target < seq else { return nil }
            decision = .undo(sequence: target)
        } else {
            return nil
        }
        guard c.atEnd else { return nil }
        return JournalEntry(sequence: seq, time: String(decoding: time, as: UTF8.self), reviewer: reviewerString(reviewer),
                            index: index, id: String(decoding: id, as: UTF8.self),
                            sampleHash: String(decoding: hash, as: UTF8.self), decision: decision)
    }

    /// The reasons after `"reasons":[`, up to and including the closing `]`.
    private mutating func readReasons(_ c: inout Cursor) -> [String]? {
        if c.literal("]") { return [] }
        var raw: [UnsafeRawBufferPointer] = []
        while true {
            guard c.literal("\""), let tag = c.string(), tag.count <= JournalCodec.maxShortString else { return nil }
            raw.append(tag)
            guard raw.count <= JournalCodec.maxReasons else { return nil }
            if c.literal("]") { break }
            guard c.literal(",") else { return nil }
        }
        if raw.count == 1 {
            let tag = raw[0]
            for cached in reasonLists where cached.bytes.elementsEqual(tag) { return cached.list }
            let list = [String(decoding: tag, as: UTF8.self)]
            if reasonLists.count < 32 { reasonLists.append((Array(tag), list)) }
            return list
        }
        return raw.map { String(decoding: $0, as: UTF8.self) }
    }

    private mutating func reviewerString(_ bytes: UnsafeRawBufferPointer) -> String {
        if bytes.elementsEqual(reviewerBytes) { return reviewerText }
        reviewerBytes = Array(bytes)
        reviewerText = String(decoding: bytes, as: UTF8.self)
        return reviewerText
    }

    /// A position in one line; never reads at or past `end`.
    private struct Cursor {
        let p: UnsafePointer<UInt8>
        let end: Int
        var i = 0

        var atEnd: Bool { i == end }

        /// Consumes `text` when the bytes at the cursor are exactly it.
        mutating func literal(_ text: StaticString) -> Bool {
            let k = text.utf8CodeUnitCount
            guard end - i >= k else { return false }
            let t = text.utf8Start
            for j in 0..<k where p[i + j] != t[j] { return false }
            i += k
            return true
        }

        /// A non-negative integer without sign, leading zero, fraction or exponent, followed
        /// by a byte the full decoder would take as the end of the number.
        mutating func int() -> Int? {
            var v = 0
            let start = i
            while i < end, p[i] >= 0x30, p[i] <= 0x39 {
                // 17 digits exceed every limit; stop before anything could overflow.
                guard i - start < 17 else { return nil }
                v = v * 10 + Int(p[i] - 0x30)
                i += 1
            }
            let digits = i - start
            guard digits > 0, digits == 1 || p[start] != 0x30 else { return nil }
            return v
        }

        /// The bytes of a string whose opening quote was consumed, up to its closing quote
        /// (consumed): nil when it holds an escape or a raw control character (the full
        /// decoder then decides), or is not valid UTF-8.
        mutating func string() -> UnsafeRawBufferPointer? {
            let start = i
            while i < end {
                let b = p[i]
                if b == 0x22 {
                    let run = UnsafeRawBufferPointer(start: p + start, count: i - start)
                    i += 1
                    return JSONParser.firstInvalidUTF8(run) == run.count ? run : nil
                }
                if b == 0x5C || b < 0x20 { return nil }
                i += 1
            }
            return nil
        }
    }
}
