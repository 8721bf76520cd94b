import WinnowCore
#if canImport(Glibc)
import Glibc
#endif

/// The local spool: entries saved while the store could not be reached, in the file journal's
/// own format (header + checksummed lines, each fsynced), waiting to be resent in order.
///
/// Changes happen under an exclusive `flock` of the spool's folder, so two processes of the same
/// reviewer on one machine neither interleave nor lose lines while one of them resends.
public final class Spool {
    /// The spool's path.
    public let path: String
    let fingerprint: String

    public init(path: String, fingerprint: String) {
        self.path = path
        self.fingerprint = fingerprint
    }

    /// `<dataset>.winnow-spool-<reviewer>.jsonl`, beside the dataset.
    public static func defaultPath(datasetPath: String, reviewer: String) -> String {
        let safe = String(reviewer.unicodeScalars.map { s -> Character in
            let ok = (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "-" || s == "_" || s == "."
            return ok ? Character(s) : "_"
        })
        return datasetPath + ".winnow-spool-" + safe + ".jsonl"
    }

    /// Runs `body` holding the spool folder's lock.
    func locked<R>(_ body: () throws(StoreError) -> R) throws(StoreError) -> R {
        let dir = Spool.directory(of: path)
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .spool(path: path, reason: "cannot open the folder \(dir): \(Spool.errorText())") }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            throw .spool(path: path, reason: "cannot lock the folder \(dir): \(Spool.errorText())")
        }
        defer { _ = flock(fd, LOCK_UN) }
        return try body()
    }

    /// The spooled entries in order (empty when there is no spool). A torn last line (a write
    /// cut short, never reported saved) is left out.
    public func entries() throws(StoreError) -> [JournalEntry] {
        guard access(path, F_OK) == 0 else { return [] }
        do { return try JournalReader.read(path: path).items.map(\.entry) } catch {
            throw .spool(path: path, reason: error.description)
        }
    }

    /// Appends one entry and fsyncs it (call inside `locked`).
    func append(_ entry: JournalEntry) throws(StoreError) {
        let existed = access(path, F_OK) == 0
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .spool(path: path, reason: "cannot open the spool: \(Spool.errorText())") }
        defer { close(fd) }
        var size = lseek(fd, 0, SEEK_END)
        if size > 0 {
            // A line cut short by a crash would swallow the next one: cut it off first.
            let contents: JournalContents
            do { contents = try JournalReader.read(path: path) } catch { throw .spool(path: path, reason: error.description) }
            if contents.hasTornTail {
                guard ftruncate(fd, off_t(contents.goodLength)) == 0 else {
                    throw .spool(path: path, reason: "cannot cut off a torn end: \(Spool.errorText())")
                }
                size = off_t(contents.goodLength)
            }
        }
        var bytes: [UInt8] = []
        if size == 0 { bytes = JournalLine.header(JournalHeader(fingerprint: fingerprint, created: JournalLine.now())) }
        bytes += JournalLine.entry(entry)
        try Spool.write(fd: fd, bytes, path: path)
        if !existed { Spool.fsyncDirectory(of: path) }
    }

    /// Replaces the spool with `entries` atomically; with none, removes it.
    func replace(with entries: [JournalEntry]) throws(StoreError) {
        if entries.isEmpty {
            if unlink(path) != 0 && errno != ENOENT { throw .spool(path: path, reason: "cannot remove: \(Spool.errorText())") }
            Spool.fsyncDirectory(of: path)
            return
        }
        let tmp = path + ".tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .spool(path: tmp, reason: "cannot write: \(Spool.errorText())") }
        var bytes = JournalLine.header(JournalHeader(fingerprint: fingerprint, created: JournalLine.now()))
        for e in entries { bytes += JournalLine.entry(e) }
        do throws(StoreError) { try Spool.write(fd: fd, bytes, path: tmp) } catch { close(fd); throw error }
        close(fd)
        guard rename(tmp, path) == 0 else { throw .spool(path: path, reason: "cannot replace: \(Spool.errorText())") }
        Spool.fsyncDirectory(of: path)
    }

    static func write(fd: Int32, _ bytes: [UInt8], path: String) throws(StoreError) {
        var done = 0
        while done < bytes.count {
            let r = bytes.withUnsafeBytes { b in Glibc.write(fd, b.baseAddress.map { $0 + done }, b.count - done) }
            if r < 0 { if errno == EINTR { continue }; throw .spool(path: path, reason: "cannot write: \(errorText())") }
            done += r
        }
        while fsync(fd) != 0 {
            if errno == EINTR { continue }
            throw .spool(path: path, reason: "cannot flush to disk (fsync): \(errorText())")
        }
    }

    static func fsyncDirectory(of path: String) {
        let fd = open(directory(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { _ = fsync(fd); close(fd) }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}
