import ArgumentParser
import Foundation
import WinnowCore
import WinnowUI

/// The safe points where a command notices that its memory-mapped dataset was truncated or
/// rewritten by another process (the SIGBUS guard in CMappedGuard keeps such reads from
/// killing the process; what they return is then garbage, so the command must stop).
enum DatasetChangeCheck {
    /// Prints "the dataset changed on disk while it was open" and exits 65 when it did.
    static func stopIfChanged(_ dataset: Dataset) throws {
        guard dataset.changedOnDisk else { return }
        FileHandle.standardError.write(Data("winnow: \(VisibleText.sanitize(dataset.path)): \(Dataset.changedOnDiskMessage); stopped (what was printed before this line may be incomplete or wrong); run the command again\n".utf8))
        throw ExitCode(WinnowExit.badInput.rawValue)
    }
}

/// Wraps the review app so that the screen quits at the next key or idle tick (about 100 ms)
/// once the dataset changed on disk; `ReviewCommand` then says why.
final class DatasetChangeWatchingApp: TerminalApp {
    private let inner: any TerminalApp
    private let dataset: Dataset

    init(_ inner: any TerminalApp, dataset: Dataset) {
        self.inner = inner
        self.dataset = dataset
    }

    func handle(_ event: InputEvent) -> Effect { dataset.changedOnDisk ? .quit : inner.handle(event) }
    func render(width: Int, height: Int) -> ScreenGrid { inner.render(width: width, height: height) }
    func rawFrame(width: Int, height: Int) -> [UInt8]? { inner.rawFrame(width: width, height: height) }
    func externalProgramFinished(_ program: ExternalProgram, exitStatus: Int32) -> Effect {
        inner.externalProgramFinished(program, exitStatus: exitStatus)
    }
    func tick() -> Effect { dataset.changedOnDisk ? .quit : inner.tick() }
}
