import ArgumentParser
import Foundation
import WinnowCore

/// `winnow report`: per reviewer, what they decided, how fast, how they agree, how accurate.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Per reviewer: decisions per kind and reason, pace, agreement, gold accuracy.",
        discussion: """
            Pace is the median of the seconds between a reviewer's consecutive decisions, \
            leaving out pauses over 5 minutes. Agreement with the others is Cohen's kappa and \
            percent agreement on the samples both judged. Accuracy on gold needs --gold. \
            JSON members: docs/teams.md.
            """
    )

    @Argument(help: "The dataset the journals were written for.")
    var dataset: String

    @Option(name: .long, help: "A reviewer's journal (repeat).")
    var journal: [String] = []

    @Option(name: .long, help: "Compare the decision only, or decision + reasons.")
    var on: LabelBasis = .reasons

    @Option(name: .long, help: "Reference answers (decide --from format).")
    var gold: String?

    @Flag(name: .long, help: "Print one JSON object on stdout.")
    var json = false

    @OptionGroup var datasetArguments: DatasetArguments

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let (data, team) = try TeamCommandSupport.load(dataset: dataset, journals: journal, minimum: 1, command: "report", arguments: datasetArguments, store: storeOptions)
        let goldSet = try gold.map { try TeamCommandSupport.gold($0, dataset: data, command: "report") }
        let report = ReviewerReport(team.reviewers, on: on, gold: goldSet?.reviews)
        if json {
            JournalCommandSupport.say(report.json)
        } else {
            JournalCommandSupport.say(report.text(sanitize: JournalCommandSupport.sanitize))
        }
    }
}
