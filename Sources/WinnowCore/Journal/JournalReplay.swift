/// Matches a journal's entries against a dataset and folds the ones that still apply.
///
/// An entry applies when the header before it has the dataset's fingerprint, or else when
/// the sample at its index still has the hash it recorded. Otherwise it is stale and never
/// applied to whatever sample is now at that index; with `matchByID` it is re-attached to the
/// sample with its id, when exactly one sample has that id.
public struct JournalReplay: Sendable {
    /// The entries that apply, with their (possibly re-attached) indices, in journal order.
    public var entries: [JournalEntry] { state.entries }
    /// Entries that do not apply to this dataset.
    public private(set) var staleEntries: [JournalEntry] = []
    /// Stale, re-attached and dangling-undo reports.
    public private(set) var issues: [JournalIssue] = []
    var state = JournalState()

    /// The state of sample `index`.
    public func review(at index: Int) -> SampleReview { state.reviews[index] ?? .undecided }
    /// Every sample with a non-default review.
    public var reviews: [Int: SampleReview] { state.reviews }
    /// How many samples are accepted, rejected, edited or skipped.
    public var decidedCount: Int { state.decidedCount }
    /// The reviews as a list (walked without building the dictionary).
    var reviewList: ReviewList { state.reviewList }

    init() {}

    /// Replays `contents` against `dataset`.
    public init(contents: JournalContents, dataset: Dataset, matchByID: Bool) {
        let fingerprint = dataset.fingerprint
        let count = dataset.count
        var idCounts: [String: Int]? = nil
        var staleSequences = Set<Int>()
        state.reserve(contents.items.count, indexBound: count)
        // Every entry after one header carries that header's fingerprint (the same string):
        // compare it with the dataset's once per header, not once per entry.
        var checkedFingerprint: String? = nil
        var checkedSame = false
        for position in contents.items.indices {
            // The common entry (a decision on a sample of this very dataset) is loaded straight
            // from the array: a copy of each item would retain and release all its strings.
            if contents.items[position].entry.index < count, let f = contents.items[position].fingerprint {
                if checkedFingerprint != f {
                    checkedFingerprint = f
                    checkedSame = f == fingerprint && !fingerprint.isEmpty
                }
                var isUndo = false
                if case .undo = contents.items[position].entry.decision { isUndo = true }
                if checkedSame, !isUndo {
                    state.load(contents.items[position].entry)
                    continue
                }
            }
            let item = contents.items[position]
            var e = item.entry
            if case .undo(let target) = e.decision {
                if staleSequences.contains(target) { staleSequences.insert(e.sequence); staleEntries.append(e); continue }
                if state.index(ofSequence: target) == nil {
                    issues.append(JournalIssue(kind: .dangling, path: contents.path, line: item.line,
                                               message: "entry \(e.sequence) undoes entry \(target), which is not in the journal; ignored"))
                    continue
                }
                state.load(e)
                continue
            }
            let sameFile: Bool
            if let f = item.fingerprint {
                if checkedFingerprint != f {
                    checkedFingerprint = f
                    checkedSame = f == fingerprint && !fingerprint.isEmpty
                }
                sameFile = checkedSame
            } else {
                sameFile = false
            }
            if e.index < count && (sameFile || dataset.sampleHash(at: e.index) == e.sampleHash) {
                state.load(e)
                continue
            }
            if matchByID, !e.id.isEmpty {
                if idCounts == nil {
                    var counts: [String: Int] = [:]
                    for i in 0..<count { if let id = dataset.id(at: i) { counts[id, default: 0] += 1 } }
                    idCounts = counts
                }
                if idCounts?[e.id] == 1, let newIndex = dataset.index(ofID: e.id) {
                    // An edit replaces text: put on a sample whose content changed since, it
                    // would silently undo whatever changed. Never re-attach it; show both texts.
                    if case .edit(let edit, _) = e.decision, dataset.sampleHash(at: newIndex) != e.sampleHash {
                        staleSequences.insert(e.sequence)
                        staleEntries.append(e)
                        issues.append(JournalIssue(kind: .stale, path: contents.path, line: item.line,
                                                   message: "entry \(e.sequence) (edit of sample \(e.index), id \(e.id)) conflicts with the dataset: "
                                                       + "sample \(newIndex) with that id changed since the edit was written; not re-attached. "
                                                       + JournalReplay.bothTexts(edit, dataset.sample(at: newIndex))))
                        continue
                    }
                    issues.append(JournalIssue(kind: .reattached, path: contents.path, line: item.line,
                                               message: "entry \(e.sequence) for id \(e.id) moved from sample \(e.index) to sample \(newIndex)"))
                    e.index = newIndex
                    state.load(e)
                    continue
                }
            }
            staleSequences.insert(e.sequence)
            staleEntries.append(e)
            let why = e.index >= count ? "the dataset now has only \(count) samples"
                : "sample \(e.index) is not the sample it was written for (its content changed)"
            let hint = matchByID ? (e.id.isEmpty ? "" : " and its id \(e.id) is not unique or not found") : "; --match-by-id may re-attach it by id"
            issues.append(JournalIssue(kind: .stale, path: contents.path, line: item.line,
                                       message: "entry \(e.sequence) (\(JournalReplay.describe(e.decision)) of sample \(e.index), id \(e.id)) is stale: \(why)\(hint); not applied"))
        }
        state.foldAll()
    }

    mutating func add(_ entry: JournalEntry) { state.add(entry) }

    /// `turn 1 now: "…"; the edit: "…"` for each edited turn (texts shortened to 200 characters).
    static func bothTexts(_ edit: SampleEdit, _ sample: Result<Sample, UnreadableSample>) -> String {
        func quoted(_ s: String) -> String {
            let short = s.count > 200 ? String(s.prefix(200)) + "…" : s
            return "\"" + short + "\""
        }
        let current: [Turn]
        switch sample {
        case .success(let s): current = s.turns
        case .failure: current = []
        }
        switch edit {
        case .turns(let changes):
            return changes.sorted { $0.key < $1.key }.map { t, text in
                "turn \(t) now: " + (t < current.count ? quoted(current[t].text) : "(no such turn)") + "; the edit: " + quoted(text)
            }.joined(separator: "; ")
        case .conversation(let turns):
            return "now: " + current.map { quoted($0.text) }.joined(separator: " / ")
                + "; the edit: " + turns.map { quoted($0.text) }.joined(separator: " / ")
        }
    }

    /// A short name of a decision for messages.
    public static func describe(_ d: Decision) -> String {
        switch d {
        case .accept: return "accept"
        case .reject: return "reject"
        case .skip: return "skip"
        case .edit: return "edit"
        case .undo(let s): return "undo of \(s)"
        case .note: return "note"
        case .reset: return "reset"
        }
    }
}
