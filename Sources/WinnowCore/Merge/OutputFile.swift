#if canImport(Glibc)
import Glibc
#endif

/// A file written whole or not at all: bytes go to a temporary file in the target's folder,
/// which `commit()` fsyncs and renames into place. Small pieces are buffered; large runs go
/// straight from the caller's memory (the mapped dataset) in one write.
///
/// Every write, fsync and rename goes through `FileCalls`, so tests can fail any one of them:
/// whatever fails, the caller's `discard()` leaves no partial file at `path` or beside it.
final class OutputFile {
    let path: String
    let tempPath: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private static let bufferLimit = 1 << 20
    private let io: any FileCalls
    /// The mapped files whose bytes were copied in: if one of them changes on disk before the
    /// rename, the output may hold bytes of two versions of it, so it is not renamed.
    private var sources: [MappedFile] = []

    convenience init(path: String) throws(MergeError) {
        try self.init(path: path, io: SystemFileCalls.shared)
    }

    init(path: String, io: any FileCalls) throws(MergeError) {
        self.path = path
        self.io = io
        let dir = JournalIO.directory(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        tempPath = (dir == "." && !path.hasPrefix("./") ? "" : dir + "/") + ".\(name).winnow-tmp-\(getpid())"
        fd = io.open(tempPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: "cannot create \(tempPath): \(JournalIO.errorText())") }
        buffer.reserveCapacity(OutputFile.bufferLimit)
    }

    private func raw(_ bytes: UnsafeRawBufferPointer) throws(MergeError) {
        do throws(JournalError) { try JournalIO.writeAll(fd: fd, bytes, path: tempPath, io: io) } catch {
            // write(2) from a mapping whose file was truncated fails with EFAULT rather than
            // raising SIGBUS: say what really happened.
            if let changed = sources.first(where: \.changedOnDisk) {
                throw .cannotWrite(path: path, reason: "\(changed.path): \(Dataset.changedOnDiskMessage); nothing was written")
            }
            throw .cannotWrite(path: path, reason: error.description)
        }
    }

    func flush() throws(MergeError) {
        guard !buffer.isEmpty else { return }
        let error: MergeError? = buffer.withUnsafeBytes { b in
            do throws(MergeError) { try raw(b); return nil } catch { return error }
        }
        if let error { throw error }
        buffer.removeAll(keepingCapacity: true)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(MergeError) {
        noteSource(bytes)
        if bytes.count >= 64 * 1024 {
            try flush()
            try raw(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= OutputFile.bufferLimit { try flush() }
    }

    func write(_ bytes: [UInt8]) throws(MergeError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= OutputFile.bufferLimit { try flush() }
    }

    func write(_ text: String) throws(MergeError) { try write(Array(text.utf8)) }

    /// Flushes, fsyncs and closes the temporary file (it is renamed by `rename()`).
    func finish() throws(MergeError) {
        try flush()
        if io.fsync(fd) != 0 { throw .cannotWrite(path: path, reason: "fsync: \(JournalIO.errorText()); nothing was written") }
        // A failed close can report a delayed write error (NFS): the file is then not whole.
        let closed = io.close(fd)
        fd = -1
        if closed != 0 { throw .cannotWrite(path: path, reason: "close: \(JournalIO.errorText()); nothing was written") }
    }

    /// Moves the finished file into place, unless a mapped input changed on disk while it was
    /// being written (the output would then hold bytes of two different files).
    func rename() throws(MergeError) {
        if let changed = sources.first(where: \.changedOnDisk) {
            throw .cannotWrite(path: path, reason: "\(changed.path): \(Dataset.changedOnDiskMessage); nothing was written")
        }
        guard io.rename(tempPath, path) == 0 else {
            throw .cannotWrite(path: path, reason: "cannot rename \(tempPath) into place: \(JournalIO.errorText())")
        }
        JournalIO.fsyncDirectory(of: path)
    }

    private func noteSource(_ bytes: UnsafeRawBufferPointer) {
        guard let p = bytes.baseAddress else { return }
        if let last = sources.last, last.contains(p) { return }
        if let file = MappedFile.containing(p), !sources.contains(where: { $0 === file }) { sources.append(file) }
    }

    /// Removes the temporary file (after a failure).
    func discard() {
        if fd >= 0 { _ = io.close(fd); fd = -1 }
        _ = io.unlink(tempPath)
    }
}
