import ArgumentParser
import Foundation
import WinnowCore

/// Options shared by the commands that read one dataset.
struct DatasetArguments: ParsableArguments {
    @Option(name: .long, help: "Read the file as this container instead of detecting it (json | jsonl).")
    var format: String?

    @Flag(name: .customLong("no-index-cache"), help: "Neither read nor write the index cache beside the data.")
    var noIndexCache = false

    func validate() throws {
        if let format, DatasetContainer(rawValue: format.lowercased()) == nil {
            throw ValidationError("--format must be json or jsonl, not \(format)")
        }
    }

    /// Opens `path` with these options, showing progress on a terminal; maps failures to exit 65.
    func open(_ path: String) throws -> Dataset {
        switch try openResult(path) {
        case .success(let dataset):
            // Truncated while it was being indexed: the index may be built from zero pages.
            try DatasetChangeCheck.stopIfChanged(dataset)
            return dataset
        case .failure(let error):
            FileHandle.standardError.write(Data("winnow: \(VisibleText.sanitize(error.description))\n".utf8))
            throw WinnowExit.badInput
        }
    }

    /// Like `open`, but hands a dataset error back for callers that report it themselves.
    func openResult(_ path: String) throws -> Result<Dataset, DatasetError> {
        var options = DatasetOptions(useIndexCache: !noIndexCache)
        if let format {
            guard let container = DatasetContainer(rawValue: format.lowercased()) else {
                throw ValidationError("--format must be json or jsonl, not \(format)")
            }
            options.container = container
        }
        let progress = ProgressLine(label: "indexing \(PathText.lastComponent(path))")
        if progress.isEnabled {
            options.progress = { @Sendable fraction in progress.update(fraction) }
        }
        defer { progress.finish() }
        do {
            let dataset = try Dataset.open(path: path, options: options)
            if format != nil {
                for p in dataset.problems where p.message.hasPrefix("--format") {
                    FileHandle.standardError.write(Data("winnow: \(VisibleText.sanitize(p.description))\n".utf8))
                }
            }
            return .success(dataset)
        } catch {
            return .failure(error)
        }
    }
}

/// A one-line progress display on stderr, only when stderr is a terminal.
final class ProgressLine: @unchecked Sendable {
    let isEnabled = isatty(2) == 1
    private let label: String
    private let lock = NSLock()
    private var lastPercent = -1
    private var shown = false

    init(label: String) { self.label = VisibleText.sanitize(label) }

    func update(_ fraction: Double) {
        guard isEnabled else { return }
        let percent = Int((fraction * 100).rounded(.down))
        lock.lock()
        defer { lock.unlock() }
        guard percent != lastPercent else { return }
        lastPercent = percent
        shown = true
        FileHandle.standardError.write(Data("\r\(label): \(percent)%".utf8))
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
    }
}
