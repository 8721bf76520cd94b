#if canImport(Glibc)
import Glibc
#endif

/// A file written whole or not at all: bytes go to a temporary file in the target's folder,
/// which `commit()` fsyncs and renames into place. Small pieces are buffered; large runs go
/// straight from the caller's memory (the mapped dataset) in one write.
final class OutputFile {
    let path: String
    let tempPath: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private static let bufferLimit = 1 << 20

    init(path: String) throws(MergeError) {
        self.path = path
        let dir = JournalIO.directory(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        tempPath = (dir == "." && !path.hasPrefix("./") ? "" : dir + "/") + ".\(name).winnow-tmp-\(getpid())"
        fd = open(tempPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: "cannot create \(tempPath): \(JournalIO.errorText())") }
        buffer.reserveCapacity(OutputFile.bufferLimit)
    }

    private func raw(_ bytes: UnsafeRawBufferPointer) throws(MergeError) {
        do throws(JournalError) { try JournalIO.writeAll(fd: fd, bytes, path: tempPath) } catch {
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
        if Glibc.fsync(fd) != 0 { throw .cannotWrite(path: path, reason: "fsync: \(JournalIO.errorText())") }
        close(fd)
        fd = -1
    }

    func rename() throws(MergeError) {
        guard Glibc.rename(tempPath, path) == 0 else {
            throw .cannotWrite(path: path, reason: "cannot rename \(tempPath) into place: \(JournalIO.errorText())")
        }
        JournalIO.fsyncDirectory(of: path)
    }

    /// Removes the temporary file (after a failure).
    func discard() {
        if fd >= 0 { close(fd); fd = -1 }
        unlink(tempPath)
    }
}
