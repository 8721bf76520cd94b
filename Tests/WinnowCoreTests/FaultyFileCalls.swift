import Foundation
@testable import WinnowCore

/// A `FileCalls` double that makes one chosen call fail the way disks fail, and passes every
/// other call to the real system, so the files it leaves behind are real files.
final class FaultyFileCalls: FileCalls, @unchecked Sendable {
    enum Operation: String, CaseIterable, Sendable { case write, fsync, ftruncate, rename }

    enum Fault: Sendable, CustomStringConvertible {
        /// The call fails with this errno and does nothing.
        case fail(Int32)
        /// A write stores only the first half of its bytes; the next write fails with this
        /// errno (the disk filled up in the middle of the line), or succeeds when nil.
        case shortWrite(thenFail: Int32?)

        var description: String {
            switch self {
            case .fail(let e): return "fail(\(String(cString: strerror(e))))"
            case .shortWrite(let e): return "shortWrite(then \(e.map { String(cString: strerror($0)) } ?? "ok"))"
            }
        }
    }

    private let lock = NSLock()
    private let operation: Operation
    private let position: Int
    private let fault: Fault
    private let truncateAlsoFails: Bool
    private var counts: [Operation: Int] = [:]
    private var failNextWrite: Int32?
    /// Whether the planned fault happened.
    private(set) var fired = false

    /// Fails call number `position` (0-based) of `operation` with `fault`; with
    /// `truncateAlsoFails`, every ftruncate after that fails with EIO too.
    init(_ operation: Operation, at position: Int, _ fault: Fault, truncateAlsoFails: Bool = false) {
        self.operation = operation
        self.position = position
        self.fault = fault
        self.truncateAlsoFails = truncateAlsoFails
    }

    /// Counts the call; returns the fault to inject now, if any.
    private func plan(_ op: Operation) -> Fault? {
        lock.lock()
        defer { lock.unlock() }
        let n = counts[op, default: 0]
        counts[op] = n + 1
        if op == .write, let e = failNextWrite {
            failNextWrite = nil
            return .fail(e)
        }
        if op == .ftruncate, truncateAlsoFails, fired { return .fail(EIO) }
        guard op == operation, n == position else { return nil }
        fired = true
        if case .shortWrite(let then) = fault { failNextWrite = then }
        return fault
    }

    func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { SystemFileCalls.shared.open(path, flags, mode) }

    func write(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        switch plan(.write) {
        case .fail(let e)?: errno = e; return -1
        case .shortWrite?: return SystemFileCalls.shared.write(fd, bytes, max(1, count / 2))
        case nil: return SystemFileCalls.shared.write(fd, bytes, count)
        }
    }

    func fsync(_ fd: Int32) -> Int32 {
        if case .fail(let e)? = plan(.fsync) { errno = e; return -1 }
        return SystemFileCalls.shared.fsync(fd)
    }

    func ftruncate(_ fd: Int32, _ length: Int) -> Int32 {
        if case .fail(let e)? = plan(.ftruncate) { errno = e; return -1 }
        return SystemFileCalls.shared.ftruncate(fd, length)
    }

    func rename(_ from: String, _ to: String) -> Int32 {
        if case .fail(let e)? = plan(.rename) { errno = e; return -1 }
        return SystemFileCalls.shared.rename(from, to)
    }

    func unlink(_ path: String) -> Int32 { SystemFileCalls.shared.unlink(path) }
    func close(_ fd: Int32) -> Int32 { SystemFileCalls.shared.close(fd) }

    /// Every fault kind the harness injects, with the call it applies to.
    static let kinds: [(Operation, Fault)] = [
        (.write, .fail(ENOSPC)), (.write, .fail(EIO)),
        (.write, .shortWrite(thenFail: ENOSPC)), (.write, .shortWrite(thenFail: nil)),
        (.fsync, .fail(EIO)), (.fsync, .fail(ENOSPC)),
        (.rename, .fail(EIO)), (.rename, .fail(EXDEV)),
    ]
}
