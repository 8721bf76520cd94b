import Foundation
import WinnowCore

/// The OCR lines of each sample's images, from the cache `winnow ocr` wrote, for the
/// `ocr-mismatch` lint. Reads only the cache: never runs an engine.
final class OCRLintSource {
    let hasCache: Bool
    private(set) var imagesNotInCache = 0
    private let cache: OCRCache
    private let settings: OCRSettings
    private let locator: ImageLocator
    private let linter = OCRMismatchLinter()
    private var counted = Set<String>()

    /// `wanted` false (the kind is filtered out) loads nothing and finds nothing.
    init(data: Dataset, imageRoot: String?, settings: OCRSettings, wanted: Bool) {
        cache = wanted ? OCRCache.load(forDataset: data.path) : OCRCache()
        hasCache = cache.count > 0
        self.settings = settings
        locator = ImageLocator(imageRoot: imageRoot, datasetPath: data.path)
    }

    /// `ocr-mismatch` findings for one sample (none when its images were not OCR'd).
    func findings(for sample: Sample) -> [LintFinding] {
        guard hasCache, !sample.images.isEmpty else { return [] }
        var lines: [OCRLine] = []
        for reference in sample.images {
            let resolved = locator.resolve(reference)
            guard resolved.exists else { continue }
            guard let identity = ImageIdentity.of(path: resolved.path),
                  let page = cache.page(for: identity, settings: settings) else {
                if counted.insert(resolved.path).inserted { imagesNotInCache += 1 }
                continue
            }
            lines += page.lines
        }
        return linter.lint(sample, ocrLines: lines)
    }
}
