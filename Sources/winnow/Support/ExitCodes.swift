import ArgumentParser

/// Exit codes shared by every subcommand (documented in `--help` and the README).
enum WinnowExit {
    /// Everything went well.
    static let success = ExitCode(0)
    /// The command ran but found problems (validate found issues, merge found conflicts,
    /// journal check found damage, search matched nothing, with or without --count).
    static let problemsFound = ExitCode(1)
    /// Bad usage: unknown option, bad argument (ArgumentParser's own code).
    static let usage = ExitCode(64)
    /// An input could not be opened or is unusable as a whole.
    static let badInput = ExitCode(65)
    /// The journal is locked by another process or cannot be written.
    static let journalUnavailable = ExitCode(75)
    /// An output could not be written.
    static let cannotWrite = ExitCode(73)
}
