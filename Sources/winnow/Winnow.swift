import ArgumentParser
import WinnowCore

@main
struct Winnow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winnow",
        abstract: "Review vision-language instruction data sample by sample.",
        subcommands: [
            StatsCommand.self, ValidateCommand.self, ShowCommand.self,
            MergeCommand.self, DecideCommand.self, JournalCommand.self, KeymapCommand.self,
            LintCommand.self,
        ]
    )

    func run() throws {
        print("winnow: skeleton (\(EmbeddedDemo.files.count) demo files)")
    }
}
