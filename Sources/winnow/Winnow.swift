import ArgumentParser
import WinnowCore

@main
struct Winnow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winnow",
        abstract: "Review vision-language instruction data sample by sample.",
        subcommands: [
            ReviewCommand.self, SearchCommand.self,
            StatsCommand.self, ValidateCommand.self, ShowCommand.self,
            MergeCommand.self, DecideCommand.self, JournalCommand.self, KeymapCommand.self,
        ],
        defaultSubcommand: ReviewCommand.self
    )
}
