/// The decoded content of one journal file, before it is matched against a dataset.
public struct JournalContents: Sendable {
    /// One entry with where it was read and the fingerprint of the header before it.
    public struct Item: Sendable, Equatable {
        public var entry: JournalEntry
        public var line: Int
        /// The fingerprint of the last good header before this entry (nil when none).
        public var fingerprint: String?
    }

    public var path: String
    public var headers: [JournalHeader] = []
    public var items: [Item] = []
    public var issues: [JournalIssue] = []
    /// The byte length of the file up to the end of its last good line.
    public var goodLength: Int = 0
    /// The whole file's length.
    public var fileLength: Int = 0
    /// The 1-based line where a torn tail starts, if there is one.
    public var tornLine: Int?
    /// The highest sequence number seen (at most `JournalCodec.maxSequence`).
    public var lastSequence: Int = 0
    /// A header's format version this build does not know, with its line (the journal must
    /// then be neither read nor appended to).
    public var unsupportedVersion: (version: Int, line: Int)?

    /// Whether the file ends in bytes that are not a complete good line.
    public var hasTornTail: Bool { goodLength < fileLength }
}

/// Reads journal files without a dataset and without taking the writer's lock, so any number
/// of journals can be read while their writers are running.
public enum JournalReader {
    /// Reads and checks the journal at `path`.
    public static func read(path: String) throws(JournalError) -> JournalContents {
        let bytes = try JournalIO.readAll(path: path)
        try checkIsJournal(bytes, path: path)
        let contents = bytes.withUnsafeBytes { parse($0, path: path) }
        try checkVersion(contents)
        return contents
    }

    /// Throws `.invalid` naming the version needed when a header has a format version this
    /// build does not know: its entries may mean something else, so guessing is worse than
    /// refusing.
    static func checkVersion(_ contents: JournalContents) throws(JournalError) {
        guard let (version, line) = contents.unsupportedVersion else { return }
        let known = JournalHeader.currentVersion
        throw .invalid(path: contents.path, line: line,
                       reason: "journal format version \(version), which this build of Winnow does not know (it reads and writes only version \(known)); use a Winnow that supports journal format version \(version). The journal was left untouched")
    }

    /// The version in a line that starts like a header, even when its checksum does not match
    /// (a later format may checksum differently): `{"winnow_journal":2,...`.
    static func headerVersion(_ line: UnsafeRawBufferPointer) -> Int? {
        guard line.count > headerStart.count, line.starts(with: headerStart) else { return nil }
        var value = 0
        var digits = 0
        for b in line[headerStart.count...] {
            guard b >= 0x30, b <= 0x39 else { break }
            digits += 1
            if digits > 9 { return Int.max }  // absurd, and still not this version
            value = value * 10 + Int(b - 0x30)
        }
        return digits > 0 ? value : nil
    }

    /// Every journal starts with its header line; a crash while creating one can leave only
    /// the start of that line.
    static let headerStart: [UInt8] = Array(#"{"winnow_journal":"#.utf8)

    /// Throws `.invalid` for a file that cannot be a journal (not empty, and not starting with
    /// a journal header), so that a dataset or any other file passed as a journal is neither
    /// misread as one long torn line nor, when opened for writing, cut back to nothing.
    static func checkIsJournal(_ bytes: [UInt8], path: String) throws(JournalError) {
        let n = min(bytes.count, headerStart.count)
        guard bytes[0..<n].elementsEqual(headerStart[0..<n]) else {
            throw .invalid(path: path, line: 1, reason: "not a Winnow journal (it does not start with a journal header line); the file was left untouched")
        }
    }

    /// Checks and decodes journal bytes. Lines are split, checksummed and decoded on every
    /// core (`JournalChunkScan`); what depends on earlier lines is settled here, in file order.
    public static func parse(_ bytes: UnsafeRawBufferPointer, path: String) -> JournalContents {
        parse(bytes, path: path, chunkBytes: 4 << 20)
    }

    /// `parse` with stretches of about `chunkBytes` (tests cut small files into many).
    static func parse(_ bytes: UnsafeRawBufferPointer, path: String, chunkBytes: Int) -> JournalContents {
        var c = JournalContents(path: path)
        c.fileLength = bytes.count
        let n = bytes.count
        guard bytes.baseAddress != nil, n > 0 else { return c }
        let chunks = JournalChunkScan.scanAll(bytes, chunkBytes: max(1, chunkBytes))
        c.items.reserveCapacity(chunks.reduce(0) { $0 + $1.entries.count })
        var fingerprint: String? = nil
        // Bad lines are held back until a good line follows: a bad run at the very end is the
        // torn tail, a bad run followed by good lines is damage in the middle.
        var pendingBad: [JournalIssue] = []
        var pendingStartLine: Int? = nil
        // Sequence numbers are unique: a second line with a number already used is refused
        // (it could otherwise undo or shadow the wrong entry). While numbers only grow (as the
        // writer numbers them) none can repeat, so the table is built only once one does not.
        var sequenceLines: [Int: Int]? = nil
        /// A line with a good checksum ends a run of damaged lines in the middle.
        func goodLine() {
            if !pendingBad.isEmpty { c.issues.append(contentsOf: pendingBad); pendingBad.removeAll() }
            pendingStartLine = nil
        }

        func takeEntry(_ entry: consuming JournalEntry, line lineNo: Int) {
            goodLine()
            if entry.sequence <= c.lastSequence || sequenceLines != nil {
                if sequenceLines == nil {
                    var table: [Int: Int] = [:]
                    table.reserveCapacity(c.items.count)
                    for item in c.items { table[item.entry.sequence] = item.line }
                    sequenceLines = table
                }
                if let first = sequenceLines?[entry.sequence] {
                    c.issues.append(JournalIssue(kind: .invalid, path: path, line: lineNo,
                                                 message: "entry \(entry.sequence): sequence number already used on line \(first); line skipped"))
                    return
                }
                sequenceLines?[entry.sequence] = lineNo
            }
            let sequence = entry.sequence
            c.items.append(.init(entry: entry, line: lineNo, fingerprint: fingerprint))
            if sequence > c.lastSequence { c.lastSequence = sequence }
        }

        var lineBase = 0
        for chunk in chunks {
            var e = 0
            var nextEntryLine = chunk.entryLines.first.map(Int.init) ?? Int.max
            for event in chunk.events {
                // The entries before this event, in order.
                while nextEntryLine < event.line, let entry = chunk.entries.take() {
                    takeEntry(entry, line: lineBase + nextEntryLine + 1)
                    e += 1
                    nextEntryLine = e < chunk.entryLines.count ? Int(chunk.entryLines[e]) : Int.max
                }
                let lineNo = lineBase + event.line + 1
                switch event.kind {
                case .damaged(let version):
                    if c.unsupportedVersion == nil, let v = version, v != JournalHeader.currentVersion {
                        c.unsupportedVersion = (v, lineNo)
                    }
                    if pendingStartLine == nil { pendingStartLine = lineNo }
                    let length = event.end - event.start
                    let why = length == 0 ? "empty line" : "checksum mismatch (\(length) bytes)"
                    pendingBad.append(JournalIssue(kind: .damaged, path: path, line: lineNo,
                                                   message: "\(why) at byte \(event.start); line skipped, its bytes kept in the file"))
                case .header(let h):
                    goodLine()
                    guard h.version == JournalHeader.currentVersion else {
                        if c.unsupportedVersion == nil { c.unsupportedVersion = (h.version, lineNo) }
                        continue
                    }
                    c.headers.append(h)
                    fingerprint = h.fingerprint
                case .invalid(let reason):
                    goodLine()
                    c.issues.append(JournalIssue(kind: .invalid, path: path, line: lineNo, message: reason))
                }
            }
            while e < chunk.entryLines.count, let entry = chunk.entries.take() {
                takeEntry(entry, line: lineBase + Int(chunk.entryLines[e]) + 1)
                e += 1
            }
            if let end = chunk.lastGoodEnd { c.goodLength = end }
            if chunk.unterminatedStart != nil, pendingStartLine == nil { pendingStartLine = lineBase + chunk.lineCount + 1 }
            lineBase += chunk.lineCount
        }

        if let torn = pendingStartLine {
            c.tornLine = torn
            c.issues.append(JournalIssue(kind: .torn, path: path, line: torn,
                                         message: "incomplete or damaged end of the journal: \(n - c.goodLength) bytes from byte \(c.goodLength) (a write cut short by a crash)"))
        }
        return c
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
