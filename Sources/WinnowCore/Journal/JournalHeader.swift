/// The header line of a journal (also repeated later when the dataset changed under a
/// journal that is reopened for writing: entries after it belong to the new fingerprint).
public struct JournalHeader: Sendable, Equatable {
    /// The journal format version this tool writes.
    public static let currentVersion = 1
    /// The tool name and version written into headers.
    public static let toolVersion = "winnow 0.1.0"

    public var version: Int
    /// The fingerprint of the dataset the following entries were written against.
    public var fingerprint: String
    public var tool: String
    /// ISO 8601 UTC.
    public var created: String

    public init(version: Int = JournalHeader.currentVersion, fingerprint: String,
                tool: String = JournalHeader.toolVersion, created: String) {
        self.version = version
        self.fingerprint = fingerprint
        self.tool = tool
        self.created = created
    }
}
