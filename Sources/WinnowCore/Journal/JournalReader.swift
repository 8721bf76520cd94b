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

    /// Checks and decodes journal bytes.
    public static func parse(_ bytes: UnsafeRawBufferPointer, path: String) -> JournalContents {
        var c = JournalContents(path: path)
        c.fileLength = bytes.count
        var lineNo = 0
        var start = 0
        var fingerprint: String? = nil
        // Bad lines are held back until a good line follows: a bad run at the very end is the
        // torn tail, a bad run followed by good lines is damage in the middle.
        var pendingBad: [JournalIssue] = []
        var pendingStartLine: Int? = nil
        // Sequence numbers are unique: a second line with a number already used is refused
        // (it could otherwise undo or shadow the wrong entry).
        var sequenceLines: [Int: Int] = [:]
        let n = bytes.count
        guard let base = bytes.baseAddress, n > 0 else { return c }
        while start < n {
            lineNo += 1
            let rest = n - start
            let nl = memchr(base + start, 0x0A, rest).map { UnsafeRawPointer($0) - base }
            guard let end = nl else {
                if pendingStartLine == nil { pendingStartLine = lineNo }
                break  // unterminated last line
            }
            let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            defer { start = end + 1 }
            guard JournalCodec.checksumOK(line) else {
                if c.unsupportedVersion == nil, let v = headerVersion(line), v != JournalHeader.currentVersion {
                    c.unsupportedVersion = (v, lineNo)
                }
                if pendingStartLine == nil { pendingStartLine = lineNo }
                let why = line.isEmpty ? "empty line" : "checksum mismatch (\(line.count) bytes)"
                pendingBad.append(JournalIssue(kind: .damaged, path: path, line: lineNo,
                                               message: "\(why) at byte \(start); line skipped, its bytes kept in the file"))
                continue
            }
            c.issues.append(contentsOf: pendingBad)
            pendingBad.removeAll()
            pendingStartLine = nil
            c.goodLength = end + 1
            do throws(JournalCodec.DecodeFailure) {
                switch try JournalCodec.decode(line) {
                case .header(let h):
                    guard h.version == JournalHeader.currentVersion else {
                        if c.unsupportedVersion == nil { c.unsupportedVersion = (h.version, lineNo) }
                        continue
                    }
                    c.headers.append(h)
                    fingerprint = h.fingerprint
                case .entry(let e):
                    if let first = sequenceLines[e.sequence] {
                        c.issues.append(JournalIssue(kind: .invalid, path: path, line: lineNo,
                                                     message: "entry \(e.sequence): sequence number already used on line \(first); line skipped"))
                        continue
                    }
                    sequenceLines[e.sequence] = lineNo
                    c.items.append(.init(entry: e, line: lineNo, fingerprint: fingerprint))
                    if e.sequence > c.lastSequence { c.lastSequence = e.sequence }
                }
            } catch {
                c.issues.append(JournalIssue(kind: .invalid, path: path, line: lineNo, message: error.reason))
            }
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
