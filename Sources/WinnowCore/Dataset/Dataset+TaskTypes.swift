import Foundation

extension Dataset {
    /// The task type found by a byte walk of the sample (about a microsecond), nil when the
    /// walk is unsure. Done here rather than while indexing: it would cost every open a third
    /// more for a figure only filters and sampling by type need.
    func scannedTaskType(at index: Int) -> TaskType? {
        guard index >= 0, index < table.count else { return nil }
        let range = byteRange(at: index)
        guard !range.isEmpty, file.isStillBacked(upTo: range.upperBound),
              let base = file.bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        return TaskTypeScan.classify(base, range.lowerBound, range.upperBound)
    }

    /// Every sample's task type (nil: unreadable), found on all cores: a byte walk per sample,
    /// a decode only where the walk is unsure. `progress` gets the fraction done.
    public func taskTypes(progress: (@Sendable (Double) -> Void)? = nil) -> [TaskType?] {
        let n = count
        guard n > 0 else { return [] }
        let chunks = min(n, 64)
        let out = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: n)
        out.initialize(repeating: 0)
        defer { out.deallocate() }
        nonisolated(unsafe) let codes = out
        let done = Counter()
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let from = n * c / chunks, to = n * (c + 1) / chunks
            for i in from..<to {
                codes[i] = SampleTable.taskTypeCode(taskType(at: i))
            }
            let finished = done.add(1)
            progress?(Double(finished) / Double(chunks))
        }
        return codes.map { code -> TaskType? in
            switch code {
            case 1: return .conversation
            case 2: return .complexReasoning
            case 3: return .detail
            default: return nil
            }
        }
    }
}

/// A count shared by the threads of one bulk pass.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add(_ k: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += k
        return value
    }
}
