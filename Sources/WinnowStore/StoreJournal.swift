import Foundation
import WinnowCore

/// One reviewer's decisions kept in the team store, with the file journal's replay and a
/// local spool for when the server cannot be reached.
///
/// An entry is "saved" once its transaction has committed (the server runs with synchronous
/// commit on), or, when the server cannot be reached or a commit fails, once it is fsynced in
/// the spool; spooled entries are resent in order (idempotently: a line already in the store is
/// not inserted twice) at the next start, the next append after `retryInterval`, or by the
/// background task of the review screen. Sequence numbers are reserved from the server in
/// blocks, so two machines never use the same number for one reviewer; entries made offline
/// with no reserved number left get provisional numbers that are renumbered (undos included)
/// before they are sent.
public final class StoreJournal: DecisionStore, @unchecked Sendable {
    /// Provisional sequence numbers (offline, no reserved number left) start here.
    public static let provisionalBase = 1 << 50
    /// Numbers reserved per round trip to the server.
    public static let blockSize = 32

    public let location: StoreLocation
    public let reviewer: String
    public let spool: Spool
    private let dataset: Dataset
    private let datasetName: String?
    private let matchByID: Bool
    private let host = ClientHost.name
    private let lock = NSLock()
    private var client: StoreClient?
    private var registered: RegisteredDataset?
    private var replay: JournalReplay
    private var reserved: Range<Int> = 0..<0
    private var unsynced = 0
    private var lastAttempt = 0.0
    private var offlineReason: String?
    private var notes: [String] = []
    private var backgroundStop = false
    /// Seconds between reconnection attempts while offline.
    public var retryInterval = 1.0
    /// Whether `append` itself tries to reconnect while offline (the CLI); the review screen
    /// leaves that to `startBackgroundSync` so that no key waits on the network.
    public var reconnectsOnAppend = true
    /// libpq connect timeout (seconds) for reconnections.
    public var reconnectTimeout = 2

    private init(location: StoreLocation, dataset: Dataset, reviewer: String, datasetName: String?,
                 spoolPath: String, matchByID: Bool) {
        self.location = location
        self.dataset = dataset
        self.reviewer = reviewer
        self.datasetName = datasetName
        self.matchByID = matchByID
        self.spool = Spool(path: spoolPath, fingerprint: dataset.fingerprint)
        self.replay = JournalReplay(contents: JournalContents(path: location.redacted, entries: [], fingerprint: dataset.fingerprint),
                                    dataset: dataset, matchByID: matchByID)
    }

    deinit { close() }

    /// Opens `reviewer`'s session on `dataset`: connects, checks the schema and the dataset's
    /// fingerprint, resends what the spool holds, and replays the reviewer's entries. When the
    /// server cannot be reached it opens offline on the spool alone (`isOnline` false); a
    /// refused login, a missing or old schema or another dataset's fingerprint are errors.
    public static func open(location: StoreLocation, dataset: Dataset, reviewer: String, datasetName: String? = nil,
                            spoolPath: String? = nil, matchByID: Bool = false, connectTimeout: Int = 5) throws(StoreError) -> StoreJournal {
        let j = StoreJournal(location: location, dataset: dataset, reviewer: reviewer, datasetName: datasetName,
                             spoolPath: spoolPath ?? Spool.defaultPath(datasetPath: dataset.path, reviewer: reviewer),
                             matchByID: matchByID)
        j.lastAttempt = Self.now()
        do {
            let c = try StoreClient(location: location, connectTimeout: connectTimeout)
            try j.adopt(c)
        } catch {
            // A server that cannot be reached, or that drops the session while we open it
            // (shutting down, starting up), means offline; a refusal or a wrong schema does not.
            switch error {
            case .unreachable(_, let reason) where !StoreJournal.isRefusal(reason): break
            case .statement: break
            default: throw error
            }
            j.client = nil
            j.offlineReason = error.description
        }
        let spooled = try j.spool.entries()
        j.unsynced = spooled.count
        if j.client != nil { try j.syncLocked() }
        try j.reload()
        if let why = j.offlineReason {
            j.notes.append("offline: \(location.redacted) cannot be reached (\(why)); decisions are kept in \(j.spool.path) and sent when it answers")
        }
        return j
    }

    /// libpq's words for a server that answered and said no (as opposed to one not reached).
    static func isRefusal(_ reason: String) -> Bool {
        let r = reason.lowercased()
        return ["authentication failed", "password", "does not exist", "permission denied", "pg_hba.conf",
                "invalid uri", "invalid connection option", "invalid sslmode", "invalid port", "invalid integer"]
            .contains { r.contains($0) }
    }

    /// Checks schema and dataset on a new connection and makes it the session's.
    private func adopt(_ c: StoreClient) throws(StoreError) {
        try c.checkSchema()
        let reg = try c.find(dataset: dataset, name: datasetName)
        if let registered, registered.id != reg.id { throw .unknownDataset(location: location.redacted, name: reg.name, fingerprint: reg.fingerprint) }
        registered = reg
        client = c
        offlineReason = nil
    }

    /// Rebuilds the replay: the store's entries of this reviewer, then what is still spooled.
    private func reload() throws(StoreError) {
        var entries: [JournalEntry] = []
        var path = location.redacted
        if let client, let registered {
            let contents = try client.contents(dataset: registered, reviewer: reviewer)
            entries = contents.first?.items.map(\.entry) ?? []
            path = contents.first?.path ?? path
        }
        let onServer = Set(entries.map(\.sequence))
        entries += try spool.entries().filter { !onServer.contains($0.sequence) }
        replay = JournalReplay(contents: JournalContents(path: path, entries: entries, fingerprint: dataset.fingerprint),
                               dataset: dataset, matchByID: matchByID)
    }

    static func now() -> Double { Date().timeIntervalSince1970 }

    private func locked<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    // MARK: State

    /// Whether the last contact with the server succeeded.
    public var isOnline: Bool { locked { client != nil } }
    /// Entries saved in the spool and not yet in the store.
    public var unsyncedCount: Int { locked { unsynced } }
    /// The registered dataset (nil while never reached).
    public var registeredDataset: RegisteredDataset? { locked { registered } }
    /// `offline: N unsynced` while entries wait in the spool, else nil.
    public var syncStatus: String? {
        locked { unsynced > 0 ? "offline: \(unsynced) unsynced" : (client == nil ? "offline" : nil) }
    }

    public func review(at index: Int) -> SampleReview { locked { replay.review(at: index) } }
    public func latestUndoableEntry(at index: Int) -> JournalEntry? { locked { replay.latestUndoableEntry(at: index) } }
    public func isInForce(sequence: Int) -> Bool { locked { replay.isInForce(sequence: sequence) } }
    public func history(at index: Int) -> [JournalEntry] { locked { replay.history(at: index) } }
    public var decidedCount: Int { locked { replay.decidedCount } }
    public var entries: [JournalEntry] { locked { replay.entries } }
    public var reviews: [Int: SampleReview] { locked { replay.reviews } }
    public var problems: [String] { locked { notes + replay.issues.map(\.description) } }

    // MARK: Appending

    /// Appends one decision: committed in the store, or fsynced in the spool when the store
    /// cannot take it. Throws only when neither worked (or the decision itself is invalid).
    @discardableResult
    public func append(_ decision: Decision, index: Int) throws(JournalError) -> JournalEntry {
        try locked { () throws(JournalError) -> JournalEntry in
            var target = index
            if case .undo(let s) = decision {
                guard let i = replay.index(ofSequence: s) else {
                    throw .io(path: location.redacted, reason: "cannot undo entry \(s): there is no such live entry")
                }
                target = i
            }
            guard target >= 0, target < dataset.count else {
                throw .io(path: location.redacted, reason: "sample index \(target) is out of range (the dataset has \(dataset.count) samples)")
            }
            if case .edit(.turns(let turns), _) = decision, case .success(let sample) = dataset.sample(at: target),
               let bad = turns.keys.first(where: { $0 < 0 || $0 >= sample.turns.count }) {
                throw .io(path: location.redacted, reason: "sample \(target) has \(sample.turns.count) turns; there is no turn \(bad) to edit")
            }
            if client == nil && reconnectsOnAppend && Self.now() - lastAttempt >= retryInterval {
                reconnect()
                if client != nil, unsynced > 0 { _ = try? syncLocked() }
            }
            let make = { (seq: Int) in
                JournalEntry(sequence: seq, time: JournalLine.now(), reviewer: self.reviewer, index: target,
                             id: self.dataset.id(at: target) ?? "#\(target)", sampleHash: self.dataset.sampleHash(at: target),
                             decision: decision)
            }
            if let seq = nextReservedSequence() {
                let entry = make(seq)
                if sendOnline(entry) {
                    replay.apply(entry)
                    return entry
                }
                return try spoolEntry { _ in entry }
            }
            return try spoolEntry { spooled in
                let high = max(StoreJournal.provisionalBase - 1, spooled.map(\.sequence).max() ?? 0,
                               replay.entries.map(\.sequence).filter { $0 >= StoreJournal.provisionalBase }.max() ?? 0)
                return make(high + 1)
            }
        }
    }

    /// A reserved number (reserving a new block while online), or nil offline with none left.
    private func nextReservedSequence() -> Int? {
        if reserved.isEmpty, let client, let registered {
            do {
                let first = try client.reserveSequences(dataset: registered, reviewer: reviewer, count: Self.blockSize)
                reserved = first..<(first + Self.blockSize)
            } catch {
                goOffline(error)
            }
        }
        guard let seq = reserved.first else { return nil }
        reserved = reserved.dropFirst()
        return seq
    }

    /// Sends one entry; on a lost connection reconnects once and sends it again (harmless if
    /// the first commit went through). Returns false when the entry must be spooled.
    private func sendOnline(_ entry: JournalEntry) -> Bool {
        for attempt in 0..<2 {
            guard let client, let registered else { return false }
            do {
                // The last reserved number in use: the next block comes with this commit.
                let more = reserved.isEmpty ? Self.blockSize : 0
                let (_, first) = try client.send(entry, dataset: registered, host: host, reserving: more)
                if let first, more > 0 { reserved = first..<(first + more) }
                return true
            } catch {
                goOffline(error)
                if attempt == 0 { reconnect() }
            }
        }
        return false
    }

    private func spoolEntry(_ make: ([JournalEntry]) -> JournalEntry) throws(JournalError) -> JournalEntry {
        do {
            let entry = try spool.locked { () throws(StoreError) -> JournalEntry in
                let e = make(try spool.entries())
                try spool.append(e)
                return e
            }
            unsynced += 1
            replay.apply(entry)
            return entry
        } catch {
            throw .io(path: spool.path, reason: "the store could not take the entry and the spool could not be written: \(error.description)")
        }
    }

    private func goOffline(_ error: StoreError) {
        client?.close()
        client = nil
        offlineReason = error.description
        lastAttempt = Self.now()
    }

    private func reconnect() {
        lastAttempt = Self.now()
        do {
            let c = try StoreClient(location: location, connectTimeout: reconnectTimeout)
            try adopt(c)
        } catch {
            offlineReason = error.description
        }
    }

    // MARK: Resending

    /// Resends the spool now if the server answers; returns how many entries remain unsynced.
    @discardableResult
    public func sync() -> Int {
        // The connection is made before taking the lock, so appends never wait on a timeout.
        var fresh: StoreClient? = nil
        if !isOnline { fresh = try? StoreClient(location: location, connectTimeout: reconnectTimeout) }
        return locked {
            if client == nil, let fresh {
                do throws(StoreError) { try adopt(fresh) } catch { offlineReason = error.description }
            }
            lastAttempt = Self.now()
            if client != nil, unsynced > 0 { _ = try? syncLocked() }
            return unsynced
        }
    }

    /// Renumbers provisional entries, sends the spool in order and empties it.
    private func syncLocked() throws(StoreError) {
        guard let client, let registered else { return }
        var renumbered = false
        do {
            try spool.locked { () throws(StoreError) in
                var entries = try spool.entries()
                guard !entries.isEmpty else { unsynced = 0; return }
                let provisional = entries.filter { $0.sequence >= StoreJournal.provisionalBase }
                if !provisional.isEmpty {
                    let first = try client.reserveSequences(dataset: registered, reviewer: reviewer, count: provisional.count)
                    var map: [Int: Int] = [:]
                    for (i, e) in provisional.enumerated() { map[e.sequence] = first + i }
                    for i in entries.indices {
                        if let n = map[entries[i].sequence] { entries[i].sequence = n }
                        if case .undo(let t) = entries[i].decision, let n = map[t] { entries[i].decision = .undo(sequence: n) }
                    }
                    // Renumbered on disk before anything is sent, so a crash in between resends
                    // the same numbers (harmless) instead of numbering them twice.
                    try spool.replace(with: entries)
                    renumbered = true
                }
                var start = 0
                while start < entries.count {
                    let end = min(entries.count, start + 1000)
                    try client.send(batch: Array(entries[start..<end]), dataset: registered, host: host)
                    start = end
                }
                try spool.replace(with: [])
                unsynced = 0
            }
        } catch {
            if case .conflict = error { notes.append(error.description); throw error }
            if case .spool = error { throw error }
            goOffline(error)
            throw error
        }
        if renumbered { try reload() }
    }

    /// Resends in a background thread every `retryInterval` while anything is unsynced (the
    /// review screen); stops at `close()`.
    public func startBackgroundSync() {
        reconnectsOnAppend = false
        let t = Thread { [weak self] in
            while let s = self, !s.locked({ s.backgroundStop }) {
                if s.unsyncedCount > 0 || !s.isOnline { s.sync() }
                let interval = s.retryInterval
                Thread.sleep(forTimeInterval: interval)
            }
        }
        t.start()
    }

    /// Stops the background task and closes the connection (call `sync()` first for a last
    /// resend). Entries still unsynced stay in the spool (`unsyncedCount`, `spool.path`).
    public func close() {
        locked {
            backgroundStop = true
            client?.close()
            client = nil
        }
    }
}
