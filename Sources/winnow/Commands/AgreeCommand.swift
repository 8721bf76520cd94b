import ArgumentParser
import Foundation
import WinnowCore

/// `winnow agree`: how far reviewers agree, from their journals.
struct AgreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agree",
        abstract: "Agreement between reviewers: percent agreement, Cohen, Fleiss, Krippendorff, Gwet.",
        discussion: """
            A reviewer's label is their final state after replay: accept (edited samples count \
            as accepted), or reject with its reasons; skipped and undecided samples are no \
            judgment. Each figure says how many samples it rests on; samples judged by one \
            reviewer only count for nothing in pairwise figures and are listed. Also: Cohen's \
            kappa and a confusion table per pair, Krippendorff's alpha per reason (yes/no), and \
            for samples two reviewers both edited, the exact-match rate and the mean normalised \
            grapheme edit distance. --gold gives each reviewer's accuracy and kappa against \
            reference answers; a journal holding rulings (winnow adjudicate) is taken as the \
            adjudicated result. JSON members: docs/teams.md.

            Exit codes: 0 figures printed, 64 fewer than two reviewer journals, 65 bad input \
            (a journal of another dataset, a bad gold line).
            """
    )

    @Argument(help: "The dataset the journals were written for.")
    var dataset: String

    @Option(name: .long, help: "A reviewer's journal (repeat, two or more; an adjudicator's journal too).")
    var journal: [String] = []

    @Option(name: .long, help: "Compare the decision only, or decision + reasons.")
    var on: LabelBasis = .reasons

    @Option(name: .long, help: "Reference answers (decide --from format) to score each reviewer against.")
    var gold: String?

    @Flag(name: .long, help: "Print one JSON object on stdout.")
    var json = false

    @OptionGroup var datasetArguments: DatasetArguments

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let (data, team) = try TeamCommandSupport.load(dataset: dataset, journals: journal, command: "agree", arguments: datasetArguments, store: storeOptions)
        let goldSet = try gold.map { try TeamCommandSupport.gold($0, dataset: data, command: "agree") }
        let report = AgreementReport(team.reviewers, on: on, original: TeamCommandSupport.original(data),
                                     gold: goldSet?.reviews, rulings: team.adjudicator?.rulings)
        if json {
            JournalCommandSupport.say(report.json)
        } else {
            JournalCommandSupport.say(report.text(sanitize: JournalCommandSupport.sanitize))
        }
    }
}
