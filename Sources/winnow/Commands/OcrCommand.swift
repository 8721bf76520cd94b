import ArgumentParser
import Dispatch
import Foundation
import WinnowCore
import WinnowOCR

/// `winnow ocr DATASET [--image-root DIR] [--jobs N] [--ocr-lang L] [--json]`: reads the text in
/// every image once into a cache beside the dataset, for `winnow lint --kind ocr-mismatch`
/// and the review screen.
struct OcrCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocr",
        abstract: "Read the text in every image (Tesseract) into a cache beside the dataset.",
        discussion: """
            Each image file is read once per OCR setting: results are keyed by the file's size, \
            modification time, inode and content hash and by the languages and Tesseract \
            version, and appended to DATASET.winnow-ocr (or under $XDG_CACHE_HOME/winnow/ocr/ \
            when the dataset's folder is read-only) as soon as they are read. Ctrl-C stops after \
            the images being read; running the command again resumes. An image that takes more \
            than --time-limit seconds (10) is given up with a message and tried again on the next \
            run. With more than one job, each job's Tesseract uses one thread \
            (OMP_THREAD_LIMIT=1 unless set).

            --json prints one JSON object per image: image, path, lines (text, box [x, y, width, \
            height] in pixels, confidence 0-100) and error.

            Exit codes: 0 done, 64 usage, 65 the dataset cannot be read or the language data is \
            missing, 73 the cache cannot be written, 130 interrupted.
            """
    )

    @Argument(help: "The dataset.")
    var file: String

    @Option(name: .customLong("image-root"), help: "Resolve image paths against this folder first.")
    var imageRoot: String?

    @Option(name: .long, help: "Images read at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var language: OCRLanguageOption

    @Option(name: .customLong("time-limit"), help: "Give up on an image after this many seconds (default 10).")
    var timeLimit: Int = 10

    @Flag(name: .long, help: "Print the lines of every image as JSON.")
    var json = false

    @OptionGroup var dataset: DatasetArguments

    func validate() throws {
        if jobs < 1 || jobs > 64 { throw ValidationError("--jobs must be 1 to 64, not \(jobs)") }
        if timeLimit < 1 || timeLimit > 3600 { throw ValidationError("--time-limit must be 1 to 3600 seconds, not \(timeLimit)") }
    }

    /// One image as printed by --json.
    struct Record: Encodable {
        var image: String
        var path: String
        var lines: [Line]
        var error: String?
        struct Line: Encodable {
            var text: String
            var box: [Int]
            var confidence: Double
        }
    }

    func run() throws {
        OpenMPThreads.limitToOne(ifJobs: jobs)
        let data = try dataset.open(file)
        let list = OCRImageList(data, imageRoot: imageRoot)
        let languages = language.languages
        // Load one engine up front: missing language data is a clear error before any work.
        let first: TesseractEngine
        do throws(OCRError) { first = try TesseractEngine(languages: languages, timeLimitMilliseconds: timeLimit * 1000) } catch {
            FileHandle.standardError.write(Data("winnow ocr: \(error.description)\n".utf8))
            throw WinnowExit.badInput
        }
        let settings = first.settings
        let cachePath = OCRCache.writePath(forDataset: data.path)
        let cache = OCRCache.load(forDataset: data.path)
        let writer: OCRCacheWriter
        do throws(OCRError) { writer = try OCRCacheWriter(path: cachePath) } catch {
            FileHandle.standardError.write(Data("winnow ocr: \(VisibleText.sanitize(error.description))\n".utf8))
            throw WinnowExit.cannotWrite
        }
        let spare = SpareEngine(first)
        let batch = OCRBatch(jobs: list.jobs, workers: jobs, settings: settings, cache: cache, writer: writer) { () throws(OCRError) -> any OCREngine in
            if let engine = spare.take() { return engine }
            return try TesseractEngine(languages: languages, timeLimitMilliseconds: timeLimit * 1000)
        }
        let bar = OCRProgressBar(total: list.jobs.count)
        let interrupt = Interrupt { batch.stop() }
        defer { interrupt.restore() }
        let outcome: (pages: [Int: OCRPage], summary: OCRBatchSummary)
        do throws(OCRError) {
            outcome = try batch.run { done, total in bar.update(done: done, total: total) }
        } catch {
            bar.finish()
            FileHandle.standardError.write(Data("winnow ocr: \(VisibleText.sanitize(error.description))\n".utf8))
            throw WinnowExit.cannotWrite
        }
        bar.finish()
        let s = outcome.summary
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
            for (index, job) in list.jobs.enumerated() {
                guard let page = outcome.pages[index] else { continue }
                let record = Record(image: job.reference, path: job.path, lines: page.lines.map {
                    Record.Line(text: $0.text, box: [$0.box.x, $0.box.y, $0.box.width, $0.box.height],
                                confidence: ($0.confidence * 10).rounded() / 10)
                }, error: page.error)
                print(String(decoding: try encoder.encode(record), as: UTF8.self))
            }
        }
        for (index, job) in list.jobs.enumerated() {
            if let error = outcome.pages[index]?.error {
                FileHandle.standardError.write(Data("winnow ocr: \(VisibleText.sanitize(job.reference, keepNewlines: false, keepTabs: false)): \(VisibleText.sanitize(error))\n".utf8))
            }
        }
        var summary = "ocr: \(outcome.pages.count) of \(list.jobs.count) images (\(s.recognized) read now, \(s.cached) from the cache"
        if s.failed > 0 { summary += ", \(s.failed) unreadable" }
        summary += ")"
        if list.missing > 0 { summary += ", \(list.missing) image files missing" }
        summary += String(format: " in %.1f s", s.seconds)
        if s.recognized > 0 { summary += String(format: " (%.2f images/s)", Double(s.recognized) / max(s.seconds, 0.001)) }
        summary += "; cache: \(cachePath)"
        // The summary goes to stderr with --json so stdout stays one JSON object per line.
        if json {
            FileHandle.standardError.write(Data((VisibleText.sanitize(summary) + "\n").utf8))
        } else {
            print(VisibleText.sanitize(summary))
        }
        if s.interrupted {
            FileHandle.standardError.write(Data("winnow ocr: interrupted; run the same command again to resume\n".utf8))
            throw ExitCode(130)
        }
    }
}

/// The engine loaded up front to check the language data, handed to the first worker.
final class SpareEngine: @unchecked Sendable {
    private let lock = NSLock()
    private var engine: TesseractEngine?
    init(_ engine: TesseractEngine) { self.engine = engine }
    func take() -> TesseractEngine? {
        lock.lock(); defer { lock.unlock() }
        let e = engine
        engine = nil
        return e
    }
}

/// Turns the first Ctrl-C (and SIGTERM) into a graceful stop; a second one kills as usual.
final class Interrupt: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []

    init(_ onSignal: @escaping @Sendable () -> Void) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                onSignal()
                signal(sig, SIG_DFL)
            }
            source.resume()
            sources.append(source)
        }
    }

    func restore() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

/// `ocr [#####.....] 123/1000  4.2 images/s  3:28 left` on stderr, only when it is a terminal.
final class OCRProgressBar: @unchecked Sendable {
    let isEnabled = isatty(2) == 1
    private let lock = NSLock()
    private let started = DispatchTime.now().uptimeNanoseconds
    private var lastDrawn: UInt64 = 0
    private var shown = false
    private let total: Int

    init(total: Int) { self.total = total }

    func update(done: Int, total: Int) {
        guard isEnabled else { return }
        lock.lock(); defer { lock.unlock() }
        let now = DispatchTime.now().uptimeNanoseconds
        guard done == total || now - lastDrawn > 200_000_000 else { return }
        lastDrawn = now
        shown = true
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + Self.line(done: done, total: total, seconds: Double(now - started) / 1e9)).utf8))
    }

    /// The bar's text (pure, for tests).
    static func line(done: Int, total: Int, seconds: Double) -> String {
        let width = 20
        let filled = total > 0 ? min(width, done * width / total) : width
        let rate = seconds > 0 ? Double(done) / seconds : 0
        var text = "ocr [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(done)/\(total)"
        text += String(format: "  %.1f images/s", rate)
        if rate > 0, done < total {
            let left = Int((Double(total - done) / rate).rounded())
            text += left >= 3600 ? String(format: "  %d:%02d:%02d left", left / 3600, left / 60 % 60, left % 60)
                : String(format: "  %d:%02d left", left / 60, left % 60)
        }
        return text
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
    }
}
