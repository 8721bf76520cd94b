import Foundation
import WinnowCore

/// The review screen's link to the team: the team's progress and, for `review --assigned`,
/// the reviewer's claimed work. A background thread with its own connection does every round
/// trip; `snapshot` only reads what it found, so the screen never waits on the network.
///
/// Work is claimed in batches (`StoreClient.claim`, `SKIP LOCKED`); the next batch is claimed
/// once every sample of the queue has a decision in the reviewer's journal. Leases are renewed
/// only while the reviewer is active (`noteActivity`), so a batch left idle past its lease
/// returns to the pool; a claim lost that way (another reviewer took it) leaves the queue
/// unless it was decided. `stop(release:)` gives the unfinished claims back at once.
public final class TeamSession: @unchecked Sendable {
    /// What the background task last found.
    public struct Snapshot: Sendable, Equatable {
        /// The claimed samples in the order to walk (nil without assigned work).
        public var queue: [Int]?
        /// Changes whenever `queue` does.
        public var generation = 0
        /// Team progress: reviews done of reviews assigned (with an assignment), else samples
        /// decided by someone of all samples. Nil until first read.
        public var done: Int?
        public var total: Int?
        /// Whether `done`/`total` count assigned reviews (true) or samples (false).
        public var countsAssignedReviews = false
        /// Entries waiting in the spool, and whether the store answers.
        public var unsynced = 0
        public var offline = false
        /// Assigned work: the pool had nothing more for this reviewer at the last claim.
        public var poolEmpty = false
    }

    /// Claim sizes for `review --assigned`.
    public struct Assignment: Sendable, Equatable {
        public var batch: Int
        public var leaseSeconds: Int
        public init(batch: Int, leaseSeconds: Int) {
            self.batch = max(1, batch)
            self.leaseSeconds = max(1, leaseSeconds)
        }
    }

    private let location: StoreLocation
    private let dataset: Dataset
    private let datasetName: String?
    private let reviewer: String
    private let journal: StoreJournal
    private let assignment: Assignment?
    private let lock = NSLock()
    private var state = Snapshot()
    private var stopping = false
    private var lastActivity = 0.0
    private var running: Thread?
    private let finished = DispatchSemaphore(value: 0)
    /// Only the background thread (or `claimNow` before it starts) uses these.
    private var client: StoreClient?
    private var registered: RegisteredDataset?
    private var lastRenew = 0.0
    private var lastProgress = -Double.infinity
    private var lastConnect = -Double.infinity
    private var emptyClaimAt: Double?
    private var progressCost = 0.0

    /// Seconds between looks at the queue (is the batch done?).
    public var pollInterval = 0.25
    /// Seconds between team progress reads (at least; longer when the count is slow).
    public var progressInterval = 3.0
    /// How many times the last count's own duration to wait at least before the next one.
    public var progressCostFactor = 100.0
    /// Seconds between connection attempts while the store does not answer.
    public var reconnectInterval = 2.0

    public init(location: StoreLocation, dataset: Dataset, datasetName: String? = nil, reviewer: String,
                journal: StoreJournal, assignment: Assignment? = nil) {
        self.location = location
        self.dataset = dataset
        self.datasetName = datasetName
        self.reviewer = reviewer
        self.journal = journal
        self.assignment = assignment
        if assignment != nil { state.queue = [] }
        lastActivity = Self.now()
    }

    deinit { stopThread() }

    static func now() -> Double { Date().timeIntervalSince1970 }

    private func locked<R>(_ body: () -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    /// The latest state (never waits on the network).
    public var snapshot: Snapshot { locked { state } }

    /// The reviewer did something: leases are renewed while they work.
    public func noteActivity() { locked { lastActivity = Self.now() } }

    /// Claims the first batch (and reads the progress) now, on the calling thread: for the
    /// shell before the screen opens. A store that does not answer is not an error (the
    /// background task keeps trying); a refusal is.
    @discardableResult
    public func claimNow() throws(StoreError) -> Snapshot {
        try connectIfNeeded(force: true)
        step(now: Self.now())
        return snapshot
    }

    /// Starts the background task.
    public func start() {
        guard running == nil else { return }
        let t = Thread { [weak self] in
            while let s = self, !s.locked({ s.stopping }) {
                let interval = s.pollInterval
                s.step(now: Self.now())
                Thread.sleep(forTimeInterval: interval)
            }
            self?.finished.signal()
        }
        running = t
        t.start()
    }

    /// Stops the background task (waiting at most `wait` seconds for a round trip in flight)
    /// and, with `release`, gives back the claims not decided yet (a decided sample whose entry
    /// still waits in the spool keeps its claim until the resend marks it done).
    public func stop(release: Bool, wait: Double = 3) {
        stopThread(wait: wait)
        guard release, let queue = locked({ state.queue }) else { return }
        guard let c = try? StoreClient(location: location, connectTimeout: 2) else { return }
        defer { c.close() }
        guard let reg = try? c.find(dataset: dataset, name: datasetName) else { return }
        let decided = queue.filter { journal.review(at: $0).status != .undecided }
        try? c.release(dataset: reg, reviewer: reviewer, keeping: decided)
    }

    private func stopThread(wait: Double = 0) {
        let wasRunning = locked { () -> Bool in
            let r = !stopping && running != nil
            stopping = true
            return r
        }
        if wasRunning && wait > 0 { _ = finished.wait(timeout: .now() + wait) }
    }

    // MARK: The background task

    private func connectIfNeeded(force: Bool = false) throws(StoreError) {
        guard client == nil else { return }
        let t = Self.now()
        guard force || t - lastConnect >= reconnectInterval else { return }
        lastConnect = t
        do {
            let c = try StoreClient(location: location, connectTimeout: 2)
            try c.checkSchema()
            registered = try c.find(dataset: dataset, name: datasetName)
            client = c
        } catch {
            switch error {
            case .unreachable(_, let reason) where !StoreJournal.isRefusal(reason): break
            case .statement: break
            default: if force { throw error }
            }
        }
    }

    /// One round: reconnect if needed, claim or renew, read the progress.
    private func step(now t: Double) {
        try? connectIfNeeded()
        let unsynced = journal.unsyncedCount
        let journalOnline = journal.isOnline
        guard let c = client, let reg = registered else {
            locked {
                state.offline = true
                state.unsynced = unsynced
            }
            return
        }
        do {
            if let assignment { try work(c, reg, assignment, now: t) }
            if t - lastProgress >= max(progressInterval, progressCost * progressCostFactor) {
                lastProgress = t
                let asked = Self.now()
                let p = try c.teamProgress(dataset: reg)
                // Counting a big store's rows takes server time that every reviewer's screen
                // asks for: a count that took 100 ms is asked again only after 10 s (the factor).
                progressCost = Self.now() - asked
                locked {
                    state.done = p.done
                    state.total = p.total
                    state.countsAssignedReviews = p.assigned
                }
            }
            locked {
                state.offline = !journalOnline
                state.unsynced = unsynced
            }
        } catch {
            c.close()
            client = nil
            locked {
                state.offline = true
                state.unsynced = unsynced
            }
        }
    }

    /// Claims the next batch when the queue is all decided; renews the leases while the
    /// reviewer is active; drops lost claims from the queue.
    private func work(_ c: StoreClient, _ reg: RegisteredDataset, _ a: Assignment, now t: Double) throws(StoreError) {
        let (queue, active) = locked { (state.queue ?? [], lastActivity) }
        let isDecided = { (i: Int) in self.journal.review(at: i).status != .undecided }
        var held: [Int]? = nil
        if queue.allSatisfy(isDecided) {
            // An empty pool is asked again only after the reviewer did something since.
            if emptyClaimAt.map({ active > $0 }) ?? true {
                let got = try c.claim(dataset: reg, reviewer: reviewer, batch: a.batch, leaseSeconds: a.leaseSeconds)
                lastRenew = t
                emptyClaimAt = got.isEmpty ? t : nil
                locked { state.poolEmpty = got.isEmpty }
                held = got
            }
        } else if active > lastRenew, t - lastRenew >= Double(a.leaseSeconds) / 3 {
            held = try c.renew(dataset: reg, reviewer: reviewer, leaseSeconds: a.leaseSeconds)
            lastRenew = t
        }
        guard let held else { return }
        let heldSet = Set(held)
        var next = queue.filter { heldSet.contains($0) || isDecided($0) }
        let present = Set(next)
        next += held.filter { !present.contains($0) }
        locked {
            if next != state.queue {
                state.queue = next
                state.generation += 1
            }
        }
    }
}
