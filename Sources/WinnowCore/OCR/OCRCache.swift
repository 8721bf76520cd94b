import Foundation

/// The OCR results of a dataset's images, read from the append-only cache file `winnow ocr`
/// writes (`DATASET.winnow-ocr` beside the data, else under `$XDG_CACHE_HOME/winnow/ocr/`).
///
/// Format: a header line `winnow-ocr 1`, then one line per image: 8 hex digits of the CRC-32 of
/// the JSON that follows, a space, and a JSON object (image reference, identity, settings,
/// lines or error). A line that is torn (a crash mid-write), damaged or of another version is
/// skipped; the latest record for an identity and settings wins.
public struct OCRCache: Sendable {
    /// The header line every cache file starts with.
    public static let header = "winnow-ocr 1"

    /// The files read, in the order read.
    public private(set) var loadedPaths: [String] = []
    /// Lines skipped as torn or damaged.
    public private(set) var skippedLines = 0
    private var pages: [String: OCRPage] = [:]

    public init() {}

    /// The number of images with a result (any settings).
    public var count: Int { pages.count }

    /// The result for the image with this identity read with these settings, if cached.
    public func page(for identity: ImageIdentity, settings: OCRSettings) -> OCRPage? {
        pages[Self.key(identity, settings)]
    }

    /// Records a result (as the writer does after appending it).
    public mutating func insert(_ page: OCRPage, identity: ImageIdentity, settings: OCRSettings) {
        pages[Self.key(identity, settings)] = page
    }

    static func key(_ identity: ImageIdentity, _ settings: OCRSettings) -> String {
        identity.key + "|" + settings.key
    }

    // MARK: - Location

    /// The cache beside the dataset, then the one in the user's cache folder.
    public static func candidatePaths(forDataset path: String) -> [String] {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let beside = absolute + ".winnow-ocr"
        let name = PathText.lastComponent(absolute)
        let user = IndexCache.userCacheFolder() + "/ocr/" + Hashing.hex(Hashing.fnv1a(absolute)) + "-" + name + ".winnow-ocr"
        return [beside, user]
    }

    /// Where new results go: an existing cache in a writable folder, else beside the dataset
    /// when its folder is writable, else the user's cache folder.
    public static func writePath(forDataset path: String) -> String {
        let candidates = candidatePaths(forDataset: path)
        for candidate in candidates {
            let folder = PathText.parent(candidate)
            if FileManager.default.fileExists(atPath: candidate), access(candidate, W_OK) == 0,
               IndexCache.isMarkedWritable(folder) { return candidate }
        }
        let beside = candidates[0]
        let folder = PathText.parent(beside)
        if access(folder, W_OK) == 0, IndexCache.isMarkedWritable(folder) { return beside }
        return candidates[candidates.count - 1]
    }

    /// Every cached result for the dataset at `path` (both locations); empty when none.
    public static func load(forDataset path: String) -> OCRCache {
        var cache = OCRCache()
        for candidate in candidatePaths(forDataset: path) { cache.read(file: candidate) }
        return cache
    }

    /// Adds the records of one cache file; a missing or foreign file adds nothing.
    public mutating func read(file path: String) {
        guard let data = FileManager.default.contents(atPath: path) else { return }
        let bytes = [UInt8](data)
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        // The part after the last newline is a torn write (or empty): never trusted.
        if !lines.isEmpty { let tail = lines.removeLast(); if !tail.isEmpty { skippedLines += 1 } }
        guard let first = lines.first, String(decoding: first, as: UTF8.self) == Self.header else { return }
        loadedPaths.append(path)
        for line in lines.dropFirst() {
            guard let record = OCRCacheRecord.decode(line) else { skippedLines += 1; continue }
            pages[record.cacheKey] = record.page
        }
    }
}

/// One cache line's content.
struct OCRCacheRecord: Codable {
    var image: String
    var size: Int64
    var mtime: Int64
    var inode: UInt64
    var hash: String
    var settings: String
    var lines: [Line]
    var error: String?
    var ms: Int

    struct Line: Codable {
        var text: String
        /// x, y, width, height.
        var box: [Int]
        var conf: Double
        /// Per character, the engine's other choices (absent when none at all).
        var alt: [String]?
    }

    init(reference: String, identity: ImageIdentity, settings: OCRSettings, page: OCRPage) {
        image = reference
        size = identity.size
        mtime = identity.mtimeNanoseconds
        inode = identity.inode
        hash = Hashing.hex(identity.contentHash)
        self.settings = settings.key
        lines = page.lines.map {
            Line(text: $0.text, box: [$0.box.x, $0.box.y, $0.box.width, $0.box.height],
                 conf: ($0.confidence * 10).rounded() / 10,
                 alt: $0.alternatives.allSatisfy(\.isEmpty) ? nil : $0.alternatives)
        }
        error = page.error
        ms = page.milliseconds
    }

    var cacheKey: String { "\(size):\(mtime):\(inode):\(hash)|\(settings)" }

    var page: OCRPage {
        OCRPage(lines: lines.map { l in
            let b = l.box + [0, 0, 0, 0]
            return OCRLine(text: l.text, box: OCRBox(x: b[0], y: b[1], width: b[2], height: b[3]), confidence: l.conf, alternatives: l.alt ?? [])
        }, error: error, milliseconds: ms)
    }

    /// The line to append, newline included.
    func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        let json = (try? encoder.encode(self)).map { [UInt8]($0) } ?? []
        let crc = json.withUnsafeBytes { CRC32.checksum($0) }
        return Array(Self.hex8(crc).utf8) + [UInt8(ascii: " ")] + json + [UInt8(ascii: "\n")]
    }

    static func decode(_ line: ArraySlice<UInt8>) -> OCRCacheRecord? {
        guard line.count > 9, line[line.startIndex + 8] == UInt8(ascii: " ") else { return nil }
        let crcText = String(decoding: line.prefix(8), as: UTF8.self)
        guard let crc = UInt32(crcText, radix: 16) else { return nil }
        let json = Array(line.dropFirst(9))
        guard json.withUnsafeBytes({ CRC32.checksum($0) }) == crc else { return nil }
        return try? JSONDecoder().decode(OCRCacheRecord.self, from: Data(json))
    }

    static func hex8(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 8 - s.count)) + s
    }
}

/// Appends results to a cache file, fsyncing in batches: a crash loses at most the last batch,
/// and a torn last line is skipped on the next read.
public final class OCRCacheWriter {
    public let path: String
    private let fd: Int32
    private var unsynced = 0
    /// Records between fsyncs.
    public var batchSize = 16

    /// Opens (creating) the cache file at `path`; a foreign or headerless file is started over.
    public init(path: String) throws(OCRError) {
        self.path = path
        try? FileManager.default.createDirectory(atPath: PathText.parent(path), withIntermediateDirectories: true)
        let existing = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
        let headerBytes = Array((OCRCache.header + "\n").utf8)
        let valid = existing.count >= headerBytes.count && Array(existing.prefix(headerBytes.count)) == headerBytes
        let flags = O_WRONLY | O_CREAT | O_APPEND | (valid ? 0 : O_TRUNC)
        let fd = open(path, flags, 0o644)
        guard fd >= 0 else { throw OCRError(path: path, message: "cannot open the OCR cache: \(String(cString: strerror(errno)))") }
        self.fd = fd
        if !valid {
            try write(headerBytes)
        } else if existing.last != UInt8(ascii: "\n") {
            // A torn record from a crash: end it so the next record starts on its own line.
            try write([UInt8(ascii: "\n")])
        }
    }

    deinit { close(fd) }

    /// Appends one image's result.
    public func append(reference: String, identity: ImageIdentity, settings: OCRSettings, page: OCRPage) throws(OCRError) {
        try write(OCRCacheRecord(reference: reference, identity: identity, settings: settings, page: page).encoded())
        unsynced += 1
        if unsynced >= batchSize { sync() }
    }

    /// Forces appended records to disk.
    public func sync() {
        fsync(fd)
        unsynced = 0
    }

    private func write(_ bytes: [UInt8]) throws(OCRError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw OCRError(path: path, message: "cannot write the OCR cache: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }
}
