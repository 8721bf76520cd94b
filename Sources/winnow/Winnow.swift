import ArgumentParser
import WinnowCore

@main
struct Winnow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winnow",
        abstract: "Review vision-language instruction data sample by sample.",
        discussion: """
            With no subcommand, `winnow [FILE]` opens the review screen (the bundled demo \
            dataset when no FILE is given). Decisions go at once to an append-only journal \
            beside the dataset (FILE.winnow.jsonl); the dataset itself is never written.

            Exit codes: 0 success; 1 the command ran and found problems (validate found \
            issues, merge found conflicts, journal check found damage, search matched nothing); \
            64 bad usage; 65 an input could not be opened or is unusable; 73 an output could \
            not be written; 75 the journal is locked by another process or not writable.
            """,
        subcommands: [
            ReviewCommand.self, SearchCommand.self,
            StatsCommand.self, ValidateCommand.self, ShowCommand.self,
            MergeCommand.self, DecideCommand.self, JournalCommand.self, KeymapCommand.self,
            DiffCommand.self, LintCommand.self, OcrCommand.self,
            StoreCommand.self, TeamCommand.self,
            AssignCommand.self, AgreeCommand.self, AdjudicateCommand.self, ReportCommand.self,
        ],
        defaultSubcommand: ReviewCommand.self
    )

    /// Chooses a UTF-8 locale for the process before any command runs (see `TerminalLocale`).
    static func main() {
        TerminalLocale.adopt()
        main(Array(CommandLine.arguments.dropFirst()))
    }
}
