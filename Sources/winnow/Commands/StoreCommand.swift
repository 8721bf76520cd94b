import ArgumentParser

/// `winnow store`: set up and move entries in and out of the team store.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Set up the PostgreSQL team store and move journals in and out of it (docs/store.md).",
        subcommands: [StoreInitCommand.self, StorePushCommand.self, StorePullCommand.self, StoreSyncCommand.self,
                      StoreAssignCommand.self]
    )
}
