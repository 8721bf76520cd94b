#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CMappedGuard

/// A read-only memory mapping of a whole file; the pages are page cache, not our memory.
final class MappedFile: @unchecked Sendable {
    let path: String
    let bytes: UnsafeRawBufferPointer
    let size: Int
    let modificationSeconds: Int64
    let modificationNanoseconds: Int64
    let inode: UInt64
    /// Kept open to notice the file shrinking under the mapping (reading past its new end
    /// would raise SIGBUS).
    private let fd: Int32
    /// The mapping's slot in the SIGBUS guard (mapped_guard.c), -1 when unguarded.
    private var guardSlot: Int32 = -1

    /// Maps `path`; throws a readable reason when it cannot.
    init(path: String) throws(DatasetError) {
        self.path = path
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever;
        // it is refused below as not a regular file (the flag changes nothing for files).
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw .cannotOpen(path: path, reason: Self.errnoText()) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            close(fd)
            throw .cannotOpen(path: path, reason: Self.errnoText())
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .cannotOpen(path: path, reason: Self.kindText(st.st_mode))
        }
        self.fd = fd
        size = Int(st.st_size)
        modificationSeconds = Int64(st.st_mtim.tv_sec)
        modificationNanoseconds = Int64(st.st_mtim.tv_nsec)
        inode = UInt64(st.st_ino)
        if size == 0 {
            // Files under /proc and /sys say they are empty but have content: mapping them
            // would read nothing, so say so instead of calling them empty.
            var probe: UInt8 = 0
            if Glibc.read(fd, &probe, 1) > 0 {
                close(fd)
                throw .cannotOpen(path: path, reason: "a special file that reports size 0 but has content (like /proc files); copy it to a regular file first")
            }
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let address, address != MAP_FAILED else {
            close(fd)
            throw .cannotOpen(path: path, reason: "cannot map the file: \(Self.errnoText())")
        }
        _ = madvise(address, size, MADV_SEQUENTIAL)
        bytes = UnsafeRawBufferPointer(start: address, count: size)
        // Another process may truncate the file while we read it: the guard turns the SIGBUS of
        // a read past the new end into zero bytes and a flag that `changedOnDisk` reports.
        guardSlot = winnow_guard_register(address, size)
        MappedFile.live.withLock { $0.files[ObjectIdentifier(self)] = WeakMappedFile(file: self) }
    }

    deinit {
        MappedFile.live.withLock { $0.files[ObjectIdentifier(self)] = nil }
        winnow_guard_unregister(guardSlot)
        close(fd)
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), size) }
    }

    /// Whether the file changed since it was mapped: a read past its new end faulted, or its
    /// size, modification time or inode (through the path) differ. What was read from it may
    /// then mix two versions of the file, so callers stop at their next safe point.
    var changedOnDisk: Bool {
        if winnow_guard_faulted(guardSlot) != 0 { return true }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return true }
        return Int(st.st_size) != size || Int64(st.st_mtim.tv_sec) != modificationSeconds
            || Int64(st.st_mtim.tv_nsec) != modificationNanoseconds
    }

    /// Whether `pointer` points into this mapping.
    func contains(_ pointer: UnsafeRawPointer) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return pointer >= base && pointer < base + size
    }

    /// The live mapping that `pointer` points into, if any.
    static func containing(_ pointer: UnsafeRawPointer) -> MappedFile? {
        // The strong references are taken under the lock but dropped after it: dropping the last
        // one runs `deinit`, which takes the same (non-recursive) lock; inside it, that deadlocked.
        let files = live.withLock { $0.files.values.compactMap(\.file) }
        return files.first { $0.contains(pointer) }
    }

    private struct WeakMappedFile { weak var file: MappedFile? }
    private struct LiveFiles { var files: [ObjectIdentifier: WeakMappedFile] = [:] }
    private static let live = LockedLiveFiles()

    private final class LockedLiveFiles: @unchecked Sendable {
        private let mutex = Mutex()
        private var value = LiveFiles()
        func withLock<R>(_ body: (inout LiveFiles) -> R) -> R { mutex.withLock { body(&value) } }
    }

    /// Back to normal read-ahead once the sequential indexing pass is done (MADV_RANDOM would
    /// turn off fault-around and make scattered reads such as id lookups fault per page).
    func adviseNormal() {
        if let base = bytes.baseAddress { _ = madvise(UnsafeMutableRawPointer(mutating: base), size, MADV_NORMAL) }
    }

    /// Whether bytes up to `end` are still backed by the file (false once it was truncated).
    func isStillBacked(upTo end: Int) -> Bool {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return false }
        return Int(st.st_size) >= end
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }

    /// What a non-regular file is, for the refusal message.
    static func kindText(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a directory, not a file"
        case S_IFIFO: return "a FIFO (named pipe), not a regular file; save the stream to a file first"
        case S_IFCHR, S_IFBLK: return "a device, not a regular file"
        case S_IFSOCK: return "a socket, not a regular file"
        default: return "not a regular file"
        }
    }
}

extension Dataset {
    /// The message for a dataset that changed on disk while it was open.
    public static let changedOnDiskMessage = "the dataset changed on disk while it was open"

    /// Whether the dataset file was truncated or rewritten since it was opened (checked at safe
    /// points: what was read since may mix two versions of the file).
    public var changedOnDisk: Bool { file.changedOnDisk }
}
