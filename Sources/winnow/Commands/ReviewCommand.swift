import ArgumentParser
import Foundation
import WinnowCore
import WinnowOCR
import WinnowStore
import WinnowTerminal
import WinnowUI

/// `winnow [review] [FILE]`: the interactive review screen (the default subcommand).
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review samples one by one in the terminal (the default command).",
        discussion: """
            With no FILE, opens the bundled demo dataset. Decisions go at once to the journal \
            beside the dataset (FILE.winnow.jsonl); reopening resumes at the first undecided \
            sample. Spot checks: --sample N --seed S picks a reproducible random sample \
            (--stratify type keeps the task-type mix); --shard K/N gives reviewer K of N the \
            samples whose index modulo N is K-1.
            """
    )

    @Argument(help: "The dataset (.json or .jsonl). Default: the bundled demo.")
    var file: String?

    @Option(help: "The journal file (default: FILE.winnow.jsonl).")
    var journal: String?

    @Option(help: "Your name in the journal (default: $USER).")
    var reviewer: String?

    @Option(help: "A keymap name (default, vim, emacs) or a keymap file.")
    var keymap: String?

    @Option(help: "Start at this sample index or id instead of the first undecided one.")
    var start: String?

    @Option(help: "Review a random sample of N samples (with --seed).")
    var sample: Int?

    @Option(help: "Seed for --sample (default 0).")
    var seed: UInt64 = 0

    @Option(help: "Keep the mix of this field in --sample (only 'type' is supported).")
    var stratify: String?

    @Option(help: "Review only share K of N (K/N, 1-based).")
    var shard: String?

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var assignedOptions: AssignedReviewOptions
    @Option(help: "Review your share of a plan made by `winnow assign` (with --reviewer).")
    var plan: String?

    @Option(help: "Reject reasons for the picker, one per line (default: FILE.reasons or .winnow-reasons beside FILE, else the built-in seven).")
    var reasons: String?

    @Flag(name: .customLong("read-only"), help: "Look without deciding (no journal writes).")
    var readOnly = false

    @OptionGroup var datasetArguments: DatasetArguments

    @OptionGroup var images: ImageOptions
    /// The OCR settings whose cached lines `show-where` uses.
    @OptionGroup var ocrLanguage: OCRLanguageOption

    @Flag(name: .customLong("bench-first-frame"), help: .hidden)
    var benchFirstFrame = false

    func validate() throws {
        if let stratify, stratify != "type" {
            throw ValidationError("--stratify supports only 'type', not '\(stratify)'")
        }
        if stratify != nil, sample == nil { throw ValidationError("--stratify needs --sample N") }
        if let sample, sample < 1 { throw ValidationError("--sample must be at least 1") }
        if let shard, SpotCheck.parseShard(shard) == nil {
            throw ValidationError("--shard must be K/N with 1 <= K <= N, e.g. 2/5, not '\(shard)'")
        }
    }

    func run() throws {
        let started = DispatchTime.now()
        if !benchFirstFrame && (isatty(0) != 1 || isatty(1) != 1) {
            FileHandle.standardError.write(Data("winnow: \(TerminalError.notATerminal.description)\n".utf8))
            throw ExitCode(WinnowExit.badInput.rawValue)
        }
        if !benchFirstFrame, let problem = TerminalLocale.problem {
            FileHandle.standardError.write(Data("winnow: cannot open the review screen:\n\(problem)\n".utf8))
            throw ExitCode(WinnowExit.badInput.rawValue)
        }
        // An absolute path: image references resolve beside the file, and Foundation's
        // path helpers trap on some bare file names (`d.json`).
        let path = ReviewCommand.absolute(try DatasetLocator.resolve(file))
        let dataset = try datasetArguments.open(path)
        let reasonList: [String]?
        do { reasonList = try ReasonsFile.load(option: reasons, datasetPath: path)?.reasons } catch {
            FileHandle.standardError.write(Data("winnow: \(VisibleText.sanitize(error.description))\n".utf8))
            throw ExitCode(WinnowExit.badInput.rawValue)
        }
        let opened = DispatchTime.now()
        let journalPath = journal ?? Journal.defaultPath(forDataset: path)
        let name = reviewer ?? ProcessInfo.processInfo.environment["USER"] ?? ""
        let log: any DecisionLog
        var storeJournal: StoreJournal? = nil
        var team: TeamSession? = nil
        try checkAssigned(store: try storeOptions.location())
        if let location = try storeOptions.location(), !readOnly {
            do {
                let j = try StoreJournal.open(location: location, dataset: dataset, reviewer: name.isEmpty ? Journal.defaultReviewer : name,
                                              datasetName: storeOptions.datasetName)
                j.startBackgroundSync()
                storeJournal = j
                log = j
            } catch { throw StoreSupport.fail(error) }
            if let storeJournal {
                do { team = try startTeam(storeJournal, location: location, dataset: dataset, reviewer: storeJournal.reviewer) } catch {
                    storeJournal.close()
                    throw error
                }
            }
        } else { do {
            log = try Journal.open(path: journalPath, dataset: dataset, reviewer: name,
                                   mode: readOnly ? .readOnly : .readWrite)
        } catch {
            var message = "winnow: \(VisibleText.sanitize(error.description))"
            if case .locked = error { message += "\n(use --read-only to look without deciding)" }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            throw ExitCode(WinnowExit.journalUnavailable.rawValue)
        } }
        defer {
            // Unfinished claims go back to the pool at once; decided ones still spooled stay
            // claimed until the resend marks them done.
            team?.stop(release: true)
            if let storeJournal {
                storeJournal.sync()
                storeJournal.close()
                StoreSupport.reportUnsynced(storeJournal)
            }
        }

        let journalOpened = DispatchTime.now()
        var options = ReviewOptions(imageRoot: images.imageRoots.first)
        options.moreImageRoots = Array(images.imageRoots.dropFirst())
        options.allowedImageFolders = images.allowedImageDirs
        options.readOnly = readOnly
        if let reasonList { options.reasons = reasonList }
        options.reviewer = name.isEmpty ? Journal.defaultReviewer : name
        options.journalName = storeJournal == nil ? (journalPath as NSString).lastPathComponent : "team store"
        (options.baseOrder, options.baseLabel) = try plan.map { try planOrder($0, dataset: dataset, reviewer: name) } ?? baseOrder(dataset)
        if let queue = team?.snapshot.queue {
            options.baseOrder = queue
            options.baseLabel = "assigned"
        }
        if let start {
            guard let index = resolveStart(start, in: dataset) else {
                FileHandle.standardError.write(Data("winnow: --start \(VisibleText.sanitize(start)): no sample with that index or id\n".utf8))
                throw ExitCode(WinnowExit.usage.rawValue)
            }
            options.startIndex = index
        }
        let searcher = DatasetSearch(dataset: dataset)
        let app = ReviewApp.start(source: dataset, journal: log, keymap: keymap,
                                  environment: ProcessInfo.processInfo.environment, keymapFiles: DiskKeymapFiles(),
                                  scratchFiles: PosixScratchFiles(), options: options,
                                  search: { phrase, from, forward in searcher.find(phrase, from: from, forward: forward) })
        app.imageProvider = images.makeProvider()
        if let team {
            // Team progress and the offline count in the status row, assigned batches as they
            // are claimed: read on each tick from what the background task found.
            app.team = TeamSessionFeed(team)
            team.start()
        }
        app.ocrLines = CachedOCRLines(datasetPath: dataset.path, settings: ocrLanguage.settings)
        // The OCR pane (O): the `winnow ocr` cache, else Tesseract in the background.
        app.ocrProvider = BackgroundOCRProvider.tesseract(datasetPath: path, languages: ocrLanguage.languages)

        if benchFirstFrame {
            _ = app.handle(.resize(width: 80, height: 24))
            let built = DispatchTime.now()
            let grid = app.render(width: 80, height: 24)
            let done = DispatchTime.now()
            func ms(_ a: DispatchTime, _ b: DispatchTime) -> Double {
                Double(b.uptimeNanoseconds - a.uptimeNanoseconds) / 1e6
            }
            print(String(format: "first-frame %.2f ms after run(): dataset %.2f, journal %.2f, app %.2f, render %.2f (%d rows)",
                         ms(started, done), ms(started, opened), ms(opened, journalOpened),
                         ms(journalOpened, built), ms(built, done), grid.rows.count))
            return
        }
        // Keys need the terminal's size (a page of dialogue) before the first resize event.
        if let (width, height) = ReviewCommand.terminalSize() { _ = app.handle(.resize(width: width, height: height)) }
        let watched = DatasetChangeWatchingApp(app, dataset: dataset)
        let backend = TerminalBackend(app: team.map { ActivityNotingApp(watched, session: $0) } ?? watched)
        do {
            try backend.run()
        } catch {
            FileHandle.standardError.write(Data("winnow: \(error.description)\n".utf8))
            throw ExitCode(WinnowExit.badInput.rawValue)
        }
        // One line on the way out: what this session decided and where it went.
        FileHandle.standardError.write(Data((app.sessionSummary(journalPath: storeJournal == nil ? journalPath : "team store") + "\n").utf8))
        try DatasetChangeCheck.stopIfChanged(dataset)
    }

    /// The size of the terminal on standard output, if it is one.
    static func terminalSize() -> (Int, Int)? {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return FileManager.default.currentDirectoryPath + "/" + path
    }

    private func resolveStart(_ text: String, in dataset: Dataset) -> Int? {
        if let index = Int(text), index >= 0, index < dataset.count { return index }
        return dataset.index(ofID: text)
    }

    /// The spot-check order, or nil for the whole dataset.
    private func baseOrder(_ dataset: Dataset) -> ([Int]?, String?) {
        guard sample != nil || shard != nil else { return (nil, nil) }
        var indices = Array(0..<dataset.count)
        var label: [String] = []
        if let shard, let (k, n) = SpotCheck.parseShard(shard) {
            indices = SpotCheck.shard(k, of: n, in: indices)
            label.append("shard \(k)/\(n)")
        }
        if let sample {
            if stratify == "type" {
                // A byte walk per sample on every core; only samples it is unsure of are
                // decoded. Unreadable samples count as conversations, as before.
                let progress = ProgressLine(label: "reading task types for --stratify")
                let types = dataset.taskTypes(progress: { progress.update($0) }).map { $0 ?? .conversation }
                progress.finish()
                let chosen = Set(SpotCheck.stratified(sample, types: indices.map { types[$0] }, seed: seed)
                    .map { indices[$0] })
                indices = indices.filter { chosen.contains($0) }
                label.append("spot check \(indices.count) by type (seed \(seed))")
            } else {
                indices = SpotCheck.sample(sample, of: indices, seed: seed)
                label.append("spot check \(indices.count) (seed \(seed))")
            }
        }
        return (indices, label.joined(separator: ", "))
    }
}
