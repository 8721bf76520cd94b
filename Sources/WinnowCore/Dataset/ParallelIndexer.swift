import Foundation

/// Indexes a large JSON Lines file on two threads: the file is cut at the first newline after
/// its middle, each part is scanned by its own `DatasetIndexer`, and the second part's rows
/// are appended to the first's. Lines are independent in JSON Lines, so the result equals the
/// one-thread index byte for byte; when the second part reports any problem (whose message
/// would count samples from its own start) the caller runs the one-thread pass instead.
enum ParallelIndexer {
    /// Files smaller than this are indexed on one thread (a thread costs more than it saves).
    static let defaultThreshold = 32 << 20

    private final class SecondPart: @unchecked Sendable {
        let bytes: UnsafeRawBufferPointer
        let sink: IndexImageSink
        let progress: (@Sendable (Double) -> Void)?
        let done = DispatchSemaphore(value: 0)
        var problems: [RawProblem] = []
        var layout = SampleTableBuilder.Layout()
        /// The part's id keys, sorted on its own thread (indices relative to the part).
        var idKeys: [UInt64] = []
        init(bytes: UnsafeRawBufferPointer, sink: IndexImageSink, progress: (@Sendable (Double) -> Void)?) {
            self.bytes = bytes
            self.sink = sink
            self.progress = progress
        }
        func run() {
            var indexer = DatasetIndexer(bytes: bytes, sink: sink, progress: progress)
            problems = indexer.runLinesOnly()
            var builder = indexer.table
            builder.sortIDKeys()
            idKeys = builder.idKeys
            layout = builder.finishSections(withIDOrder: false)
            done.signal()
        }
    }

    /// The index of `bytes` built on two threads into `sink`, or nil when the file does not
    /// qualify or the second part found problems (the caller then discards `sink`).
    static func run(bytes: UnsafeRawBufferPointer, sink: IndexImageSink, forced: DatasetContainer?,
                    progress: (@Sendable (Double) -> Void)?, threshold: Int) throws(UnusableFile) -> (IndexResult, SampleTableBuilder, [UInt64])? {
        let n = bytes.count
        guard n >= max(threshold, 2), let base = bytes.baseAddress else { return nil }
        let probe = DatasetIndexer(bytes: bytes, sink: IndexImageSink.memory(), progress: nil)
        guard probe.startsWithOneLineObject(forced: forced) else { return nil }
        guard let hit = memchr(base + n / 2, 0x0A, n - n / 2) else { return nil }
        let split = base.distance(to: UnsafeRawPointer(hit)) + 1
        guard split < n else { return nil }
        let half: (@Sendable (Double) -> Void)? = progress.map { report in { @Sendable f in report(f / 2) } }
        let second = SecondPart(bytes: UnsafeRawBufferPointer(rebasing: bytes[split..<n]),
                                sink: IndexCache.scratchSink() ?? IndexImageSink.memory(), progress: half)
        let thread = Thread { second.run() }
        thread.start()
        var first = DatasetIndexer(bytes: UnsafeRawBufferPointer(rebasing: bytes[0..<split]), sink: sink,
                                   progress: half, fileBytes: bytes)
        let result: IndexResult
        do {
            result = try first.run(forced: forced)
            first.table.sortIDKeys()
        } catch {
            second.done.wait()
            throw error
        }
        second.done.wait()
        guard result.container == .jsonLines, second.problems.isEmpty else { return nil }
        let storage = second.sink.map()
        guard let table = IndexImage.table(storage: storage, layout: second.layout, owner: storage) else { return nil }
        var builder = first.table
        // The second part's rows are re-added (block boundaries move); its id keys come along
        // sorted, shifted past the first part's samples (which keeps them sorted).
        let shift = UInt64(builder.count)
        builder.collectsIDKeys = false
        table.forEachEntry { entry in
            var idStart = -1, idLength = 0
            if let id = entry.id {
                idStart = split + id.lowerBound
                idLength = id.count
            }
            builder.append(start: split + entry.range.lowerBound, end: split + entry.range.upperBound, idStart: idStart,
                           idLength: idLength, idIsString: entry.idIsString, idHash: 0, taskType: entry.taskTypeCode)
        }
        second.sink.discard()
        var keys = second.idKeys
        second.idKeys = []
        for k in keys.indices {
            keys[k] = keys[k] &+ shift
        }
        keys.removeAll { $0 & 0xFFFF_FFFF < shift }   // an index past 2^32 wrapped: no lookup for it
        progress?(1)
        return (result, builder, keys)
    }
}
