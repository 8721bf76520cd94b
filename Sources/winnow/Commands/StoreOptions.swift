import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

/// `--store URL` (or `WINNOW_STORE`): use the team store instead of journal files.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The team store: postgres://USER@HOST:PORT/DATABASE (default: $WINNOW_STORE).",
        discussion: "Credentials follow libpq: PGPASSWORD or ~/.pgpass; a socket folder as host=/path or percent-encoded."))
    var store: String?

    @Option(name: .customLong("dataset-name"), help: "The dataset's name in the store (default: its file name).")
    var datasetName: String?

    /// The store to use, or nil for journal files.
    func location(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> StoreLocation? {
        guard let text = store ?? environment[StoreLocation.environmentKey].flatMap({ $0.isEmpty ? nil : $0 }) else { return nil }
        do { return try StoreLocation(text) } catch {
            StoreSupport.warn(error)
            throw WinnowExit.usage
        }
    }

    /// The store, required.
    func requiredLocation() throws -> StoreLocation {
        guard let l = try location() else {
            JournalCommandSupport.warn("winnow: give the store with --store postgres://USER@HOST:PORT/DATABASE or WINNOW_STORE")
            throw WinnowExit.usage
        }
        return l
    }
}

/// Messages and exit codes for store errors.
enum StoreSupport {
    static func warn(_ error: StoreError) {
        JournalCommandSupport.warn("winnow: " + JournalCommandSupport.sanitizeLines(error.description))
    }

    /// Reports `error` and returns the exit code for it.
    static func fail(_ error: StoreError) -> ExitCode {
        warn(error)
        switch error {
        case .badLocation: return WinnowExit.usage
        case .unreachable, .statement: return WinnowExit.journalUnavailable
        case .noSchema, .schemaVersion, .unknownDataset, .fingerprintMismatch: return WinnowExit.badInput
        case .spool: return WinnowExit.cannotWrite
        case .conflict: return WinnowExit.problemsFound
        }
    }

    /// Connects and checks the schema.
    static func connect(_ location: StoreLocation) throws -> StoreClient {
        do {
            let c = try StoreClient(location: location)
            try c.checkSchema()
            return c
        } catch { throw fail(error) }
    }

    /// The registration of `dataset`, checked by fingerprint.
    static func registered(_ dataset: Dataset, client: StoreClient, name: String?) throws -> RegisteredDataset {
        do { return try client.find(dataset: dataset, name: name) } catch { throw fail(error) }
    }

    /// Says where unsynced entries wait, if any.
    static func reportUnsynced(_ j: StoreJournal) {
        let n = j.unsyncedCount
        guard n > 0 else { return }
        JournalCommandSupport.warn("winnow: offline: \(n) unsynced \(n == 1 ? "entry" : "entries") kept in \(JournalCommandSupport.sanitize(j.spool.path)); "
            + "they are sent at the next start (or run `winnow store sync`)")
    }
}
