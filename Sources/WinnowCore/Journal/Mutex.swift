import Foundation

/// A plain lock around shared mutable state (Foundation's `NSLock`, typed-throws friendly).
final class Mutex: @unchecked Sendable {
    private let lock = NSLock()

    func withLock<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
