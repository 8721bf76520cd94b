#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file-system calls whose failures the journal and the merge output must survive: every
/// write, fsync, truncate and rename of those files goes through one of these, so tests can
/// swap in a double that fails any one call (ENOSPC, EIO, a short write, a failed fsync or
/// rename) while everything else stays real.
///
/// Each call behaves like its POSIX namesake: it returns -1 (or a negative count) and sets
/// `errno` on failure.
package protocol FileCalls: Sendable {
    func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32
    func write(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int
    func fsync(_ fd: Int32) -> Int32
    func ftruncate(_ fd: Int32, _ length: Int) -> Int32
    func rename(_ from: String, _ to: String) -> Int32
    func unlink(_ path: String) -> Int32
    func close(_ fd: Int32) -> Int32
}

/// The real calls.
package struct SystemFileCalls: FileCalls {
    package static let shared = SystemFileCalls()

    package init() {}

    package func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { Glibc.open(path, flags, mode) }
    package func write(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { Glibc.write(fd, bytes, count) }
    package func fsync(_ fd: Int32) -> Int32 { Glibc.fsync(fd) }
    package func ftruncate(_ fd: Int32, _ length: Int) -> Int32 { Glibc.ftruncate(fd, off_t(length)) }
    package func rename(_ from: String, _ to: String) -> Int32 { Glibc.rename(from, to) }
    package func unlink(_ path: String) -> Int32 { Glibc.unlink(path) }
    package func close(_ fd: Int32) -> Int32 { Glibc.close(fd) }
}
