/// Something wrong with one line or the end of a journal, with where it is.
public struct JournalIssue: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// An incomplete last line (a crash mid-write): set aside, or reported in read-only use.
        case torn
        /// A line whose checksum does not match: skipped, its bytes kept in the file.
        case damaged
        /// A line with a good checksum that is not a valid record.
        case invalid
        /// An entry written against other bytes of its sample: never applied.
        case stale
        /// An entry whose sample moved and was found again by its id (`--match-by-id`).
        case reattached
        /// An undo naming an entry that is not in the journal.
        case dangling
    }

    public var kind: Kind
    public var path: String
    /// 1-based line number in the journal (0 when it is about the file as a whole).
    public var line: Int
    public var message: String

    public init(kind: Kind, path: String, line: Int, message: String) {
        self.kind = kind
        self.path = path
        self.line = line
        self.message = message
    }

    /// `path:line: kind: message`.
    public var description: String {
        line > 0 ? "\(path):\(line): \(kind.rawValue): \(message)" : "\(path): \(kind.rawValue): \(message)"
    }
}
