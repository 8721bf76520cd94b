import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

/// `winnow decide`: record decisions from scripts, each reported once it is on disk.
struct DecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Append decisions to the dataset's journal from the command line or a script.",
        usage: """
            winnow decide DATASET INDEX accept|reject|skip|reset|undo [--reason R]... [--note N]
            winnow decide DATASET --id ID accept|reject|skip|reset|undo [--reason R]... [--note N]
            winnow decide DATASET --edit INDEX --turn T --text TEXT [--note N]
            winnow decide DATASET --from FILE|-
            """,
        discussion: """
            Each saved entry is printed on stdout as one JSON line \
            ({"seq":..,"index":..,"id":..,"decision":..,"saved":true}) right after it is fsynced.

            --from reads one JSON object per line: {"index": 12} or {"id": "..."}, \
            "decision": "accept"|"reject"|"skip"|"reset"|"undo"|"edit", optional "reason": [...], "note", \
            "seq" (undo), and for edits "turn" and "text". A bad line stops the run with its line \
            number; nothing after it is applied.

            undo without --seq takes back the latest decision in force on the sample; again, the \
            one before. Exit codes: 0 saved, 65 bad input (nothing after it saved), 75 journal \
            locked or not writable.
            """
    )

    @Argument(help: "The dataset file.")
    var dataset: String

    @Argument(help: "INDEX and decision, or just the decision with --id.")
    var words: [String] = []

    @Option(name: .long, help: "Choose the sample by id instead of index.")
    var id: String?

    @Option(name: .long, help: "A reject reason tag (repeatable).")
    var reason: [String] = []

    @Option(name: .long, help: "A note stored with the decision.")
    var note: String?

    @Option(name: .long, help: "For undo: the entry to undo (default: the latest in force on the sample).")
    var seq: Int?

    @Option(name: .long, help: "Edit the sample at this index.")
    var edit: Int?

    @Option(name: .long, help: "The turn to edit (1 for the first, as the review screen numbers them).")
    var turn: Int?

    @Option(name: .long, help: "The new text of the turn.")
    var text: String?

    @Option(name: .long, help: "Read decisions as JSON lines from FILE, or - for stdin.")
    var from: String?

    @Option(name: .long, help: "The journal (default: <dataset>.winnow.jsonl).")
    var journal: String?

    @Option(name: .long, help: "Reviewer name (default: the login name).")
    var reviewer: String?

    @Flag(name: .long, help: "Re-attach entries of a changed dataset by id.")
    var matchByID = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        let modes = [from != nil, edit != nil, !words.isEmpty || id != nil].filter { $0 }.count
        if modes != 1 { throw ValidationError("give exactly one of: INDEX DECISION, --id ID DECISION, --edit INDEX, --from FILE") }
        if edit != nil && (turn == nil || text == nil) { throw ValidationError("--edit needs --turn T and --text TEXT") }
        if let turn, turn < 1 { throw ValidationError("--turn must be 1 or more (turns are counted from 1, as on the review screen), not \(turn)") }
        if let edit, edit < 0 { throw ValidationError("--edit must be a sample index (0 or more), not \(edit)") }
        // Checked here, before the journal is opened (or created), so that a mistyped word is
        // reported with this command's usage and leaves no file behind.
        if from == nil && edit == nil { _ = try targetAndDecision() }
    }

    /// The sample and the decision named by the positional words (and --id, --seq, ...).
    private func targetAndDecision() throws -> (DecisionRequest.Target, Decision?) {
        var rest = words
        let target: DecisionRequest.Target
        if let id { target = .id(id) } else {
            guard let first = rest.first, let index = Int(first) else {
                throw ValidationError("expected a sample INDEX (a number) before the decision, or --id ID")
            }
            target = .index(index)
            rest.removeFirst()
        }
        guard rest.count == 1, let word = rest.first else {
            throw ValidationError("expected one decision: accept, reject, skip, reset or undo")
        }
        guard let decision = DecisionRequest.decision(word, reasons: reason, note: note, seq: seq) else {
            throw ValidationError("unknown decision '\(word)': use accept, reject, skip, reset or undo")
        }
        return (target, decision)
    }

    func run() throws {
        let data = try JournalCommandSupport.openDataset(dataset)
        // The decisions' source is opened before the journal, so a wrong --from path leaves no
        // new journal behind.
        let stream = try from.map(Self.openStream)
        let j = try openStore(data)
        defer {
            // A last resend of what the spool holds, then say what is left and where.
            if let s = j as? StoreJournal, s.unsyncedCount > 0 { s.sync() }
            j.close()
            if let s = j as? StoreJournal { StoreSupport.reportUnsynced(s) }
        }
        for p in j.problems { JournalCommandSupport.warn("winnow: " + JournalCommandSupport.sanitize(p)) }

        if let from, let stream {
            try runStream(from, reader: stream, journal: j, dataset: data)
            return
        }
        let request: DecisionRequest
        if let edit, let turn, let text {
            request = DecisionRequest(target: .index(edit), decision: .edit(.turns([turn - 1: text]), note: note))
        } else {
            let (target, decision) = try targetAndDecision()
            request = DecisionRequest(target: target, decision: decision)
        }
        do {
            let entry = try request.append(to: j, dataset: data)
            JournalCommandSupport.say(DecisionRequest.report(entry))
            // accept and skip carry no note of their own: keep the note as a note entry.
            if let note, entry.decision == .accept || entry.decision == .skip {
                JournalCommandSupport.say(DecisionRequest.report(try j.append(.note(text: note, flag: nil), index: entry.index)))
            }
        } catch let e as DecisionRequest.Failure {
            JournalCommandSupport.warn("winnow decide: \(e.message)")
            throw WinnowExit.badInput
        } catch let e as JournalError {
            throw JournalCommandSupport.fail(e)
        }
    }

    /// The file journal, or the team store with `--store` / `WINNOW_STORE`.
    private func openStore(_ data: Dataset) throws -> any DecisionStore {
        // An explicit --journal wins over WINNOW_STORE from the environment.
        if journal != nil && storeOptions.store != nil {
            JournalCommandSupport.warn("winnow decide: give --journal or --store, not both")
            throw WinnowExit.usage
        }
        if journal == nil, let location = try storeOptions.location() {
            do {
                return try StoreJournal.open(location: location, dataset: data, reviewer: reviewer ?? Journal.defaultReviewer,
                                             datasetName: storeOptions.datasetName, matchByID: matchByID)
            } catch { throw StoreSupport.fail(error) }
        }
        let journalPath = journal ?? Journal.defaultPath(forDataset: data.path)
        do {
            return try Journal.open(path: journalPath, dataset: data, reviewer: reviewer ?? "", mode: .readWrite, matchByID: matchByID)
        } catch { throw JournalCommandSupport.fail(error) }
    }

    private static func openStream(_ from: String) throws -> LineReader {
        guard let reader = LineReader(path: from) else {
            JournalCommandSupport.warn("winnow decide: \(JournalCommandSupport.sanitize(from)): cannot open: \(String(cString: strerror(errno)))")
            throw WinnowExit.badInput
        }
        return reader
    }

    private func runStream(_ from: String, reader: LineReader, journal j: any DecisionStore, dataset data: Dataset) throws {
        let name = from == "-" ? "<stdin>" : from
        var lineNo = 0
        while let line = reader.next() {
            lineNo += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            do {
                let request = try DecisionRequest.parse(jsonLine: line)
                let entry = try request.append(to: j, dataset: data)
                JournalCommandSupport.say(DecisionRequest.report(entry))
            } catch let e as DecisionRequest.Failure {
                JournalCommandSupport.warn("\(name):\(lineNo): \(JournalCommandSupport.sanitize(e.message)); stopped here, nothing after this line was applied")
                throw WinnowExit.badInput
            } catch let e as JournalError {
                JournalCommandSupport.warn("\(name):\(lineNo): stopped here")
                throw JournalCommandSupport.fail(e)
            }
        }
        if let failure = reader.failure {
            JournalCommandSupport.warn("winnow decide: \(name): cannot read after line \(lineNo): \(failure)")
            throw WinnowExit.badInput
        }
    }
}

/// Reads lines (without their newline) from a file or stdin as bytes, one at a time, so a
/// stream is handled as it arrives.
final class LineReader {
    private let file: UnsafeMutablePointer<FILE>
    private let owned: Bool
    private var buffer: UnsafeMutablePointer<CChar>? = nil
    private var capacity = 0
    /// Why reading stopped early (nil at a normal end of input).
    private(set) var failure: String?

    init?(path: String) {
        if path == "-" { guard let f = fdopen(0, "r") else { return nil }; file = f; owned = false } else {
            guard let f = fopen(path, "r") else { return nil }
            // fopen opens a directory; every read then fails, which looked like an empty file.
            var st = stat()
            if fstat(fileno(f), &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
                fclose(f)
                errno = EISDIR
                return nil
            }
            file = f
            owned = true
        }
    }

    deinit {
        free(buffer)
        if owned { fclose(file) }
    }

    func next() -> [UInt8]? {
        let n = getline(&buffer, &capacity, file)
        guard n >= 0, let buffer else {
            if ferror(file) != 0 { failure = String(cString: strerror(errno)) }
            return nil
        }
        var bytes = [UInt8](UnsafeRawBufferPointer(start: buffer, count: n))
        if bytes.last == 0x0A { bytes.removeLast() }
        return bytes
    }
}
