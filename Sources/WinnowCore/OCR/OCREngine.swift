/// The OCR settings that change what an engine reads; part of every cache key, so a change of
/// language or engine version OCRs the images again instead of reusing stale text.
public struct OCRSettings: Sendable, Equatable, Hashable {
    /// Tesseract language codes joined by `+`, e.g. `chi_sim+eng`.
    public var languages: String
    /// The engine's name and version, e.g. `tesseract 5.3.0`.
    public var engine: String

    /// The default languages: Simplified Chinese signs with Latin words and digits.
    public static let defaultLanguages = "chi_sim+eng"

    public init(languages: String = OCRSettings.defaultLanguages, engine: String) {
        self.languages = languages
        self.engine = engine
    }

    /// The settings as one cache-key string.
    public var key: String { "\(engine) lang=\(languages) psm=6 scales=1,0.5,0.25 grey reread-tall-lines choices=2" }
}

/// Why an engine could not read an image (or could not start), with the file it was reading.
public struct OCRError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The image path, empty when the engine itself could not start.
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// An OCR engine: reads the text lines of one image file. One instance serves one thread at a
/// time (Tesseract's API object is not thread-safe); run several for parallel work.
public protocol OCREngine: AnyObject {
    /// The settings this engine reads with (the cache key part).
    var settings: OCRSettings { get }
    /// Reads `path`; an unreadable image or an exceeded time limit is a page with an error,
    /// so that it is cached and not retried on every run.
    func recognize(path: String) -> OCRPage
}
