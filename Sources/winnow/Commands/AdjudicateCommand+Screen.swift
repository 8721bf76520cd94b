import Foundation
import WinnowCore
import WinnowTerminal
import WinnowUI

extension AdjudicateCommand {
    /// The adjudication screen: the review screen walking only the conflicts, each shown with
    /// every reviewer's side; decisions there are rulings in `--journal-out` (without it the
    /// screen is read-only).
    func runScreen(dataset data: Dataset, adjudication: Adjudication) throws {
        if isatty(0) != 1 || isatty(1) != 1 {
            JournalCommandSupport.warn("winnow adjudicate: \(TerminalError.notATerminal.description); use --list, --rule or --auto-unanimous in scripts")
            throw WinnowExit.badInput
        }
        if let problem = TerminalLocale.problem {
            JournalCommandSupport.warn("winnow adjudicate: cannot open the adjudication screen:\n\(problem)")
            throw WinnowExit.badInput
        }
        guard !adjudication.conflicts.isEmpty else {
            JournalCommandSupport.say("no conflicts to adjudicate: \(adjudication.unanimous.count) unanimous, \(adjudication.singleReviewer.count) judged by one reviewer only")
            return
        }
        let name = reviewer ?? ProcessInfo.processInfo.environment["USER"] ?? ""
        var log: Journal? = nil
        if let out = journalOut {
            do { log = try Journal.open(path: out, dataset: data, reviewer: name, mode: .readWrite) } catch {
                throw JournalCommandSupport.fail(error)
            }
        }
        defer { log?.close() }
        var options = ReviewOptions()
        options.baseOrder = adjudication.conflicts.map(\.index)
        options.baseLabel = "adjudicating on \(on == .reasons ? "decision + reasons" : "decision")"
        options.readOnly = log == nil
        options.reviewer = name.isEmpty ? Journal.defaultReviewer : name
        options.journalName = journalOut.map { ($0 as NSString).lastPathComponent }
        let searcher = DatasetSearch(dataset: data)
        let app = ReviewApp.start(source: data, journal: log, keymap: keymap,
                                  environment: ProcessInfo.processInfo.environment, keymapFiles: DiskKeymapFiles(),
                                  scratchFiles: PosixScratchFiles(), options: options,
                                  search: { phrase, from, forward in searcher.find(phrase, from: from, forward: forward) })
        app.adjudication = AdjudicationContext(adjudication)
        if log == nil { app.state.message = .info(.adjudication(.readOnlyWithoutJournalOut)) }
        if let (width, height) = ReviewCommand.terminalSize() { _ = app.handle(.resize(width: width, height: height)) }
        let backend = TerminalBackend(app: DatasetChangeWatchingApp(app, dataset: data))
        do {
            try backend.run()
        } catch {
            JournalCommandSupport.warn("winnow adjudicate: \(error.description)")
            throw WinnowExit.badInput
        }
        try DatasetChangeCheck.stopIfChanged(data)
    }
}
