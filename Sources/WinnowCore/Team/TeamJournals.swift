import Dispatch

/// Several reviewers' journals replayed against one dataset, checked for the mistakes teams
/// make: a journal of another dataset, one reviewer name in two journals. A journal holding
/// rulings is the adjudicator's and is kept apart from the reviewers.
public struct TeamJournals: Sendable {
    /// The reviewers, in the order their journals were given (names made unique).
    public var reviewers: [ReviewerState]
    /// The adjudicator's journal (the one with rulings), if one was given.
    public var adjudicator: ReviewerState?
    /// Things to tell the user that do not stop the computation.
    public var warnings: [String]
    /// Stale entries, damaged lines and other journal problems, as messages.
    public var issues: [String]

    /// Replays `journals` against `dataset` (in parallel). Throws `.badFile` naming the
    /// journal when it was written for another dataset: no header carries the dataset's
    /// fingerprint.
    public init(_ journals: [JournalContents], dataset: Dataset, matchByID: Bool = false) throws(TeamError) {
        let fingerprint = dataset.fingerprint
        for c in journals where !c.headers.isEmpty && !c.headers.contains(where: { $0.fingerprint == fingerprint }) {
            let theirs = c.headers.last?.fingerprint ?? ""
            throw .badFile(path: c.path, reason: "this journal was written for another dataset (fingerprint \(theirs.prefix(16)), this dataset \(fingerprint.prefix(16))); give the journals of \(dataset.path)")
        }
        let replays = Self.replayAll(journals, dataset: dataset, matchByID: matchByID)
        var states: [ReviewerState] = []
        var adjudicator: ReviewerState?
        var warnings: [String] = []
        var issues: [String] = []
        for (c, replay) in zip(journals, replays) {
            issues += c.issues.map(\.description) + replay.issues.map(\.description)
            let state = ReviewerState(replay: replay, source: c.path)
            if state.hasRulings {
                if let first = adjudicator {
                    throw .invalid("two journals hold rulings (\(first.source) and \(c.path)); give one adjudicator's journal")
                }
                adjudicator = state
            } else {
                states.append(state)
            }
        }
        var seen: [String: String] = [:]
        for i in states.indices {
            let name = states[i].reviewer
            if let other = seen[name] {
                var k = 2
                while seen["\(name)#\(k)"] != nil { k += 1 }
                states[i].reviewer = "\(name)#\(k)"
                warnings.append("the reviewer name \(name) is in two journals (\(other) and \(states[i].source)); the second is counted as \(name)#\(k). If they are one person's, their agreement with themselves inflates the figures")
            }
            seen[states[i].reviewer] = states[i].source
        }
        self.reviewers = states
        self.adjudicator = adjudicator
        self.warnings = warnings
        self.issues = issues
    }

    /// Reads several journals at once (checksums and parsing run on as many cores as the
    /// system gives), each result in the order of `paths`.
    public static func read(_ paths: [String]) -> [Result<JournalContents, JournalError>] {
        let slots = ReadSlots(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            do throws(JournalError) { slots.set(i, .success(try JournalReader.read(path: paths[i]))) } catch { slots.set(i, .failure(error)) }
        }
        return slots.values(paths)
    }

    /// One replay per journal, on as many cores as the system gives.
    static func replayAll(_ journals: [JournalContents], dataset: Dataset, matchByID: Bool) -> [JournalReplay] {
        let results = ReplaySlots(count: journals.count)
        DispatchQueue.concurrentPerform(iterations: journals.count) { i in
            results.set(i, JournalReplay(contents: journals[i], dataset: dataset, matchByID: matchByID))
        }
        return results.values()
    }
}

/// Results written by concurrent workers, each to its own slot.
private final class ReplaySlots: @unchecked Sendable {
    private var slots: [JournalReplay?]
    private let mutex = Mutex()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: JournalReplay) { mutex.withLock { slots[i] = r } }
    func values() -> [JournalReplay] { mutex.withLock { slots.map { $0 ?? JournalReplay() } } }
}

/// Read results written by concurrent workers, each to its own slot.
private final class ReadSlots: @unchecked Sendable {
    private var slots: [Result<JournalContents, JournalError>?]
    private let mutex = Mutex()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<JournalContents, JournalError>) { mutex.withLock { slots[i] = r } }
    func values(_ paths: [String]) -> [Result<JournalContents, JournalError>] {
        mutex.withLock { slots.enumerated().map { $0.element ?? .failure(.io(path: paths[$0.offset], reason: "not read")) } }
    }
}
