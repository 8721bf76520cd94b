import ArgumentParser

/// `winnow journal`: inspect journals.
struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Check or list a decision journal.",
        subcommands: [JournalCheckCommand.self, JournalLogCommand.self]
    )
}
