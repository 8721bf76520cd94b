/// Journal lines as bytes, for tools and fixtures that produce journals without a `Journal`
/// (no lock, no fsync): benchmarks, tests, converters.
public enum JournalLine {
    /// A header line (with its checksum and newline).
    public static func header(_ header: JournalHeader) -> [UInt8] { JournalCodec.encode(header) }

    /// An entry line (with its checksum and newline).
    public static func entry(_ entry: JournalEntry) -> [UInt8] { JournalCodec.encode(entry) }

    /// Whether a line (without its newline) has a good checksum.
    public static func isIntact(_ line: [UInt8]) -> Bool { line.withUnsafeBytes { JournalCodec.checksumOK($0) } }

    /// Now as ISO 8601 UTC with milliseconds, as written in entries.
    public static func now() -> String { JournalIO.nowISO8601() }
}
