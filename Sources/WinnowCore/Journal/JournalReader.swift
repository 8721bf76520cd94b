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
    /// The highest sequence number seen.
    public var lastSequence: Int = 0

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
        return bytes.withUnsafeBytes { parse($0, path: path) }
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
                    c.headers.append(h)
                    fingerprint = h.fingerprint
                case .entry(let e):
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
