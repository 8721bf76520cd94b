import ArgumentParser

/// `winnow store assign`: the same command as `winnow assign --store` (one implementation,
/// `AssignArguments.runInStore`), kept under `store` where the other store set-up lives.
struct StoreAssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Put a dataset's samples in the store's work pool, each for OVERLAP distinct reviewers (= winnow assign --store).",
        discussion: """
            Reviewers then claim small batches (winnow review --store URL --assigned, or \
            winnow team claim): a batch left unfinished past its lease returns to the pool; a \
            reviewer never gets a sample twice. Exit codes: 0 done, 64 bad numbers, 65 bad \
            input, 75 the store cannot be reached.
            """
    )

    @OptionGroup var arguments: AssignArguments

    func run() throws { try arguments.run(storeRequired: true) }
}
