import Foundation
import WinnowCore
import WinnowOCR

/// `winnow-bench ocr FILE GROUNDTRUTH [--jobs N] [--limit N] [--ocr-lang L] [--image-root DIR]`:
/// precision and recall of the `ocr-mismatch` lint against a generator's `.defects.jsonl`
/// (OCR results from the dataset's cache, filled first like `winnow ocr` does), then OCR
/// throughput with N jobs against the `tesseract` command-line tool with N processes at a
/// time on the same first `--limit` images, in the same run.
enum OCRBenchmark {
    static func run(_ args: [String]) -> Int32 {
        let valued: Set<String> = ["--jobs", "--limit", "--ocr-lang", "--image-root", "--near-confidence", "--drop-confidence"]
        var positional: [String] = []
        var skip = false
        for arg in args {
            if skip { skip = false; continue }
            if valued.contains(arg) { skip = true; continue }
            if !arg.hasPrefix("--") { positional.append(arg) }
        }
        guard positional.count >= 2 else {
            FileHandle.standardError.write(Data("usage: winnow-bench ocr FILE GROUNDTRUTH [--jobs N] [--limit N] [--ocr-lang L] [--image-root DIR] [--no-fill] [--show-misses] [--near-confidence C] [--drop-confidence C] [--no-alternatives]\n".utf8))
            return 64
        }
        let jobs = BenchSupport.option(args, "--jobs").flatMap(Int.init) ?? 2
        let limit = BenchSupport.option(args, "--limit").flatMap(Int.init) ?? 100
        let languages = BenchSupport.option(args, "--ocr-lang") ?? OCRSettings.defaultLanguages
        let (data, _) = BenchSupport.openDataset(positional[0])
        guard let truth = readTruth(positional[1]) else { BenchSupport.fail("cannot read \(positional[1])") }
        let list = ImageList(data, imageRoot: BenchSupport.option(args, "--image-root"))
        print("ocr bench: \(data.count) samples, \(list.jobs.count) image files, \(truth.count) with ocr_mismatch in the ground truth")

        // 1. Accuracy, from the cache (filled now where needed).
        let settings = TesseractEngine.settings(languages: languages)
        let cachePath = OCRCache.writePath(forDataset: data.path)
        let writer: OCRCacheWriter
        do { writer = try OCRCacheWriter(path: cachePath) } catch { BenchSupport.fail("\(error)") }
        // --no-fill: measure on what the cache holds (a `winnow ocr` run stopped early).
        let noFill = args.contains("--no-fill")
        let fill = OCRBatch(jobs: list.jobs, workers: jobs, settings: settings, cache: OCRCache.load(forDataset: data.path),
                            writer: noFill ? nil : writer) { () throws(OCRError) -> any OCREngine in
            if noFill { throw OCRError(path: "", message: "not in the cache") }
            return try TesseractEngine(languages: languages)
        }
        var filled: [Int: OCRPage] = [:]
        do {
            let result = try fill.run()
            filled = result.pages
            print(String(format: "cache: %d images read now, %d from %@", result.summary.recognized, result.summary.cached, cachePath))
        } catch where noFill {
            // Stopped at the first image not cached; read the cached ones directly.
            let cache = OCRCache.load(forDataset: data.path)
            for (k, job) in list.jobs.enumerated() {
                if let id = ImageIdentity.of(path: job.path), let page = cache.page(for: id, settings: settings) { filled[k] = page }
            }
            print("cache: \(filled.count) of \(list.jobs.count) images cached in \(cachePath) (--no-fill: the rest are left out)")
        } catch { BenchSupport.fail("\(error)") }
        var matcher = QuoteMatcher()
        // For tuning on a development set only: figures to report use the default.
        if let c = BenchSupport.option(args, "--near-confidence").flatMap(Double.init) { matcher.minNearConfidence = c }
        if let c = BenchSupport.option(args, "--drop-confidence").flatMap(Double.init) { matcher.minNearConfidenceForDrops = c }
        accuracy(data, list: list, pages: filled, truth: truth, matcher: matcher,
                 withoutAlternatives: args.contains("--no-alternatives"), showMisses: args.contains("--show-misses"))

        // 2. Throughput: the engine with `jobs` workers vs the CLI with `jobs` processes.
        let sample = Array(list.jobs.prefix(limit))
        guard !sample.isEmpty else { print("throughput: skipped (--limit 0)"); return 0 }
        let ours = OCRBatch(jobs: sample, workers: jobs, settings: settings, cache: OCRCache(), writer: nil) {
            () throws(OCRError) -> any OCREngine in try TesseractEngine(languages: languages)
        }
        let t0 = BenchSupport.now()
        do { _ = try ours.run() } catch { BenchSupport.fail("\(error)") }
        let oursSeconds = BenchSupport.now() - t0
        let t1 = BenchSupport.now()
        let cliFailures = runCLI(sample.map(\.path), languages: languages, jobs: jobs)
        let cliSeconds = BenchSupport.now() - t1
        let oursRate = Double(sample.count) / oursSeconds
        let cliRate = Double(sample.count) / cliSeconds
        print(String(format: "throughput on %d images, %d jobs: winnow ocr %.2f images/s (%.1f s); tesseract CLI %.2f images/s (%.1f s)%@; ratio %.2fx",
                     sample.count, jobs, oursRate, oursSeconds, cliRate, cliSeconds,
                     cliFailures > 0 ? " [\(cliFailures) CLI failures]" : "", oursRate / cliRate))
        return 0
    }

    struct Truth { var trueText: String; var shownText: String }

    static func readTruth(_ path: String) -> [Int: Truth]? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var truth: [Int: Truth] = [:]
        for line in text.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let index = object["index"] as? Int,
                  let details = (object["details"] as? [String: Any])?["ocr_mismatch"] as? [String: Any],
                  let trueText = details["true_text"] as? String, let shown = details["shown_text"] as? String else { continue }
            truth[index] = Truth(trueText: trueText, shownText: shown)
        }
        return truth
    }

    static func accuracy(_ data: Dataset, list: ImageList, pages: [Int: OCRPage], truth: [Int: Truth], matcher: QuoteMatcher,
                         withoutAlternatives: Bool = false, showMisses: Bool) {
        let linter = OCRMismatchLinter(matcher: matcher)
        var flagged: [Int: [LintFinding]] = [:]
        var withImage = 0
        var measured = Set<Int>()
        for index in 0..<data.count {
            guard case .success(let sample) = data.sample(at: index), let jobIndices = list.jobsBySample[index],
                  jobIndices.allSatisfy({ pages[$0] != nil }) else { continue }
            withImage += 1
            measured.insert(index)
            var lines = jobIndices.flatMap { pages[$0]?.lines ?? [] }
            if withoutAlternatives { for k in lines.indices { lines[k].alternatives = [] } }
            let findings = linter.lint(sample, ocrLines: lines)
            if !findings.isEmpty { flagged[index] = findings }
        }
        let relevant = truth.filter { measured.contains($0.key) }
        let unread = relevant.keys.filter { index in (list.jobsBySample[index] ?? []).contains { pages[$0]?.error != nil } }.count
        let tp = flagged.keys.filter { relevant[$0] != nil }.count
        var fixed = 0
        for (index, findings) in flagged {
            if let t = relevant[index], findings.contains(where: { $0.fix?.text == t.trueText }) { fixed += 1 }
        }
        let precision = flagged.isEmpty ? 1 : Double(tp) / Double(flagged.count)
        let recall = relevant.isEmpty ? 1 : Double(tp) / Double(relevant.count)
        print(String(format: "ocr-mismatch on %d samples with OCR results: precision %.3f (%d of %d flagged), recall %.3f (%d of %d); fix equals the drawn text in %d of %d true positives",
                     withImage, precision, tp, flagged.count, recall, tp, relevant.count, fixed, tp))
        let readable = relevant.count - unread
        print(String(format: "  %d of the %d defective samples have an image OCR could not read (error or time limit); recall on the rest %.3f",
                     unread, relevant.count, readable > 0 ? Double(tp) / Double(readable) : 1))
        guard showMisses else { return }
        for (index, findings) in flagged.sorted(by: { $0.key < $1.key }) where relevant[index] == nil {
            print("  false positive \(index): \(findings.map(\.message).joined(separator: "; "))")
        }
        for (index, t) in relevant.sorted(by: { $0.key < $1.key }) where flagged[index] == nil {
            let lines = (list.jobsBySample[index] ?? []).flatMap { pages[$0]?.lines ?? [] }.map(\.text)
            print("  missed \(index): drawn \(t.trueText), quoted \(t.shownText); OCR: \(lines.prefix(4))")
        }
    }

    /// Runs `tesseract IMAGE stdout -l L` over `paths`, `jobs` processes at a time; returns
    /// the number that failed.
    static func runCLI(_ paths: [String], languages: String, jobs: Int) -> Int {
        final class Counter: @unchecked Sendable {
            let lock = NSLock()
            var next = 0
            var failures = 0
        }
        let state = Counter()
        DispatchQueue.concurrentPerform(iterations: max(1, jobs)) { _ in
            while true {
                state.lock.lock()
                guard state.next < paths.count else { state.lock.unlock(); return }
                let path = paths[state.next]
                state.next += 1
                state.lock.unlock()
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["tesseract", path, "stdout", "-l", languages]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                let ok = (try? process.run()) != nil
                if ok { process.waitUntilExit() }
                if !ok || process.terminationStatus != 0 { state.lock.lock(); state.failures += 1; state.lock.unlock() }
            }
        }
        return state.failures
    }

    /// The image files of a dataset, each once (like `winnow ocr`).
    struct ImageList {
        var jobs: [OCRJob] = []
        var jobsBySample: [Int: [Int]] = [:]

        init(_ data: Dataset, imageRoot: String?) {
            let locator = ImageLocator(imageRoot: imageRoot, datasetPath: data.path)
            var indexByPath: [String: Int] = [:]
            for index in 0..<data.count {
                guard case .success(let sample) = data.sample(at: index) else { continue }
                for reference in sample.images {
                    let resolved = locator.resolve(reference)
                    guard resolved.exists else { continue }
                    let job = indexByPath[resolved.path] ?? jobs.count
                    if job == jobs.count {
                        indexByPath[resolved.path] = job
                        jobs.append(OCRJob(reference: reference, path: resolved.path))
                    }
                    jobsBySample[index, default: []].append(job)
                }
            }
        }
    }
}
