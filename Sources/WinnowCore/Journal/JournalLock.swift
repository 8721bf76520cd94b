#if canImport(Glibc)
import Glibc
#endif

/// The one-writer lock of a journal: `flock` on `<journal>.lock`, which also holds the
/// holder's pid and host so that a refused writer can say who has the journal.
///
/// `flock` is released by the kernel when the holder dies, so a lock file left by a killed
/// process never blocks anyone; its stale pid/host text is simply overwritten.
final class JournalLock {
    let path: String
    private var fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    static func lockPath(forJournal journal: String) -> String { journal + ".lock" }

    /// Takes the lock or throws `.locked` naming the holder.
    static func acquire(journal: String) throws(JournalError) -> JournalLock {
        let path = lockPath(forJournal: journal)
        for _ in 0..<5 {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            if fd < 0 {
                let reason = JournalIO.errorText()
                if errno == EACCES || errno == EROFS || errno == EPERM {
                    throw .notWritable(path: journal, reason: "cannot create the lock file \(path): \(reason)")
                }
                throw .io(path: journal, reason: "cannot open the lock file \(path): \(reason)")
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let err = errno
                let holder = (try? JournalIO.readAll(fd: fd, path: path)) ?? []
                close(fd)
                guard err == EWOULDBLOCK else {
                    throw .io(path: journal, reason: "cannot lock \(path): \(JournalIO.errorText(err))")
                }
                let (pid, host) = parseHolder(holder)
                throw .locked(path: journal, holderPID: pid, holderHost: host)
            }
            // The file may have been unlinked by a closing holder between our open and flock;
            // then we hold a lock nobody else sees. Start again on the current file.
            guard let a = JournalIO.identity(fd: fd), let b = JournalIO.identity(path: path), a == b else {
                close(fd)
                continue
            }
            let text = Array("\(getpid()) \(JournalIO.hostName())\n".utf8)
            _ = ftruncate(fd, 0)
            _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
            return JournalLock(path: path, fd: fd)
        }
        throw .io(path: journal, reason: "cannot take the lock \(path): it keeps being replaced")
    }

    static func parseHolder(_ bytes: [UInt8]) -> (Int32, String) {
        let text = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == "\n" }).first.map(String.init) ?? ""
        let parts = text.split(separator: " ", maxSplits: 1)
        let pid = parts.first.flatMap { Int32($0) } ?? 0
        let host = parts.count > 1 ? String(parts[1]) : "an unknown host"
        return (pid, host)
    }

    /// Releases the lock and removes the lock file (while still holding it, so no one can be
    /// between open and flock on a name we remove without re-checking it).
    func release() {
        guard fd >= 0 else { return }
        unlink(path)
        close(fd)
        fd = -1
    }

    deinit { release() }
}

