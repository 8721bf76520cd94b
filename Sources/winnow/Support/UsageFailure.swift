import ArgumentParser
import Foundation

/// A bad argument found only once the dataset is open (an index out of range): reported like
/// ArgumentParser's own usage errors but naming the subcommand, whose usage ArgumentParser
/// cannot show for errors thrown from `run()` (it prints the root `winnow <subcommand>`).
enum UsageFailure {
    /// Prints `winnow COMMAND: error: MESSAGE` and a pointer to the help; returns exit 64.
    static func report(_ command: String, _ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("winnow \(command): error: \(VisibleText.sanitize(message))\nSee 'winnow \(command) --help'.\n".utf8))
        return WinnowExit.usage
    }
}
