import ArgumentParser
import Foundation
import WinnowCore

/// `winnow adjudicate`: list the conflicts between reviewers and record rulings on them.
struct AdjudicateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adjudicate",
        abstract: "Settle the samples reviewers disagree on, as rulings in the adjudicator's journal.",
        discussion: """
            A conflict is a sample two or more reviewers judged with different labels (--on \
            decision|reasons), or all accepted with different edits. --list prints each one \
            with every reviewer's decision, reasons, note, time and edits (--json for scripts). \
            --rule INDEX accept|reject [--reason R]... records a ruling; --rule INDEX --pick NAME \
            takes that reviewer's label and edit. --auto-unanimous records rulings for every \
            sample all its reviewers agree on, after a confirmation (--yes on a pipe). Rulings \
            go only to --journal-out (never to a reviewer's journal) and are undone like any \
            entry: winnow decide DATASET --journal ADJ.jsonl INDEX undo. Then: winnow merge \
            DATASET --journal A --journal B --journal ADJ.jsonl --policy adjudicated.

            Exit codes: 0 done, 1 --list found conflicts without a ruling, 64 bad usage, \
            65 bad input, 75 the adjudicator's journal is locked.
            """
    )

    @Argument(help: "The dataset the journals were written for.")
    var dataset: String

    @Argument(help: "With --rule: accept or reject.")
    var decision: String?

    @Option(name: .long, help: "A reviewer's journal (repeat, two or more).")
    var journal: [String] = []

    @Option(name: .customLong("journal-out"), help: "The adjudicator's journal, where rulings go.")
    var journalOut: String?

    @Option(name: .long, help: "The adjudicator's name in the journal (default: $USER).")
    var reviewer: String?

    @Option(name: .long, help: "Compare the decision only, or decision + reasons.")
    var on: LabelBasis = .reasons

    @Flag(name: .long, help: "List the conflicts.")
    var list = false

    @Flag(name: .long, help: "With --list: one JSON object on stdout.")
    var json = false

    @Flag(name: .customLong("auto-unanimous"), help: "Record rulings for the samples all reviewers agree on.")
    var autoUnanimous = false

    @Flag(name: .long, help: "Do not ask before --auto-unanimous writes.")
    var yes = false

    @Option(name: .long, help: "Record a ruling on this sample index.")
    var rule: Int?

    @Option(name: .long, help: "With --rule reject: a reason (repeat for several).")
    var reason: [String] = []

    @Option(name: .long, help: "With --rule: a note kept with the ruling.")
    var note: String?

    @Option(name: .long, help: "With --rule: take this reviewer's label and edit.")
    var pick: String?

    @OptionGroup var datasetArguments: DatasetArguments

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        let modes = (list ? 1 : 0) + (autoUnanimous ? 1 : 0) + (rule != nil ? 1 : 0)
        if modes > 1 { throw ValidationError("give one of --list, --auto-unanimous, --rule INDEX") }
        if modes == 0 {
            throw ValidationError("the adjudication screen is not available yet; use --list to see the conflicts, --rule INDEX accept|reject [--reason R] or --rule INDEX --pick NAME to settle one, --auto-unanimous for the agreed ones")
        }
        if rule != nil {
            if pick != nil, decision != nil { throw ValidationError("--pick takes a reviewer's label; drop '\(decision ?? "")'") }
            if pick == nil, decision != "accept", decision != "reject" { throw ValidationError("--rule INDEX needs accept or reject (or --pick NAME)") }
            if decision == "accept", !reason.isEmpty { throw ValidationError("--reason goes with reject") }
        } else if decision != nil {
            throw ValidationError("unexpected argument '\(decision ?? "")'")
        }
        if (rule != nil || autoUnanimous), journalOut == nil { throw ValidationError("rulings need --journal-out ADJ.jsonl (the adjudicator's own journal)") }
        if json, !list { throw ValidationError("--json goes with --list") }
    }

    func run() throws {
        let (data, team) = try TeamCommandSupport.load(dataset: dataset, journals: journal, command: "adjudicate", arguments: datasetArguments, store: storeOptions)
        if let out = journalOut, let clash = (journal + team.reviewers.map(\.source)).first(where: { Self.sameFile($0, out) }) {
            JournalCommandSupport.warn("winnow adjudicate: --journal-out \(JournalCommandSupport.sanitize(out)) is a reviewer's journal (\(JournalCommandSupport.sanitize(clash))); rulings go to the adjudicator's own journal")
            throw WinnowExit.usage
        }
        var adjudicator = team.adjudicator
        if adjudicator == nil, let out = journalOut, FileManager.default.fileExists(atPath: out) {
            let contents = try JournalCommandSupport.readJournal(out)
            adjudicator = ReviewerState(replay: JournalReplay(contents: contents, dataset: data, matchByID: false), source: out)
        }
        let original = TeamCommandSupport.original(data)
        let adjudication = Adjudication(team.reviewers, on: on, adjudicator: adjudicator, original: original,
                                        id: { data.id(at: $0) ?? "#\($0)" })
        if list {
            if json {
                JournalCommandSupport.say(adjudication.json)
            } else {
                JournalCommandSupport.say(adjudication.text(original: original, sanitize: JournalCommandSupport.sanitize))
            }
            if adjudication.conflicts.contains(where: { $0.ruling == nil }) { throw WinnowExit.problemsFound }
            return
        }
        guard let out = journalOut else { throw WinnowExit.usage }
        let name = reviewer ?? ProcessInfo.processInfo.environment["USER"] ?? ""
        let log: Journal
        do { log = try Journal.open(path: out, dataset: data, reviewer: name, mode: .readWrite) } catch { throw JournalCommandSupport.fail(error) }
        defer { log.close() }
        if let index = rule {
            try ruleOne(index, team: team, dataset: data, journal: log)
        } else {
            try rulings(for: adjudication.unanimous.filter { $0.ruling == nil }, journal: log, out: out)
        }
    }

    private func ruleOne(_ index: Int, team: TeamJournals, dataset data: Dataset, journal log: Journal) throws {
        guard index >= 0, index < data.count else {
            JournalCommandSupport.warn("winnow adjudicate: sample \(index) does not exist (the dataset has \(data.count) samples)")
            throw WinnowExit.usage
        }
        let d: Decision
        var ruling = Ruling(basis: .decided)
        if let pick {
            guard let state = team.reviewers.first(where: { $0.reviewer == pick }) else {
                JournalCommandSupport.warn("winnow adjudicate: no reviewer named \(JournalCommandSupport.sanitize(pick)); the reviewers are \(JournalCommandSupport.sanitize(team.reviewers.map(\.reviewer).joined(separator: ", ")))")
                throw WinnowExit.usage
            }
            guard let taken = state.reviews[index].flatMap(Adjudication.decision(taking:)) else {
                JournalCommandSupport.warn("winnow adjudicate: \(JournalCommandSupport.sanitize(pick)) has no judgment on sample \(index)")
                throw WinnowExit.usage
            }
            d = taken
            ruling = Ruling(basis: .picked, picked: pick)
        } else if decision == "reject" {
            d = .reject(reasons: reason, note: note)
        } else {
            d = .accept
        }
        let entry = try record(d, index: index, ruling: ruling, journal: log)
        JournalCommandSupport.say(DecisionRequest.report(entry))
    }

    private func rulings(for agreed: [Adjudication.Conflict], journal log: Journal, out: String) throws {
        guard !agreed.isEmpty else {
            JournalCommandSupport.warn("winnow adjudicate: no unanimous sample without a ruling")
            return
        }
        if !yes {
            guard isatty(0) == 1, isatty(2) == 1 else {
                JournalCommandSupport.warn("winnow adjudicate: \(agreed.count) rulings would be written to \(JournalCommandSupport.sanitize(out)); pass --yes to write them without a terminal to confirm on")
                throw WinnowExit.usage
            }
            FileHandle.standardError.write(Data("Record \(agreed.count) unanimous rulings in \(JournalCommandSupport.sanitize(out))? [y/N] ".utf8))
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard answer == "y" || answer == "yes" else {
                JournalCommandSupport.warn("winnow adjudicate: nothing written")
                return
            }
        }
        var written = 0
        for c in agreed {
            guard let side = c.sides.first(where: { $0.label != nil }), let d = Adjudication.decision(taking: side.review) else { continue }
            _ = try record(d, index: c.index, ruling: Ruling(basis: .unanimous), journal: log)
            written += 1
        }
        JournalCommandSupport.warn("winnow adjudicate: \(written) unanimous rulings written to \(JournalCommandSupport.sanitize(out))")
    }

    /// Undoes the adjudicator's earlier decisions on the sample (so a new ruling replaces an
    /// old one whole, edits included), then appends the ruling.
    private func record(_ d: Decision, index: Int, ruling: Ruling, journal log: Journal) throws -> JournalEntry {
        do {
            while let old = log.latestUndoableEntry(at: index) { try log.append(.undo(sequence: old.sequence), index: index) }
            return try log.append(d, index: index, ruling: ruling)
        } catch { throw JournalCommandSupport.fail(error) }
    }

    static func sameFile(_ a: String, _ b: String) -> Bool {
        URL(fileURLWithPath: a).standardizedFileURL.resolvingSymlinksInPath().path
            == URL(fileURLWithPath: b).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
