#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

// The public API of the dataset engine, which the other layers build against. The engine's
// parts live beside it: DatasetIndexer (one-pass scan), IndexCache, SampleDecoder, IDLookup.

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
    /// Index large JSON Lines on two threads (the result is the same either way; benchmarks
    /// turn it off to compare).
    public var parallelIndexing = true

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
    /// Whether the index came from the cache rather than a fresh scan.
    public let indexWasCached: Bool

    let file: MappedFile
    let table: SampleTable
    let lines: LineIndex
    private let fingerprintValue: String

    init(path: String, file: MappedFile, result: IndexResult, style: JSONStyle, fingerprint: String, cached: Bool) {
        self.path = path
        self.file = file
        self.container = result.container
        self.style = style
        self.table = result.table
        self.fingerprintValue = fingerprint
        self.indexWasCached = cached
        let lines = LineIndex(bytes: file.bytes)
        self.lines = lines
        self.problems = result.problems.map { raw in
            DatasetProblem(severity: raw.severity, file: path,
                           location: raw.offset >= 0 ? lines.location(of: raw.offset) : nil, message: raw.message)
        }
    }

    /// Opens and indexes (or loads the index cache of) the file at `path`.
    public static func open(path: String, options: DatasetOptions = DatasetOptions()) throws(DatasetError) -> Dataset {
        try open(path: path, options: options, parallelThreshold: options.parallelIndexing ? ParallelIndexer.defaultThreshold : .max)
    }

    /// `parallelThreshold`: the file size from which JSON Lines are indexed on two threads
    /// (tests lower it to compare both ways on small files).
    static func open(path: String, options: DatasetOptions, parallelThreshold: Int) throws(DatasetError) -> Dataset {
        let file = try MappedFile(path: path)
        // The key holds the options too: a cache built under `--format` is never reused by a
        // run without it (or with the other format), and the other way round.
        let key = IndexCacheKey(file: file, container: options.container)
        if options.useIndexCache, let cached = IndexCache.load(for: path, key: key) {
            file.adviseNormal()
            return Dataset(path: path, file: file, result: cached.result, style: cached.style,
                           fingerprint: cached.fingerprint, cached: true)
        }
        // The image streams to the cache file (or an unnamed scratch file without the cache),
        // so that a fresh index costs page cache rather than process memory.
        func makeSink() -> IndexImageSink {
            (options.useIndexCache ? IndexCache.openSink(for: path) : nil) ?? IndexCache.scratchSink() ?? IndexImageSink.memory()
        }
        var sink = makeSink()
        var result: IndexResult
        var builder: SampleTableBuilder
        var otherIDKeys: [UInt64] = []
        do {
            if let (parallel, built, keys) = try ParallelIndexer.run(bytes: file.bytes, sink: sink, forced: options.container,
                                                               progress: options.progress, threshold: parallelThreshold) {
                result = parallel
                builder = built
                otherIDKeys = keys
            } else {
                if sink.offset > 0 {
                    sink.discard()
                    sink = makeSink()
                }
                var indexer = DatasetIndexer(bytes: file.bytes, sink: sink, progress: options.progress)
                result = try indexer.run(forced: options.container)
                builder = indexer.table
            }
        } catch {
            sink.discard()
            let location = LineIndex(bytes: file.bytes).location(of: error.offset)
            throw .unusable(DatasetProblem(severity: .error, file: path, location: location, message: error.message))
        }
        file.adviseNormal()
        // Truncated while it was being indexed: the index may hold zero pages read through the
        // SIGBUS guard; never keep (or cache) it.
        if file.changedOnDisk {
            sink.discard()
            throw .cannotOpen(path: path, reason: changedOnDiskMessage)
        }
        let layout = builder.finishSections(mergingIDKeys: otherIDKeys)
        let storage = sink.map()
        guard let table = IndexImage.table(storage: storage, layout: layout, owner: storage) else {
            sink.discard()
            throw .cannotOpen(path: path, reason: "the index of the file could not be built")
        }
        result.table = table
        let style = detectStyle(file: file, table: table)
        let fingerprint = computeFingerprint(file: file, table: table)
        if options.useIndexCache {
            let body = layout.endOffset <= IndexImage.fullCheckLimit && layout.endOffset <= storage.bytes.count
                ? Hashing.words(UnsafeRawBufferPointer(rebasing: storage.bytes[0..<layout.endOffset])) : 0
            IndexImage.writeHeader(sink, key: key, result: result, style: style, fingerprint: fingerprint,
                                   layout: layout, bodyChecksum: body)
            sink.publish()
        } else {
            sink.discard()
        }
        return Dataset(path: path, file: file, result: result, style: style, fingerprint: fingerprint, cached: false)
    }

    /// Where the index cache of `path` may be written (beside it, else the user's cache folder).
    public static func indexCachePaths(for path: String) -> [String] { IndexCache.candidatePaths(for: path) }

    /// Number of samples (readable or not).
    public var count: Int { table.count }

    /// A fingerprint of the file's content, stable across runs and index-cache reuse, that
    /// changes whenever the bytes change (journals store it to detect a changed dataset).
    public var fingerprint: String { fingerprintValue }

    /// The byte range of sample `index` in the file (the object itself, no separators).
    public func byteRange(at index: Int) -> Range<Int> {
        let range = table.range(at: index)
        // A damaged image could point past the end; the file's bytes are the limit.
        return min(range.lowerBound, file.size)..<min(range.upperBound, file.size)
    }

    /// A stable hash of sample `index`'s original bytes (hex), used by journal entries.
    public func sampleHash(at index: Int) -> String {
        let range = byteRange(at: index)
        guard file.isStillBacked(upTo: range.upperBound) else { return "" }
        return Hashing.hex(Hashing.fnv1a(UnsafeRawBufferPointer(rebasing: file.bytes[range])))
    }

    /// Decodes sample `index`, or says why it cannot be read.
    public func sample(at index: Int) -> Result<Sample, UnreadableSample> {
        guard index >= 0, index < table.count else {
            return .failure(UnreadableSample(file: path, index: index, location: SourceLocation(line: 1, column: 1, byteOffset: 0),
                                             reason: "no sample \(index): the dataset has \(table.count) samples"))
        }
        let range = byteRange(at: index)
        guard file.isStillBacked(upTo: range.upperBound) else {
            return .failure(UnreadableSample(file: path, index: index, location: SourceLocation(line: 0, column: 0, byteOffset: range.lowerBound),
                                             reason: "the file was truncated since it was opened; reopen it"))
        }
        return SampleDecoder.decode(bytes: UnsafeRawBufferPointer(rebasing: file.bytes[range]), baseOffset: range.lowerBound,
                                    index: index, file: path, lines: lines)
    }

    /// The location (line:column) of a byte offset in the file, computed lazily.
    public func location(ofByte offset: Int) -> SourceLocation { lines.location(of: offset) }

    /// The id of sample `index` without a full decode where possible (for lookups and lists).
    public func id(at index: Int) -> String? {
        guard let (range, isString) = table.idRange(at: index), file.isStillBacked(upTo: range.upperBound + 1) else { return nil }
        guard range.upperBound <= file.size else { return nil }
        let raw = UnsafeRawBufferPointer(rebasing: file.bytes[range])
        let quoted = isString && range.lowerBound >= 1 && range.upperBound < file.size
            ? UnsafeRawBufferPointer(rebasing: file.bytes[(range.lowerBound - 1)..<(range.upperBound + 1)]) : raw
        return Self.idText(raw: raw, quoted: quoted, isString: isString)
    }

    /// An id's text from its raw bytes (`quoted`: the string literal with its quotes), shared
    /// with the index builder so that lookup hashes match what `id(at:)` returns.
    static func idText(raw: UnsafeRawBufferPointer, quoted: UnsafeRawBufferPointer, isString: Bool) -> String? {
        if !isString { return String(decoding: raw, as: UTF8.self) }
        if !raw.contains(0x5C) {
            return String(validating: raw, as: UTF8.self) ?? String(decoding: raw, as: UTF8.self)
        }
        // Escapes in the id: decode just the string literal (quotes included).
        return (try? JSONParser.parse(quoted))?.stringValue
    }

    /// Whether `taskType(at:)` answers without a decode (from the index or the byte walk).
    public func taskTypeIsIndexed(at index: Int) -> Bool { table.taskType(at: index) != nil || scannedTaskType(at: index) != nil }

    /// The sample's task type by a byte walk of its bytes (the usual case), else by decoding
    /// it; nil when the sample cannot be read.
    public func taskType(at index: Int) -> TaskType? {
        if let known = table.taskType(at: index) { return known }
        if let known = scannedTaskType(at: index) { return known }
        guard case .success(let s) = sample(at: index) else { return nil }
        return s.taskType
    }

    /// The index of the first sample whose id is `id`; `#N` finds sample N when it has no id.
    public func index(ofID id: String) -> Int? {
        if let found = IDLookup.find(id, in: self) { return found }
        if id.hasPrefix("#"), let n = Int(id.dropFirst()), n >= 0, n < count, table.idRange(at: n) == nil { return n }
        return nil
    }

    /// Calls `body` with the whole mapped file (valid only during the call).
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(file.bytes)
    }

    // MARK: - Open helpers

    private static func detectStyle(file: MappedFile, table: SampleTable) -> JSONStyle {
        guard table.count > 0 else { return JSONStyle() }
        let first = table.range(at: 0)
        let start = min(first.lowerBound, file.size)
        let end = min(first.upperBound, start + 65536, file.size)
        var lineStart = start
        while lineStart > 0, file.bytes[lineStart - 1] == 0x20 || file.bytes[lineStart - 1] == 0x09 { lineStart -= 1 }
        return JSONStyle.detect(sample: UnsafeRawBufferPointer(rebasing: file.bytes[start..<end]), lineIndent: start - lineStart)
    }

    // Why sampled rather than a full content hash: hashing all 1.26 GB would cost about as
    // much as the whole index pass. The fingerprint covers the size, the first and last
    // 64 KB, 64 blocks of 4 KB spread over the file and a checksum of every sample's byte
    // range, so inserting, removing or resizing any sample changes it; an in-place edit that
    // keeps every length is caught by the per-sample hashes journals store. It is computed
    // once at indexing time and kept in the cache, so it is identical on cache reuse.
    private static func computeFingerprint(file: MappedFile, table: SampleTable) -> String {
        let bytes = file.bytes
        var h = Hashing.words(UnsafeRawBufferPointer(rebasing: bytes[0..<min(65536, bytes.count)]), seed: UInt64(bytes.count))
        h = Hashing.words(UnsafeRawBufferPointer(rebasing: bytes[max(0, bytes.count - 65536)..<bytes.count]), seed: h)
        let blocks = 64, blockSize = 4096
        if bytes.count > 2 * 65536 {
            for k in 0..<blocks {
                let offset = Int((Int64(bytes.count) - Int64(blockSize)) * Int64(k) / Int64(blocks))
                h = Hashing.words(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + blockSize)]), seed: h)
            }
        }
        // Equal to hashing the arrays of starts and then of ends as 64-bit words (version 5
        // did exactly that), so journals written before keep matching.
        var starts = Hashing.WordHasher(count: table.count, seed: h)
        table.forEachRange { _, range in starts.add(UInt64(bitPattern: Int64(range.lowerBound).littleEndian)) }
        var ends = Hashing.WordHasher(count: table.count, seed: starts.finish())
        table.forEachRange { _, range in ends.add(UInt64(bitPattern: Int64(range.upperBound).littleEndian)) }
        h = ends.finish()
        return Hashing.hex(h)
    }
}
