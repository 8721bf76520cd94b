import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

/// `winnow team`: the team's progress and work, from the store.
struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Team progress and work claims in the PostgreSQL store.",
        subcommands: [TeamStatusCommand.self, TeamClaimCommand.self]
    )
}

/// `winnow team status --store URL DATASET [--watch]`.
struct TeamStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Per reviewer: decided, pace and last activity; overall progress."
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The dataset file.")
    var dataset: String

    @Option(name: .long, help: "Refresh every N seconds until interrupted.")
    var watch: Double?

    @Option(name: .long, help: "Agreement on the decision only, or decision + reasons (as winnow agree).")
    var on: LabelBasis = .reasons

    func run() throws {
        let location = try storeOptions.requiredLocation()
        let data = try JournalCommandSupport.openDataset(dataset)
        let c = try StoreSupport.connect(location)
        defer { c.close() }
        let reg = try StoreSupport.registered(data, client: c, name: storeOptions.datasetName)
        while true {
            let text: [String]
            do { text = try TeamStatus.lines(client: c, registered: reg, dataset: data, on: on) } catch { throw StoreSupport.fail(error) }
            if watch != nil { print("\u{1B}[H\u{1B}[2J", terminator: "") }
            for line in text { JournalCommandSupport.say(line) }
            guard let watch else { return }
            Thread.sleep(forTimeInterval: max(0.5, watch))
        }
    }
}

/// The status table, built from the store's entries with the journal's replay.
enum TeamStatus {
    static func lines(client c: StoreClient, registered reg: RegisteredDataset, dataset data: Dataset,
                      on basis: LabelBasis = .reasons) throws(StoreError) -> [String] {
        let s = JournalCommandSupport.sanitize
        let contents = try c.contents(dataset: reg)
        let activity = try c.activity(dataset: reg)
        var out = ["'\(s(reg.name))': \(reg.sampleCount) samples, \(contents.count) reviewer\(contents.count == 1 ? "" : "s")"]
        out.append("reviewer              decided   entries   sec/decision   last activity")
        var decidedAny = Set<Int>()
        for journal in contents {
            let replay = JournalReplay(contents: journal, dataset: data, matchByID: false)
            let name = journal.items.first?.entry.reviewer ?? "?"
            decidedAny.formUnion(replay.reviews.filter { $0.value.status != .undecided }.keys)
            let a = activity[name]
            let pace = a?.medianGap.map { String(format: "%.1f", $0) } ?? "-"
            out.append(pad(s(name), 20) + "  " + pad(String(replay.decidedCount), 8, right: true) + "  "
                       + pad(String(a?.entries ?? 0), 8, right: true) + "  " + pad(pace, 13, right: true)
                       + "   " + ago(a?.idleSeconds ?? 0))
        }
        if let p = try c.assignmentProgress(dataset: reg) {
            out.append("assignment: \(p.samples) samples x \(p.overlap): \(p.done)/\(p.slots) reviews done (\(percent(p.done, p.slots))), "
                       + "\(p.completeSamples) samples complete, \(p.claimed) claimed now")
        } else {
            out.append("progress: \(decidedAny.count)/\(data.count) samples decided by someone (\(percent(decidedAny.count, data.count)))")
        }
        out += agreementLines(dataset: data, journals: contents, on: basis)
        return out
    }

    /// Agreement so far: the figures of `winnow agree`, by the same code (`TeamJournals`,
    /// `AgreementReport`), from the store's entries as per-reviewer journal contents. A
    /// reviewer whose entries hold rulings is the adjudicator, as with journal files.
    static func agreementLines(dataset: Dataset, journals: [JournalContents], on basis: LabelBasis = .reasons) -> [String] {
        let team: TeamJournals
        do { team = try TeamJournals(journals, dataset: dataset) } catch {
            return ["agreement: " + JournalCommandSupport.sanitize(error.description)]
        }
        guard team.reviewers.count >= 2 else {
            return ["agreement: needs two or more reviewers (\(team.reviewers.count) so far)"]
        }
        let report = AgreementReport(team.reviewers, on: basis, original: TeamCommandSupport.original(dataset),
                                     gold: nil, rulings: team.adjudicator?.rulings)
        return report.text(sanitize: JournalCommandSupport.sanitize).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let n = max(0, width - text.count)
        return right ? String(repeating: " ", count: n) + text : text + String(repeating: " ", count: n)
    }

    static func percent(_ a: Int, _ b: Int) -> String {
        b == 0 ? "0%" : String(format: "%.1f%%", 100 * Double(a) / Double(b))
    }

    static func ago(_ seconds: Double) -> String {
        if seconds < 90 { return "\(Int(seconds)) s ago" }
        if seconds < 5400 { return "\(Int(seconds / 60)) min ago" }
        return String(format: "%.1f h ago", seconds / 3600)
    }
}

/// `winnow team claim --store URL DATASET --reviewer R [--batch N]`: claim work.
struct TeamClaimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim",
        abstract: "Claim a batch of samples from the work pool; prints their indices, one per line.",
        discussion: "Unfinished claims of the reviewer are renewed and listed first. Exit codes: 0 claimed, 1 no work left."
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The dataset file.")
    var dataset: String

    @Option(name: .long, help: "Reviewer name (default: the login name).")
    var reviewer: String?

    @Option(name: .long, help: "Samples per batch.")
    var batch: Int = 10

    @Option(name: .long, help: "Seconds before an unfinished claim returns to the pool.")
    var lease: Int = 1800

    @Flag(name: .long, help: "Give back this reviewer's unfinished claims instead.")
    var release = false

    func run() throws {
        let location = try storeOptions.requiredLocation()
        let data = try JournalCommandSupport.openDataset(dataset)
        let c = try StoreSupport.connect(location)
        defer { c.close() }
        let reg = try StoreSupport.registered(data, client: c, name: storeOptions.datasetName)
        let name = reviewer ?? Journal.defaultReviewer
        do {
            if release { try c.release(dataset: reg, reviewer: name); return }
            let got = try c.claim(dataset: reg, reviewer: name, batch: max(1, batch), leaseSeconds: max(1, lease))
            if got.isEmpty { throw WinnowExit.problemsFound }
            for i in got { JournalCommandSupport.say(String(i)) }
        } catch let e as StoreError { throw StoreSupport.fail(e) }
    }
}
