#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Turns byte offsets into line:column lazily by counting newlines with `memchr`, remembering
/// the last answer so that in-order queries (validate) cost one pass overall.
final class LineIndex: @unchecked Sendable {
    private let bytes: UnsafeRawBufferPointer
    private let lock = NSLock()
    private var lastOffset = 0
    private var lastLine = 1
    private var lastLineStart = 0

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The 1-based line and byte column of `offset` (clamped into the file).
    func location(of offset: Int) -> SourceLocation {
        let target = max(0, min(offset, bytes.count))
        guard let base = bytes.baseAddress else { return SourceLocation(line: 1, column: 1, byteOffset: target) }
        lock.lock()
        defer { lock.unlock() }
        var line = 1, lineStart = 0, p = 0
        if target >= lastOffset {
            line = lastLine
            lineStart = lastLineStart
            p = lastOffset
        }
        while p < target {
            guard let hit = memchr(base + p, 0x0A, target - p) else { break }
            let nl = base.distance(to: UnsafeRawPointer(hit))
            line += 1
            lineStart = nl + 1
            p = nl + 1
        }
        lastOffset = target
        lastLine = line
        lastLineStart = lineStart
        return SourceLocation(line: line, column: target - lineStart + 1, byteOffset: target)
    }
}
