#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The POSIX calls the journal and the merge make, behind one small wrapper.
enum JournalIO {
    static func errorText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

    /// The whole file (empty when it does not exist).
    static func readAll(path: String, missingIsEmpty: Bool = false) throws(JournalError) -> [UInt8] {
        // O_NONBLOCK so that a FIFO given as a journal is refused below, not waited on.
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 {
            if errno == ENOENT && missingIsEmpty { return [] }
            throw .io(path: path, reason: "cannot read: \(errorText())")
        }
        defer { close(fd) }
        return try readAll(fd: fd, path: path)
    }

    static func readAll(fd: Int32, path: String) throws(JournalError) -> [UInt8] {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, reason: "cannot stat: \(errorText())") }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw .io(path: path, reason: "cannot read: \(MappedFile.kindText(st.st_mode))") }
        var out = [UInt8](repeating: 0, count: Int(st.st_size))
        var got = 0
        while got < out.count {
            let r = out.withUnsafeMutableBytes { b in b.baseAddress.map { pread(fd, $0 + got, b.count - got, off_t(got)) } ?? 0 }
            if r < 0 { if errno == EINTR { continue }; throw .io(path: path, reason: "cannot read: \(errorText())") }
            if r == 0 { break }
            got += r
        }
        out.removeSubrange(got...)
        // A writer may have appended since fstat; read on to the end.
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let r = chunk.withUnsafeMutableBytes { b in b.baseAddress.map { pread(fd, $0, b.count, off_t(got)) } ?? 0 }
            if r < 0 { if errno == EINTR { continue }; throw .io(path: path, reason: "cannot read: \(errorText())") }
            if r == 0 { break }
            out.append(contentsOf: chunk[0..<r])
            got += r
        }
        return out
    }

    /// Writes all of `bytes` (one write(2) in the normal case).
    static func writeAll(fd: Int32, _ bytes: ArraySlice<UInt8>, path: String,
                         io: any FileCalls = SystemFileCalls.shared) throws(JournalError) {
        let error: JournalError? = bytes.withUnsafeBytes { b in
            do throws(JournalError) { try writeAll(fd: fd, b, path: path, io: io); return nil } catch { return error }
        }
        if let error { throw error }
    }

    /// Writes all of `bytes` at the descriptor's position (one write(2) in the normal case).
    static func writeAll(fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String,
                         io: any FileCalls = SystemFileCalls.shared) throws(JournalError) {
        var done = 0
        while done < bytes.count {
            guard let base = bytes.baseAddress else { return }
            let r = io.write(fd, base + done, bytes.count - done)
            if r < 0 { if errno == EINTR { continue }; throw .io(path: path, reason: "cannot write: \(errorText())") }
            // A short write is not an error: write the rest. Zero would loop forever.
            if r == 0 { throw .io(path: path, reason: "cannot write: the file system accepted no bytes") }
            done += r
        }
    }

    static func fsync(fd: Int32, path: String, io: any FileCalls = SystemFileCalls.shared) throws(JournalError) {
        while io.fsync(fd) != 0 {
            if errno == EINTR { continue }
            throw .io(path: path, reason: "cannot flush to disk (fsync): \(errorText())")
        }
    }

    /// fsyncs a folder so that a new or renamed name in it survives a crash.
    static func fsyncDirectory(of path: String) {
        let fd = Glibc.open(directory(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { _ = Glibc.fsync(fd); close(fd) }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
    static func isWritableDirectory(_ path: String) -> Bool { access(path, W_OK | X_OK) == 0 }

    /// Why files cannot be created in the folder `path` ("the folder X does not exist", ...).
    static func unwritableFolderReason(_ path: String) -> String {
        var st = stat()
        if stat(path, &st) != 0 {
            return errno == ENOENT ? "the folder \(path) does not exist" : "the folder \(path) cannot be used: \(errorText())"
        }
        if (st.st_mode & S_IFMT) != S_IFDIR { return "\(path) is not a folder" }
        return "the folder \(path) is not writable"
    }

    /// `st_dev`/`st_ino` of a path or descriptor, to compare files.
    static func identity(path: String) -> (UInt64, UInt64)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (UInt64(st.st_dev), UInt64(st.st_ino))
    }

    static func identity(fd: Int32) -> (UInt64, UInt64)? {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        return (UInt64(st.st_dev), UInt64(st.st_ino))
    }

    static func hostName() -> String {
        var buf = [CChar](repeating: 0, count: 256)
        guard gethostname(&buf, buf.count - 1) == 0 else { return "unknown host" }
        let bytes = buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The login name: getlogin(), else $USER / $LOGNAME, else the uid.
    static func loginName() -> String {
        if let p = getlogin() { let s = String(cString: p); if !s.isEmpty { return s } }
        for key in ["USER", "LOGNAME"] {
            if let p = getenv(key) { let s = String(cString: p); if !s.isEmpty { return s } }
        }
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "uid\(getuid())"
    }

    /// Now as ISO 8601 UTC with milliseconds (`2026-11-27T02:29:26.123Z`).
    static func nowISO8601() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var t = ts.tv_sec
        var tmv = tm()
        gmtime_r(&t, &tmv)
        func pad(_ v: Int32, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(tmv.tm_year + 1900, 4))-\(pad(tmv.tm_mon + 1, 2))-\(pad(tmv.tm_mday, 2))T\(pad(tmv.tm_hour, 2)):\(pad(tmv.tm_min, 2)):\(pad(tmv.tm_sec, 2)).\(pad(Int32(ts.tv_nsec / 1_000_000), 3))Z"
    }

    /// Now as a compact UTC stamp for file names (`20261127T022926Z`).
    static func fileStamp() -> String {
        let iso = nowISO8601()
        return String(iso.prefix(19).filter { $0 != "-" && $0 != ":" }) + "Z"
    }
}
