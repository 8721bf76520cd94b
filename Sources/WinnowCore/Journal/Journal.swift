import Foundation

// The public API of the journal, which the front end builds against (signatures may grow but
// not break). The line format is written down in docs/journal.md; the pieces live beside this
// file: JournalCodec (lines and checksums), JournalReader (reading without a lock),
// JournalReplay/JournalState (matching and folding), JournalLock (the one-writer lock).

/// One saved journal entry.
public struct JournalEntry: Sendable, Equatable {
    public var sequence: Int
    /// ISO 8601 UTC time of writing.
    public var time: String
    public var reviewer: String
    public var index: Int
    public var id: String
    public var sampleHash: String
    public var decision: Decision
    /// Set when this entry is an adjudicator's ruling (`winnow adjudicate`).
    public var ruling: Ruling?

    public init(sequence: Int, time: String, reviewer: String, index: Int, id: String,
                sampleHash: String, decision: Decision, ruling: Ruling? = nil) {
        self.sequence = sequence
        self.time = time
        self.reviewer = reviewer
        self.index = index
        self.id = id
        self.sampleHash = sampleHash
        self.decision = decision
        self.ruling = ruling
    }
}

/// Why a journal could not be opened or written.
public enum JournalError: Error, Sendable, Equatable, CustomStringConvertible {
    case notWritable(path: String, reason: String)
    case locked(path: String, holderPID: Int32, holderHost: String)
    case io(path: String, reason: String)
    case invalid(path: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .notWritable(let path, let reason): return "\(path): cannot write the journal: \(reason); choose another place with --journal PATH"
        case .locked(let path, let pid, let host): return "\(path): the journal is open for writing by process \(pid) on \(host)"
        case .io(let path, let reason): return "\(path): \(reason)"
        case .invalid(let path, let line, let reason): return "\(path):\(line): \(reason)"
        }
    }
}

/// The append-only sidecar journal of one reviewer session.
///
/// Opening for writing takes the journal's one-writer lock, sets aside a torn last line (into
/// `<journal>.torn-<time>`) and replays the rest; `append` returns only once the entry is on
/// disk. Opening read-only takes no lock and changes nothing. Safe to use from several threads.
public final class Journal: @unchecked Sendable {
    public enum Mode: Sendable { case readWrite, readOnly }

    public let path: String
    public let reviewer: String
    public let mode: Mode
    private let dataset: Dataset?
    private let mutex = Mutex()
    private var fd: Int32 = -1
    private var lock: JournalLock?
    private var replay = JournalReplay()
    private var nextSequence = 1
    private var readProblems: [JournalIssue] = []
    private let io: any FileCalls
    /// The journal's length up to the end of its last line that was written and fsynced: a
    /// failed write is cut back to here, so the next line never glues onto a fragment.
    private var goodLength = 0
    /// Set when a failed write could not be cut back: the file ends in a fragment we could not
    /// remove, so no further line may be appended after it.
    private var refusal: String?

    init(path: String, reviewer: String) {
        self.path = path
        self.reviewer = reviewer
        self.mode = .readOnly
        self.dataset = nil
        self.io = SystemFileCalls.shared
    }

    private init(path: String, reviewer: String, mode: Mode, dataset: Dataset, io: any FileCalls) {
        self.path = path
        self.reviewer = reviewer
        self.mode = mode
        self.dataset = dataset
        self.io = io
    }

    deinit { close() }

    /// `<dataset file>.winnow.jsonl`.
    public static func defaultPath(forDataset datasetPath: String) -> String {
        datasetPath + ".winnow.jsonl"
    }

    /// The reviewer name used when none is given: the login name.
    public static var defaultReviewer: String { JournalIO.loginName() }

    /// Opens (creating if needed, in `.readWrite`) the journal for `dataset` and replays it.
    ///
    /// In `.readWrite` this takes the one-writer lock (`.locked` names the holder), moves a
    /// torn last line aside into `<journal>.torn-<time>` and truncates the journal to its last
    /// good line; `problems` says so. A new dataset fingerprint gets a new header line.
    public static func open(path: String, dataset: Dataset, reviewer: String, mode: Mode,
                            matchByID: Bool = false) throws(JournalError) -> Journal {
        try open(path: path, dataset: dataset, reviewer: reviewer, mode: mode, matchByID: matchByID, io: SystemFileCalls.shared)
    }

    /// `open` with the file calls to use (tests pass a double that injects failures).
    package static func open(path: String, dataset: Dataset, reviewer: String, mode: Mode,
                             matchByID: Bool = false, io: any FileCalls) throws(JournalError) -> Journal {
        let j = Journal(path: path, reviewer: reviewer.isEmpty ? defaultReviewer : reviewer, mode: mode, dataset: dataset, io: io)
        switch mode {
        case .readOnly:
            let contents = try JournalIO.exists(path) ? JournalReader.read(path: path) : JournalContents(path: path)
            j.load(contents, matchByID: matchByID)
        case .readWrite:
            try j.openForWriting(matchByID: matchByID)
        }
        return j
    }

    private func openForWriting(matchByID: Bool) throws(JournalError) {
        guard let dataset else { return }
        let dir = JournalIO.directory(of: path)
        if !JournalIO.exists(path) && !JournalIO.isWritableDirectory(dir) {
            throw .notWritable(path: path, reason: JournalIO.unwritableFolderReason(dir))
        }
        let lock = try JournalLock.acquire(journal: path)
        let existed = JournalIO.exists(path)
        let fd = io.open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let err = errno
            lock.release()
            if err == EACCES || err == EROFS || err == EPERM {
                throw .notWritable(path: path, reason: JournalIO.errorText(err))
            }
            throw .io(path: path, reason: "cannot open: \(JournalIO.errorText(err))")
        }
        self.fd = fd
        self.lock = lock
        // A new journal's name must survive a crash too, not only its bytes.
        if !existed { JournalIO.fsyncDirectory(of: path) }
        do throws(JournalError) {
            let bytes = try JournalIO.readAll(fd: fd, path: path)
            try JournalReader.checkIsJournal(bytes, path: path)
            var contents = bytes.withUnsafeBytes { JournalReader.parse($0, path: path) }
            // Appending to a journal of a format this build does not know would mix formats.
            try JournalReader.checkVersion(contents)
            goodLength = contents.goodLength
            if contents.hasTornTail {
                let aside = try setAsideTail(bytes, from: contents.goodLength)
                for i in contents.issues.indices where contents.issues[i].kind == .torn {
                    contents.issues[i].message += "; moved to \(aside) and the journal truncated to its last good line"
                }
            }
            load(contents, matchByID: matchByID)
            if contents.headers.last?.fingerprint != dataset.fingerprint {
                try writeLine(JournalCodec.encode(JournalHeader(fingerprint: dataset.fingerprint, created: JournalIO.nowISO8601())))
            }
        } catch {
            close()
            throw error
        }
    }

    /// Copies the bytes after `goodLength` into `<journal>.torn-<time>` (fsynced), then cuts the
    /// journal back to `goodLength`.
    private func setAsideTail(_ bytes: [UInt8], from goodLength: Int) throws(JournalError) -> String {
        var aside = path + ".torn-" + JournalIO.fileStamp()
        var afd = Glibc.open(aside, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        var n = 1
        while afd < 0 && errno == EEXIST && n < 1000 {
            n += 1
            aside = path + ".torn-" + JournalIO.fileStamp() + "-\(n)"
            afd = Glibc.open(aside, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard afd >= 0 else { throw .io(path: path, reason: "cannot set aside the torn end into \(aside): \(JournalIO.errorText())") }
        defer { Glibc.close(afd) }
        try JournalIO.writeAll(fd: afd, bytes[goodLength...], path: aside, io: io)
        try JournalIO.fsync(fd: afd, path: aside, io: io)
        JournalIO.fsyncDirectory(of: aside)
        guard io.ftruncate(fd, goodLength) == 0 else {
            throw .io(path: path, reason: "cannot truncate the torn end: \(JournalIO.errorText())")
        }
        try JournalIO.fsync(fd: fd, path: path, io: io)
        return aside
    }

    private func load(_ contents: JournalContents, matchByID: Bool) {
        guard let dataset else { return }
        readProblems = contents.issues
        replay = JournalReplay(contents: contents, dataset: dataset, matchByID: matchByID)
        // lastSequence is at most JournalCodec.maxSequence (the reader refuses larger ones), so
        // this cannot overflow.
        nextSequence = contents.lastSequence + 1
    }

    private func writeLine(_ line: [UInt8]) throws(JournalError) {
        guard fd >= 0 else { throw .io(path: path, reason: "the journal is not open for writing") }
        if let refusal { throw .io(path: path, reason: refusal) }
        // One write(2) of the whole line on an O_APPEND descriptor, then fsync: after a crash
        // the line is either all there or a torn tail that the next opening sets aside.
        do throws(JournalError) {
            try JournalIO.writeAll(fd: fd, line[...], path: path, io: io)
            try JournalIO.fsync(fd: fd, path: path, io: io)
        } catch {
            throw cutBack(after: error)
        }
        goodLength += line.count
    }

    /// After a failed write or fsync, cuts the file back to its last good line so that a
    /// fragment never stays in front of the next line (which would then read as damaged), and
    /// says that the line was not saved. When even that fails, the journal refuses every later
    /// line: appending after a fragment we cannot remove would corrupt the next entry too.
    private func cutBack(after error: JournalError) -> JournalError {
        let what: String
        if case .io(_, let reason) = error { what = reason } else { what = error.description }
        // fsync after the truncate: a failed fsync may have left dirty pages of the fragment
        // that a later writeback would otherwise put back on disk past the new end.
        if io.ftruncate(fd, goodLength) == 0, io.fsync(fd) == 0 {
            return .io(path: path, reason: "\(what); NOT saved (the journal was cut back to its last good line and stays usable)")
        }
        let cause = JournalIO.errorText()
        let message = "the journal no longer accepts decisions: a write failed (\(what)) and cutting it back to its last good line failed too (\(cause)); free space or fix the disk, then reopen it (the next opening sets the fragment aside)"
        refusal = message
        return .io(path: path, reason: "\(what); NOT saved; " + message)
    }

    /// Appends one decision; returns only after the entry is written and fsynced, so the
    /// caller may then say "saved".
    ///
    /// For `.undo(sequence:)` the entry is recorded on the undone entry's sample, whatever
    /// `index` says.
    @discardableResult
    public func append(_ decision: Decision, index: Int, ruling: Ruling?) throws(JournalError) -> JournalEntry {
        try mutex.withLock { () throws(JournalError) -> JournalEntry in
            let entry = try makeEntry(decision, index: index, ruling: ruling, sequence: nextSequence)
            try writeLine(try encodeReadable(entry))
            nextSequence += 1
            replay.add(entry)
            return entry
        }
    }

    /// Appends several decisions with one write and one fsync: all of them are on disk when
    /// it returns, or none is (a failed write is cut back like a single append's), so a
    /// caller never reports one of them saved that is not. Each gets its own entry and
    /// sequence number, in the order given.
    @discardableResult
    public func appendBatch(_ items: [(decision: Decision, index: Int)]) throws(JournalError) -> [JournalEntry] {
        try mutex.withLock { () throws(JournalError) -> [JournalEntry] in
            var entries: [JournalEntry] = []
            var bytes: [UInt8] = []
            for (k, item) in items.enumerated() {
                let entry = try makeEntry(item.decision, index: item.index, ruling: nil, sequence: nextSequence + k)
                bytes += try encodeReadable(entry)
                entries.append(entry)
            }
            guard !entries.isEmpty else { return [] }
            try writeLine(bytes)
            nextSequence += entries.count
            for e in entries { replay.add(e) }
            return entries
        }
    }

    /// Checks a decision against the dataset and the journal and numbers it `sequence`
    /// (call with the mutex held).
    private func makeEntry(_ decision: Decision, index: Int, ruling: Ruling?, sequence: Int) throws(JournalError) -> JournalEntry {
        guard mode == .readWrite, fd >= 0, let dataset else {
            throw .io(path: path, reason: "the journal is open read-only")
        }
        var target = index
        if case .undo(let s) = decision {
            guard let i = replay.state.index(ofSequence: s) else {
                throw .io(path: path, reason: "cannot undo entry \(s): there is no such live entry")
            }
            target = i
        }
        guard target >= 0, target < dataset.count else {
            throw .io(path: path, reason: "sample index \(target) is out of range (the dataset has \(dataset.count) samples)")
        }
        if case .edit(.turns(let turns), _) = decision, case .success(let sample) = dataset.sample(at: target),
           let bad = turns.keys.first(where: { $0 < 0 || $0 >= sample.turns.count }) {
            throw .io(path: path, reason: "sample \(target) has \(sample.turns.count) turns; there is no turn \(bad) to edit")
        }
        guard sequence <= JournalCodec.maxSequence else {
            throw .io(path: path, reason: "the journal has used every sequence number up to \(JournalCodec.maxSequence); start a new journal with --journal PATH")
        }
        return JournalEntry(sequence: sequence, time: JournalIO.nowISO8601(), reviewer: reviewer,
                            index: target, id: dataset.id(at: target) ?? "#\(target)",
                            sampleHash: dataset.sampleHash(at: target), decision: decision, ruling: ruling)
    }

    /// The entry's line, refused when a reader would refuse it (a reviewer name or id past
    /// the reader's limits): it would be saved now and reported as damaged later.
    private func encodeReadable(_ entry: JournalEntry) throws(JournalError) -> [UInt8] {
        let line = JournalCodec.encode(entry)
        if let reason = JournalCodec.unreadableReason(line) {
            throw .io(path: path, reason: "this entry would not read back (\(reason)); NOT saved")
        }
        return line
    }

    /// The latest decision in force on sample `index` (accept, reject, skip or edit; not notes
    /// or undos), which a plain "undo" takes back; undoing again takes back the one before.
    public func latestUndoableEntry(at index: Int) -> JournalEntry? {
        mutex.withLock {
            let live = Set(replay.state.liveSequences(at: index))
            return replay.state.entries(at: index).last { e in
                guard live.contains(e.sequence) else { return false }
                switch e.decision {
                case .accept, .reject, .skip, .edit, .reset: return true
                case .undo, .note: return false
                }
            }
        }
    }

    /// Whether entry `sequence` is applied and not undone (what an undo of it would change).
    public func isInForce(sequence: Int) -> Bool {
        mutex.withLock {
            guard let index = replay.state.index(ofSequence: sequence) else { return false }
            return replay.state.liveSequences(at: index).contains(sequence)
        }
    }

    /// Every applied entry on sample `index`, oldest first (its history).
    public func history(at index: Int) -> [JournalEntry] {
        mutex.withLock { replay.state.entries(at: index) }
    }

    /// The current state of sample `index`.
    public func review(at index: Int) -> SampleReview { mutex.withLock { replay.review(at: index) } }

    /// Every sample with a non-default review, by index.
    public var reviews: [Int: SampleReview] { mutex.withLock { replay.reviews } }

    /// How many samples have a decision (accepted, rejected, edited or skipped).
    public var decidedCount: Int { mutex.withLock { replay.decidedCount } }

    /// All applied entries in journal order, undos and undone entries included (stale ones
    /// are in `staleEntries`).
    public var entries: [JournalEntry] { mutex.withLock { replay.entries } }

    /// Entries written for other bytes of their sample; never applied.
    public var staleEntries: [JournalEntry] { mutex.withLock { replay.staleEntries } }

    /// Structured problems: torn tail, damaged and invalid lines, stale entries.
    public var issues: [JournalIssue] { mutex.withLock { readProblems + replay.issues } }

    /// Problems found while reading (torn tail set aside, damaged lines, stale entries).
    public var problems: [String] { mutex.withLock { (readProblems + replay.issues).map(\.description) } }

    /// Releases the writer's lock and closes the file; later appends fail.
    public func close() {
        mutex.withLock {
            if fd >= 0 { Glibc.close(fd); fd = -1 }
            lock?.release()
            lock = nil
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
