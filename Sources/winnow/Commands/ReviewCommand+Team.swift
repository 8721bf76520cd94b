import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore
import WinnowUI

/// `review --assigned [--batch N] [--lease SECONDS]`: review work claimed from the store.
struct AssignedReviewOptions: ParsableArguments {
    @Flag(name: .long, help: "Review work claimed from the store's pool (winnow assign --store), batch by batch.")
    var assigned = false

    @Option(name: .long, help: "With --assigned: samples per claimed batch.")
    var batch: Int = 10

    @Option(name: .long, help: "With --assigned: seconds an idle batch stays claimed before it returns to the pool.")
    var lease: Int = 1800

    func validate() throws {
        if batch < 1 { throw ValidationError("--batch must be at least 1") }
        if lease < 10 { throw ValidationError("--lease must be at least 10 seconds") }
    }
}

extension ReviewCommand {
    /// Refuses `--assigned` without a store, read-only, or with another choice of samples.
    func checkAssigned(store: StoreLocation?) throws {
        guard assignedOptions.assigned else { return }
        if store == nil {
            JournalCommandSupport.warn("winnow: --assigned claims work from the team store: give --store postgres://USER@HOST:PORT/DATABASE or WINNOW_STORE")
            throw WinnowExit.usage
        }
        if readOnly {
            JournalCommandSupport.warn("winnow: --assigned claims work to decide; it cannot be --read-only")
            throw WinnowExit.usage
        }
        if plan != nil || sample != nil || shard != nil {
            JournalCommandSupport.warn("winnow: --assigned takes its samples from the store's pool; drop --plan / --sample / --shard")
            throw WinnowExit.usage
        }
    }

    /// The team session of a review on the store: progress for the status row and, with
    /// `--assigned`, the first batch claimed before the screen opens.
    func startTeam(_ journal: StoreJournal, location: StoreLocation, dataset: Dataset, reviewer: String) throws -> TeamSession {
        let assignment = assignedOptions.assigned
            ? TeamSession.Assignment(batch: assignedOptions.batch, leaseSeconds: assignedOptions.lease) : nil
        let session = TeamSession(location: location, dataset: dataset, datasetName: storeOptions.datasetName,
                                  reviewer: reviewer, journal: journal, assignment: assignment)
        let first: TeamSession.Snapshot
        do { first = try session.claimNow() } catch { throw StoreSupport.fail(error) }
        if assignment != nil, !first.offline, first.poolEmpty {
            JournalCommandSupport.warn("winnow: no assigned work left for '\(JournalCommandSupport.sanitize(reviewer))' in \(location.redacted) (every sample has its reviewers, or is claimed by others)")
            throw WinnowExit.problemsFound
        }
        return session
    }
}

/// The team session as the review screen's `TeamFeed`.
final class TeamSessionFeed: TeamFeed {
    let session: TeamSession
    init(_ session: TeamSession) { self.session = session }

    func current() -> TeamView {
        let s = session.snapshot
        return TeamView(queue: s.queue, generation: s.generation, done: s.done, total: s.total,
                        unsynced: s.unsynced, offline: s.offline, poolEmpty: s.poolEmpty)
    }
}

/// Tells the team session about each key, so leases are renewed while the reviewer works
/// and an idle batch returns to the pool.
final class ActivityNotingApp: TerminalApp {
    private let inner: any TerminalApp
    private let session: TeamSession

    init(_ inner: any TerminalApp, session: TeamSession) {
        self.inner = inner
        self.session = session
    }

    func handle(_ event: InputEvent) -> Effect {
        switch event {
        case .key, .paste: session.noteActivity()
        case .resize: break
        }
        return inner.handle(event)
    }
    func render(width: Int, height: Int) -> ScreenGrid { inner.render(width: width, height: height) }
    func rawFrame(width: Int, height: Int) -> [UInt8]? { inner.rawFrame(width: width, height: height) }
    func externalProgramFinished(_ program: ExternalProgram, exitStatus: Int32) -> Effect {
        inner.externalProgramFinished(program, exitStatus: exitStatus)
    }
    func tick() -> Effect { inner.tick() }
}
