import Foundation
import WinnowCore
import WinnowUI

/// The review screen's OCR (`OCRProvider`): results from the cache `winnow ocr` writes, and
/// for images not in it, Tesseract on one background thread. Requests return at once; what
/// the thread finds is queued as events the app drains on its idle tick, so no key ever
/// waits for a cache file or an engine.
///
/// Limits: one image is read at a time (with the decoders' pixel and file-size limits and
/// their process-wide gate, like every `TesseractEngine`), at most `maxPending` requests wait
/// (the newest first; older ones are dropped with a `notCached` event, so paging quickly
/// never queues seconds of OCR per image skipped), and the engine gives up on an image
/// after its time limit (10 s). New results are appended to the cache file, except give-ups.
public final class BackgroundOCRProvider: OCRProvider, @unchecked Sendable {
    public typealias EngineFactory = OCRBatch.EngineFactory

    /// Requests that may wait: the image on screen and the next one.
    public static let maxPending = 2

    private let datasetPath: String?
    private let settings: OCRSettings
    private let makeEngine: EngineFactory
    private let writesCache: Bool
    // Guarded by `condition`.
    private let condition = NSCondition()
    private var pending: [(path: String, read: Bool)] = []
    private var events: [OCREvent] = []
    private var started = false
    private var stopped = false
    // Used only on the worker thread.
    private var cache: OCRCache?
    private var writer: OCRCacheWriter?
    private var writerFailed = false
    private var engine: (any OCREngine)?
    private var engineFailure: String?

    /// `datasetPath` locates the cache (nil: none is read or written); `settings` must be
    /// what the factory's engines read with (it keys the cache).
    public init(datasetPath: String?, settings: OCRSettings, writesCache: Bool = true,
                makeEngine: @escaping EngineFactory) {
        self.datasetPath = datasetPath
        self.settings = settings
        self.writesCache = writesCache
        self.makeEngine = makeEngine
    }

    /// Tesseract with `languages`, giving up on an image after 10 s.
    public static func tesseract(datasetPath: String?, languages: String = OCRSettings.defaultLanguages) -> BackgroundOCRProvider {
        BackgroundOCRProvider(datasetPath: datasetPath, settings: TesseractEngine.settings(languages: languages)) { () throws(OCRError) in
            try TesseractEngine(languages: languages, timeLimitMilliseconds: 10_000)
        }
    }

    public func request(path: String, read: Bool) {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped else { return }
        pending.removeAll { $0.path == path }
        pending.append((path, read))
        while pending.count > Self.maxPending {
            events.append(.notCached(path: pending.removeFirst().path))
        }
        if !started {
            started = true
            let thread = Thread { [self] in work() }
            // Tesseract recurses deeply on some layouts; the default 512 KB is not enough.
            thread.stackSize = 8 << 20
            thread.name = "winnow-ocr"
            thread.start()
        }
        condition.signal()
    }

    public func takeEvents() -> [OCREvent] {
        condition.lock()
        defer { condition.unlock() }
        let out = events
        events = []
        return out
    }

    /// Stops the worker after the image it is reading (tests; the CLI just exits).
    public func stop() {
        condition.lock()
        stopped = true
        pending = []
        condition.signal()
        condition.unlock()
    }

    private func post(_ event: OCREvent) {
        condition.lock()
        events.append(event)
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while pending.isEmpty && !stopped { condition.wait() }
            if stopped { condition.unlock(); return }
            let job = pending.removeLast()
            condition.unlock()
            handle(path: job.path, read: job.read)
        }
    }

    private func handle(path: String, read: Bool) {
        if cache == nil { cache = datasetPath.map { OCRCache.load(forDataset: $0) } ?? OCRCache() }
        guard let identity = ImageIdentity.of(path: path) else {
            post(.finished(path: path, page: OCRPage(lines: [], error: "cannot read the file")))
            return
        }
        if let hit = cache?.page(for: identity, settings: settings) {
            post(.finished(path: path, page: hit))
            return
        }
        guard read else {
            post(.notCached(path: path))
            return
        }
        if let engineFailure {
            post(.unavailable(path: path, reason: engineFailure))
            return
        }
        // Said before the models load (about a second), which is part of the wait.
        post(.reading(path: path))
        if engine == nil {
            do throws(OCRError) { engine = try makeEngine() } catch {
                engineFailure = error.description
                post(.unavailable(path: path, reason: error.description))
                return
            }
        }
        guard let engine else { return }
        let page = engine.recognize(path: path)
        if !page.isRetryable {
            cache?.insert(page, identity: identity, settings: settings)
            append(page, path: path, identity: identity)
        }
        post(.finished(path: path, page: page))
    }

    /// Keeps a new result for `winnow lint` and the next session; a cache that cannot be
    /// written only costs a second reading later.
    private func append(_ page: OCRPage, path: String, identity: ImageIdentity) {
        guard writesCache, !writerFailed, let datasetPath else { return }
        do throws(OCRError) {
            if writer == nil { writer = try OCRCacheWriter(path: OCRCache.writePath(forDataset: datasetPath)) }
            try writer?.append(reference: path, identity: identity, settings: settings, page: page)
            writer?.sync()
        } catch {
            writerFailed = true
        }
    }
}
