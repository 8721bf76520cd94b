import Foundation
import WinnowCore
import WinnowUI

/// The review screen's `show-where` lines: the cache `winnow ocr` wrote beside the dataset
/// (or in the user's cache folder), read on first use, looked up by the image file's
/// identity and the OCR settings. Never runs an engine.
final class CachedOCRLines: OCRLineLookup, @unchecked Sendable {
    private let datasetPath: String
    private let settings: OCRSettings
    // Used from the UI thread only; the lock keeps the class honest about `Sendable`.
    private let lock = NSLock()
    private var cache: OCRCache?

    init(datasetPath: String, settings: OCRSettings) {
        self.datasetPath = datasetPath
        self.settings = settings
    }

    func lines(forImageAt path: String) -> [OCRLine]? {
        lock.withLock {
            if cache == nil { cache = OCRCache.load(forDataset: datasetPath) }
            guard let cache, cache.count > 0, let identity = ImageIdentity.of(path: path),
                  let page = cache.page(for: identity, settings: settings), page.error == nil else { return nil }
            return page.lines
        }
    }
}
