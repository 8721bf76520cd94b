import Foundation
import WinnowCore

/// One image to read: the reference as the dataset writes it and the file it resolved to.
public struct OCRJob: Sendable, Equatable {
    public var reference: String
    public var path: String

    public init(reference: String, path: String) {
        self.reference = reference
        self.path = path
    }
}

/// What a batch did, for the summary line and the benchmark.
public struct OCRBatchSummary: Sendable, Equatable {
    /// Images read by the engine in this run.
    public var recognized = 0
    /// Images whose result was already in the cache.
    public var cached = 0
    /// Images with an error (unreadable, undecodable, over the time limit), cached or not.
    public var failed = 0
    /// Whether the run stopped early (Ctrl-C).
    public var interrupted = false
    public var seconds: Double = 0
}

/// OCRs a list of images with several engines in parallel, each image once: a result already
/// in the cache (same file identity and settings) is reused, a new one is appended to the
/// cache file as soon as it is read, so an interrupted run resumes where it stopped.
public final class OCRBatch: @unchecked Sendable {
    public typealias EngineFactory = @Sendable () throws(OCRError) -> any OCREngine

    private let jobs: [OCRJob]
    private let workers: Int
    private let settings: OCRSettings
    private let cache: OCRCache
    private let writer: OCRCacheWriter?
    private let makeEngine: EngineFactory
    // Guarded by `lock`.
    private let lock = NSLock()
    private var next = 0
    private var done = 0
    private var results: [Int: OCRPage] = [:]
    private var summary = OCRBatchSummary()
    private var failure: OCRError?
    private var stopRequested = false

    /// `settings` must be what the factory's engines read with (it keys the cache).
    public init(jobs: [OCRJob], workers: Int, settings: OCRSettings, cache: OCRCache, writer: OCRCacheWriter?,
                makeEngine: @escaping EngineFactory) {
        self.jobs = jobs
        self.workers = max(1, min(workers, 64))
        self.settings = settings
        self.cache = cache
        self.writer = writer
        self.makeEngine = makeEngine
    }

    /// Asks the workers to stop after their current image (safe from any thread).
    public func stop() {
        lock.lock(); stopRequested = true; lock.unlock()
    }

    /// Runs the batch; `progress(done, total)` is called after each image, from a worker
    /// thread. Returns the result per job index (images not reached when stopped are absent).
    public func run(progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) throws(OCRError) -> (pages: [Int: OCRPage], summary: OCRBatchSummary) {
        let started = DispatchTime.now().uptimeNanoseconds
        let group = DispatchGroup()
        for _ in 0..<min(workers, max(1, jobs.count)) {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                work(progress: progress)
            }
            // Tesseract recurses deeply on some layouts; the default 512 KB is not enough.
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        writer?.sync()
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        summary.interrupted = stopRequested && done < jobs.count
        return (results, summary)
    }

    private func work(progress: @Sendable (Int, Int) -> Void) {
        var engine: (any OCREngine)?
        while true {
            lock.lock()
            if stopRequested || failure != nil || next >= jobs.count { lock.unlock(); return }
            let index = next
            next += 1
            lock.unlock()
            let job = jobs[index]
            let identity = ImageIdentity.of(path: job.path)
            var page: OCRPage
            var fresh = false
            if let identity, let hit = cache.page(for: identity, settings: settings) {
                page = hit
            } else if identity == nil {
                page = OCRPage(lines: [], error: "cannot read file")
            } else {
                if engine == nil {
                    do throws(OCRError) { engine = try makeEngine() } catch {
                        lock.lock(); failure = failure ?? error; lock.unlock()
                        return
                    }
                }
                guard let engine else { return }
                page = engine.recognize(path: job.path)
                fresh = true
            }
            lock.lock()
            if fresh, !page.isRetryable, let identity, let writer {
                do throws(OCRError) {
                    try writer.append(reference: job.reference, identity: identity, settings: settings, page: page)
                } catch {
                    failure = failure ?? error
                }
            }
            results[index] = page
            if fresh { summary.recognized += 1 } else if identity != nil { summary.cached += 1 }
            if page.error != nil { summary.failed += 1 }
            done += 1
            let count = done
            lock.unlock()
            progress(count, jobs.count)
        }
    }
}
