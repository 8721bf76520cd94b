import ArgumentParser
import Foundation
import WinnowCore
import WinnowOCR

/// `--ocr-lang`, shared by `ocr` and `lint` (the languages are part of the cache key).
struct OCRLanguageOption: ParsableArguments {
    @Option(name: .customLong("ocr-lang"), help: ArgumentHelp(
        "Tesseract languages joined by + (default \(OCRSettings.defaultLanguages)).", valueName: "langs"))
    var languages: String = OCRSettings.defaultLanguages

    /// The cache-key settings for these languages (asks the library its version; loads no model).
    var settings: OCRSettings { TesseractEngine.settings(languages: languages) }
}

/// The image files of a dataset, each once, in order of first use.
struct OCRImageList {
    var jobs: [OCRJob] = []
    /// Job indices per sample index.
    var jobsBySample: [Int: [Int]] = [:]
    /// References whose file was not found.
    var missing = 0

    init(_ data: Dataset, imageRoot: String?) {
        let locator = ImageLocator(imageRoot: imageRoot, datasetPath: data.path)
        var indexByPath: [String: Int] = [:]
        var missingPaths = Set<String>()
        for index in 0..<data.count {
            guard case .success(let sample) = data.sample(at: index) else { continue }
            for reference in sample.images {
                let resolved = locator.resolve(reference)
                guard resolved.exists else {
                    if missingPaths.insert(resolved.path).inserted { missing += 1 }
                    continue
                }
                let job: Int
                if let known = indexByPath[resolved.path] {
                    job = known
                } else {
                    job = jobs.count
                    indexByPath[resolved.path] = job
                    jobs.append(OCRJob(reference: reference, path: resolved.path))
                }
                jobsBySample[index, default: []].append(job)
            }
        }
    }
}
