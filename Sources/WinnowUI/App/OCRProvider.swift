import WinnowCore

// WinnowOCR implements this (Tesseract and the `winnow ocr` cache); the CLI injects it, so the
// UI layer runs no engine and reads no file, and tests pass a fake that delivers events.

/// What became known about the text of one image file, delivered to the app as an event.
public enum OCREvent: Sendable, Equatable {
    /// The engine started reading the image (it was not in the cache).
    case reading(path: String)
    /// The image's lines, or why there are none (`page.error`: undecodable, gave up after 10 s).
    case finished(path: String, page: OCRPage)
    /// Not in the cache, and reading was not asked for.
    case notCached(path: String)
    /// No engine can run here (missing language data); says what to install.
    case unavailable(path: String, reason: String)

    /// The image the event is about.
    public var path: String {
        switch self {
        case .reading(let p), .finished(let p, _), .notCached(let p), .unavailable(let p, _): return p
        }
    }
}

/// Reads the text in images for the review screen. Calls return at once: cache look-ups and
/// recognition run in the background, and what they find arrives through `takeEvents()`,
/// which the app drains on its idle tick.
public protocol OCRProvider: AnyObject, Sendable {
    /// Asks about the image at `path`: its cached result, and when `read` is true, a
    /// recognition if it is not cached. A newer request is served before older ones.
    func request(path: String, read: Bool)
    /// The events since the last call, oldest first.
    func takeEvents() -> [OCREvent]
}
