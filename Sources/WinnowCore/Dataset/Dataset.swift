import Foundation

// CONTRACT STUB (skeleton): the public API below is what the other layers build against.
// The dataset-engine work replaces the bodies; the signatures may grow but not break.

/// How samples are laid out in the file.
public enum DatasetContainer: String, Sendable, Equatable {
    /// One top-level JSON array of sample objects.
    case jsonArray = "json"
    /// One sample object per line.
    case jsonLines = "jsonl"
}

/// The JSON writing style of a file, detected so that rewritten samples look like their
/// neighbours.
public struct JSONStyle: Sendable, Equatable {
    /// Indentation unit ("" for compact, "  ", "    ", "\t"); nil when samples are compact.
    public var indent: String?
    /// Whether non-ASCII text is written as `\uXXXX` escapes (Python's `ensure_ascii`).
    public var ensureASCII: Bool
    /// Separator after `:` in objects (`": "` in Python's default, `":"` in minified JSON).
    public var keySeparator: String
    /// Separator between members/elements on one line (`", "` or `","`).
    public var itemSeparator: String
    /// Whether `/` is escaped as `\/`.
    public var escapesSlash: Bool

    public init(indent: String? = nil, ensureASCII: Bool = false, keySeparator: String = ": ",
                itemSeparator: String = ", ", escapesSlash: Bool = false) {
        self.indent = indent
        self.ensureASCII = ensureASCII
        self.keySeparator = keySeparator
        self.itemSeparator = itemSeparator
        self.escapesSlash = escapesSlash
    }
}

/// A file-level problem: one clear message with its location.
public struct DatasetProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case warning, error }
    public var severity: Severity
    public var file: String
    public var location: SourceLocation?
    public var message: String

    public init(severity: Severity, file: String, location: SourceLocation?, message: String) {
        self.severity = severity
        self.file = file
        self.location = location
        self.message = message
    }

    public var description: String {
        if let l = location { return "\(file):\(l.line):\(l.column): \(severity.rawValue): \(message) (byte \(l.byteOffset))" }
        return "\(file): \(severity.rawValue): \(message)"
    }
}

/// Why a dataset could not be opened at all.
public enum DatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case unusable(DatasetProblem)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "\(path): cannot open: \(reason)"
        case .unusable(let problem): return problem.description
        }
    }
}

/// Options for opening a dataset.
public struct DatasetOptions: Sendable {
    /// Force the container instead of detecting it from content.
    public var container: DatasetContainer?
    /// Read and write the index cache (`--no-index-cache` turns this off).
    public var useIndexCache: Bool
    /// Called now and then with the fraction of the file indexed (0...1), for progress bars.
    public var progress: (@Sendable (Double) -> Void)?

    public init(container: DatasetContainer? = nil, useIndexCache: Bool = true,
                progress: (@Sendable (Double) -> Void)? = nil) {
        self.container = container
        self.useIndexCache = useIndexCache
        self.progress = progress
    }
}

/// A memory-mapped dataset file with the byte range of every sample found in one pass;
/// samples are decoded only when asked for.
public final class Dataset: @unchecked Sendable {
    /// The path as given.
    public let path: String
    public let container: DatasetContainer
    public let style: JSONStyle
    /// File-level warnings and errors (a truncated tail, trailing garbage, a BOM, ...).
    public let problems: [DatasetProblem]

    init(path: String, container: DatasetContainer, style: JSONStyle, problems: [DatasetProblem]) {
        self.path = path
        self.container = container
        self.style = style
        self.problems = problems
    }

    /// Opens and indexes (or loads the index cache of) the file at `path`.
    public static func open(path: String, options: DatasetOptions = DatasetOptions()) throws(DatasetError) -> Dataset {
        throw .cannotOpen(path: path, reason: "not implemented yet (skeleton)")
    }

    /// Number of samples (readable or not).
    public var count: Int { 0 }

    /// A fingerprint of the file's content, stable across runs and index-cache reuse, that
    /// changes whenever the bytes change (journals store it to detect a changed dataset).
    public var fingerprint: String { "" }

    /// The byte range of sample `index` in the file (the object itself, no separators).
    public func byteRange(at index: Int) -> Range<Int> { 0..<0 }

    /// A stable hash of sample `index`'s original bytes (hex), used by journal entries.
    public func sampleHash(at index: Int) -> String { "" }

    /// Decodes sample `index`, or says why it cannot be read.
    public func sample(at index: Int) -> Result<Sample, UnreadableSample> {
        .failure(UnreadableSample(file: path, index: index, location: SourceLocation(line: 1, column: 1, byteOffset: 0), reason: "skeleton"))
    }

    /// The id of sample `index` without a full decode where possible (for lookups and lists).
    public func id(at index: Int) -> String? { nil }

    /// The index of the first sample whose id is `id`.
    public func index(ofID id: String) -> Int? { nil }

    /// Calls `body` with the whole mapped file (valid only during the call).
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: nil, count: 0))
    }
}
