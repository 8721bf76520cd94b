import Foundation

/// Which bytes an image file holds, for the OCR cache: size, modification time and inode catch
/// a replaced file cheaply, and the content hash catches a file rewritten in place with the
/// same size within the same second.
public struct ImageIdentity: Sendable, Equatable, Hashable {
    public var size: Int64
    /// Modification time in nanoseconds since 1970.
    public var mtimeNanoseconds: Int64
    public var inode: UInt64
    /// A 64-bit hash of the whole content.
    public var contentHash: UInt64

    public init(size: Int64, mtimeNanoseconds: Int64, inode: UInt64, contentHash: UInt64) {
        self.size = size
        self.mtimeNanoseconds = mtimeNanoseconds
        self.inode = inode
        self.contentHash = contentHash
    }

    /// Files above this size are not hashed whole (the image decoders refuse them anyway).
    public static let maxHashedBytes = 100 * 1024 * 1024

    /// The identity of the file at `path`, or nil when it cannot be read.
    public static func of(path: String) -> ImageIdentity? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int64(st.st_size)
        #if canImport(Darwin)
        let time = st.st_mtimespec
        #else
        let time = st.st_mtim
        #endif
        let mtime = Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec)
        var hash: UInt64 = 0
        if size <= Int64(maxHashedBytes) {
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            hash = data.withUnsafeBytes { Hashing.words($0) }
        }
        return ImageIdentity(size: size, mtimeNanoseconds: mtime, inode: UInt64(st.st_ino), contentHash: hash)
    }

    /// The identity as one cache-key string.
    public var key: String { "\(size):\(mtimeNanoseconds):\(inode):\(Hashing.hex(contentHash))" }
}
