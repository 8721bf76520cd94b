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

/// The cached result of indexing: the header fields of an index image plus its table.
struct CachedIndex {
    var key: IndexCacheKey
    var result: IndexResult
    var style: JSONStyle
    var fingerprint: String
}

/// Reads and writes `<file>.winnow-index` (or a copy in the user's cache folder when the
/// dataset's folder is read-only). The file is an index image (`IndexImage`) that is mapped,
/// not read: opening a 6.4M-sample dataset touches a few pages of it.
enum IndexCache {
    static let magic: [UInt8] = Array("WINNOWIX".utf8)
    /// 6: the mapped compact image (10-byte rows, checkpoints, exceptions, id order, trailer
    /// header). Older versions are rebuilt, never read.
    static let version: UInt32 = 6

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

    /// Maps a cache matching `key`, or nil when there is none or it cannot be trusted.
    static func load(for path: String, key: IndexCacheKey) -> CachedIndex? {
        for candidate in candidatePaths(for: path) {
            guard access(candidate, R_OK) == 0, let file = try? MappedFile(path: candidate) else { continue }
            file.adviseNormal()
            if let cached = IndexImage.read(file: file), cached.key == key,
               cached.result.table.isConsistent(fileSize: Int(key.size)) {
                return cached
            }
        }
        return nil
    }

    /// A writable place for a new cache image: a temporary file beside the final one (renamed
    /// by `IndexImageSink.publish`), or nil when neither folder takes it.
    static func openSink(for path: String) -> IndexImageSink? {
        for candidate in candidatePaths(for: path) {
            let folder = PathText.parent(candidate)
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            guard access(folder, W_OK) == 0, isMarkedWritable(folder) else { continue }
            let temp = candidate + ".tmp-\(getpid())"
            let fd = Glibc.open(temp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { continue }
            return IndexImageSink(fd: fd, tempPath: temp, finalPath: candidate)
        }
        return nil
    }

    /// An unnamed scratch file for an index that is not cached (`--no-index-cache`): its pages
    /// are page cache that the kernel can drop, not the process's memory.
    static func scratchSink() -> IndexImageSink? {
        var template = Array((NSTemporaryDirectory() + "/winnow-index-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { return nil }
        let temp = String(cString: template)
        return IndexImageSink(fd: fd, tempPath: temp, finalPath: nil)
    }

    /// Whether the folder has any write permission bit. access(2) says yes to root even for a
    /// folder its owner made read-only (a shared copy of a dataset); a cache, written without
    /// asking, should not land there, so it goes to the user's cache folder instead.
    static func isMarkedWritable(_ folder: String) -> Bool {
        var st = stat()
        guard stat(folder, &st) == 0 else { return false }
        return st.st_mode & 0o222 != 0
    }
}

extension IndexCacheKey {
    static var empty: IndexCacheKey {
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
