#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// What identifies the exact file an index was built from.
struct IndexCacheKey: Equatable {
    var size: Int64
    var mtimeSeconds: Int64
    var mtimeNanoseconds: Int64
    var inode: UInt64
    /// Hash of the first and last 64 KB: catches a rewrite that keeps size and mtime.
    var edgeHash: UInt64
    /// The options the index was built under (0: container detected, 1: forced JSON array,
    /// 2: forced JSON Lines): an index built under `--format jsonl` cuts a JSON array
    /// differently, so it is never reused by a run with other options.
    var options: UInt8 = 0

    init(file: MappedFile, container: DatasetContainer? = nil) {
        options = IndexCacheKey.optionsByte(container)
        size = Int64(file.size)
        mtimeSeconds = file.modificationSeconds
        mtimeNanoseconds = file.modificationNanoseconds
        inode = file.inode
        let bytes = file.bytes
        let window = 65536
        let head = UnsafeRawBufferPointer(rebasing: bytes[0..<min(window, bytes.count)])
        let tail = UnsafeRawBufferPointer(rebasing: bytes[max(0, bytes.count - window)..<bytes.count])
        edgeHash = Hashing.words(tail, seed: Hashing.words(head))
    }

    static func optionsByte(_ container: DatasetContainer?) -> UInt8 {
        switch container {
        case nil: return 0
        case .jsonArray?: return 1
        case .jsonLines?: return 2
        }
    }
}

/// The cached result of indexing, as stored on disk.
struct CachedIndex {
    var key: IndexCacheKey
    var result: IndexResult
    var style: JSONStyle
    var fingerprint: String
}

/// Reads and writes `<file>.winnow-index` (or a copy in the user's cache folder when the
/// dataset's folder is read-only). Binary, versioned, with a checksum over every byte, so a
/// damaged or foreign file is rebuilt rather than trusted.
enum IndexCache {
    static let magic: [UInt8] = Array("WINNOWIX".utf8)
    static let version: UInt32 = 5

    /// Where the cache for `path` lives: beside it when that folder is writable.
    static func candidatePaths(for path: String) -> [String] {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let beside = absolute + ".winnow-index"
        let name = PathText.lastComponent(absolute)
        let user = userCacheFolder() + "/index/" + Hashing.hex(Hashing.fnv1a(absolute)) + "-" + name + ".winnow-index"
        return [beside, user]
    }

    /// `$XDG_CACHE_HOME/winnow`, else `~/.cache/winnow`, else the temporary folder.
    static func userCacheFolder() -> String {
        let env = ProcessInfo.processInfo.environment
        if let xdg = env["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/winnow" }
        if let home = env["HOME"], !home.isEmpty { return home + "/.cache/winnow" }
        return NSTemporaryDirectory() + "winnow"
    }

    /// Loads a cache matching `key`, or nil when there is none or it cannot be trusted.
    static func load(for path: String, key: IndexCacheKey) -> CachedIndex? {
        for candidate in candidatePaths(for: path) {
            guard let data = FileManager.default.contents(atPath: candidate) else { continue }
            if let cached = decode(data), cached.key == key,
               cached.result.table.isConsistent(fileSize: Int(key.size)) {
                return cached
            }
        }
        return nil
    }

    /// Writes the cache atomically (temp file + rename) beside the data, else in the user's
    /// cache folder. Failures are silent: the cache is an optimisation.
    static func save(_ cached: CachedIndex, for path: String) {
        let data = encode(cached)
        for candidate in candidatePaths(for: path) {
            let folder = PathText.parent(candidate)
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            guard access(folder, W_OK) == 0, isMarkedWritable(folder) else { continue }
            let temp = candidate + ".tmp-\(getpid())"
            guard FileManager.default.createFile(atPath: temp, contents: data) else { continue }
            if rename(temp, candidate) == 0 { return }
            unlink(temp)
        }
    }

    /// Whether the folder has any write permission bit. access(2) says yes to root even for a
    /// folder its owner made read-only (a shared copy of a dataset); a cache, written without
    /// asking, should not land there, so it goes to the user's cache folder instead.
    static func isMarkedWritable(_ folder: String) -> Bool {
        var st = stat()
        guard stat(folder, &st) == 0 else { return false }
        return st.st_mode & 0o222 != 0
    }

    // MARK: - Encoding

    static func encode(_ cached: CachedIndex) -> Data {
        var w = ByteWriter()
        w.bytes(magic)
        w.u32(version)
        w.i64(cached.key.size)
        w.i64(cached.key.mtimeSeconds)
        w.i64(cached.key.mtimeNanoseconds)
        w.u64(cached.key.inode)
        w.u64(cached.key.edgeHash)
        w.u8(cached.key.options)
        w.u8(cached.result.container == .jsonArray ? 0 : 1)
        w.i64(Int64(cached.result.contentStart))
        w.u8(cached.style.indent == nil ? 0 : 1)
        w.string(cached.style.indent ?? "")
        w.u8(cached.style.ensureASCII ? 1 : 0)
        w.string(cached.style.keySeparator)
        w.string(cached.style.itemSeparator)
        w.u8(cached.style.escapesSlash ? 1 : 0)
        w.string(cached.fingerprint)
        w.u32(UInt32(cached.result.problems.count))
        for p in cached.result.problems {
            w.u8(p.severity == .error ? 1 : 0)
            w.i64(Int64(p.offset))
            w.string(p.message)
        }
        let table = cached.result.table
        w.i64(Int64(table.count))
        w.array(table.starts)
        w.array(table.ends)
        w.array(table.idOffsets)
        w.array(table.idLengths)
        w.array(table.idHashes)
        let checksum = w.data.withUnsafeBytes { Hashing.words($0) }
        w.u64(checksum)
        return w.data
    }

    static func decode(_ data: Data) -> CachedIndex? {
        data.withUnsafeBytes { raw -> CachedIndex? in
            guard raw.count > magic.count + 12 else { return nil }
            let body = UnsafeRawBufferPointer(rebasing: raw[0..<(raw.count - 8)])
            let stored = raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self)
            guard Hashing.words(body) == stored else { return nil }
            var r = ByteReader(bytes: body)
            guard r.bytes(magic.count) == magic, r.u32() == version else { return nil }
            guard let size = r.i64(), let sec = r.i64(), let nsec = r.i64(), let inode = r.u64(),
                  let edge = r.u64(), let optionsByte = r.u8(), let containerByte = r.u8(), let contentStart = r.i64(),
                  let hasIndent = r.u8(), let indent = r.string(), let ascii = r.u8(),
                  let keySep = r.string(), let itemSep = r.string(), let slash = r.u8(),
                  let fingerprint = r.string(), let problemCount = r.u32() else { return nil }
            var problems: [RawProblem] = []
            for _ in 0..<min(Int(problemCount), 100_000) {
                guard let sev = r.u8(), let offset = r.i64(), let message = r.string() else { return nil }
                problems.append(RawProblem(severity: sev == 1 ? .error : .warning, offset: Int(offset), message: message))
            }
            guard let count64 = r.i64(), count64 >= 0, count64 < Int64(Int32.max) else { return nil }
            let count = Int(count64)
            guard let starts: [Int64] = r.array(count), let ends: [Int64] = r.array(count),
                  let idOffsets: [UInt32] = r.array(count), let idLengths: [UInt32] = r.array(count),
                  let idHashes: [UInt32] = r.array(count), r.isAtEnd else { return nil }
            var key = IndexCacheKey.empty
            key.size = size
            key.mtimeSeconds = sec
            key.mtimeNanoseconds = nsec
            key.inode = inode
            key.edgeHash = edge
            key.options = optionsByte
            let table = SampleTable(starts: starts, ends: ends, idOffsets: idOffsets, idLengths: idLengths, idHashes: idHashes)
            let result = IndexResult(container: containerByte == 0 ? .jsonArray : .jsonLines, table: table,
                                     problems: problems, contentStart: Int(contentStart))
            let style = JSONStyle(indent: hasIndent == 0 ? nil : indent, ensureASCII: ascii == 1,
                                  keySeparator: keySep, itemSeparator: itemSep, escapesSlash: slash == 1)
            return CachedIndex(key: key, result: result, style: style, fingerprint: fingerprint)
        }
    }
}

extension IndexCacheKey {
    fileprivate static var empty: IndexCacheKey {
        IndexCacheKey(size: 0, mtimeSeconds: 0, mtimeNanoseconds: 0, inode: 0, edgeHash: 0)
    }

    fileprivate init(size: Int64, mtimeSeconds: Int64, mtimeNanoseconds: Int64, inode: UInt64, edgeHash: UInt64) {
        self.size = size
        self.mtimeSeconds = mtimeSeconds
        self.mtimeNanoseconds = mtimeNanoseconds
        self.inode = inode
        self.edgeHash = edgeHash
    }
}

/// Appends little-endian fields to a byte buffer.
struct ByteWriter {
    var data = Data()
    mutating func bytes(_ b: [UInt8]) { data.append(contentsOf: b) }
    mutating func u8(_ v: UInt8) { data.append(v) }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    mutating func i64(_ v: Int64) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    mutating func string(_ s: String) {
        u32(UInt32(s.utf8.count))
        data.append(contentsOf: Array(s.utf8))
    }
    mutating func array<T: FixedWidthInteger>(_ a: [T]) {
        a.withUnsafeBytes { data.append(contentsOf: $0) }
    }
}

/// Reads fields back with bounds checks; every read returns nil past the end.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var pos = 0
    var isAtEnd: Bool { pos == bytes.count }

    mutating func bytes(_ count: Int) -> [UInt8]? {
        guard count >= 0, pos + count <= bytes.count else { return nil }
        defer { pos += count }
        return Array(bytes[pos..<(pos + count)])
    }
    mutating func load<T: FixedWidthInteger>(_: T.Type) -> T? {
        let size = MemoryLayout<T>.size
        guard pos + size <= bytes.count else { return nil }
        defer { pos += size }
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: pos, as: T.self))
    }
    mutating func u8() -> UInt8? { load(UInt8.self) }
    mutating func u32() -> UInt32? { load(UInt32.self) }
    mutating func u64() -> UInt64? { load(UInt64.self) }
    mutating func i64() -> Int64? { load(Int64.self) }
    mutating func string() -> String? {
        guard let length = u32(), let raw = bytes(Int(length)) else { return nil }
        return String(validating: raw, as: UTF8.self)
    }
    mutating func array<T: FixedWidthInteger>(_ count: Int) -> [T]? {
        let byteCount = count * MemoryLayout<T>.stride
        guard count >= 0, pos + byteCount <= bytes.count else { return nil }
        let source = bytes.baseAddress.map { $0 + pos }
        pos += byteCount
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let source, count > 0, let dest = buffer.baseAddress {
                UnsafeMutableRawPointer(dest).copyMemory(from: source, byteCount: byteCount)
            }
            initialized = count
        }
    }
}
