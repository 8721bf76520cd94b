/// The replayed state of a journal: applied entries and each sample's review, kept current
/// as entries are appended.
///
/// Folding rules (docs/journal.md): the last decision wins; an undo removes its target, and
/// the sample's state is recomputed from its remaining entries, so undoing returns exactly to
/// the state before the undone entry; an undo of an undo restores the first target; edits
/// accumulate (turn edits merge, a whole-conversation edit replaces what came before).
struct JournalState {
    private(set) var entries: [JournalEntry] = []
    private var positionsByIndex: [Int: [Int]] = [:]
    private var indexBySequence: [Int: Int] = [:]
    private(set) var reviews: [Int: SampleReview] = [:]
    private(set) var decidedCount = 0
    private(set) var issues: [JournalIssue] = []
    /// Samples with at least one undo entry (the others skip the undo analysis).
    private var indicesWithUndo = Set<Int>()

    mutating func reserve(_ n: Int) {
        entries.reserveCapacity(n)
        indexBySequence.reserveCapacity(n)
        positionsByIndex.reserveCapacity(n)
        reviews.reserveCapacity(n)
    }

    /// Adds entries without folding; call `foldAll()` after a batch.
    mutating func load(_ entry: JournalEntry) {
        let index = targetIndex(of: entry)
        var e = entry
        e.index = index
        if case .undo = e.decision { indicesWithUndo.insert(index) }
        indexBySequence[e.sequence] = index
        positionsByIndex[index, default: []].append(entries.count)
        entries.append(e)
    }

    /// Adds one entry and refolds its sample.
    mutating func add(_ entry: JournalEntry) {
        load(entry)
        fold(index: entries[entries.count - 1].index)
    }

    mutating func foldAll() {
        for index in positionsByIndex.keys { fold(index: index) }
    }

    /// The sample an entry is about (an undo is about its target's sample).
    private func targetIndex(of entry: JournalEntry) -> Int {
        if case .undo(let s) = entry.decision, let i = indexBySequence[s] { return i }
        return entry.index
    }

    /// The sample index that entry `sequence` is recorded on.
    func index(ofSequence sequence: Int) -> Int? { indexBySequence[sequence] }

    /// The sequence numbers in force (not undone) on sample `index`, oldest first.
    func liveSequences(at index: Int) -> [Int] {
        let positions = positionsByIndex[index] ?? []
        let undone = indicesWithUndo.contains(index) ? undoneSequences(positions) : []
        return positions.map { entries[$0].sequence }.filter { !undone.contains($0) }
    }

    /// Every entry on sample `index`, oldest first.
    func entries(at index: Int) -> [JournalEntry] {
        (positionsByIndex[index] ?? []).map { entries[$0] }
    }

    private func undoneSequences(_ positions: [Int]) -> Set<Int> {
        // Undo targets are always earlier entries, so walking backwards settles each entry's
        // own undone state before it is used.
        var undone = Set<Int>()
        for p in positions.reversed() {
            let e = entries[p]
            if undone.contains(e.sequence) { continue }
            if case .undo(let target) = e.decision { undone.insert(target) }
        }
        return undone
    }

    private mutating func fold(index: Int) {
        let positions = positionsByIndex[index] ?? []
        let hasUndo = indicesWithUndo.contains(index)
        let undone = hasUndo ? undoneSequences(positions) : []
        var r = SampleReview()
        var decisive: Int? = nil
        for p in positions {
            if hasUndo, undone.contains(entries[p].sequence) { continue }
            switch entries[p].decision {
            case .accept:
                r.status = .accepted; r.reasons = []; r.note = nil
            case .reject(let reasons, let note):
                r.status = .rejected; r.reasons = reasons; r.note = note
            case .skip:
                r.status = .skipped; r.reasons = []; r.note = nil
            case .edit(let edit, let note):
                r.status = .edited; r.reasons = []; r.note = note
                r.edit = JournalState.combine(r.edit, edit)
            case .reset:
                // Leaves no decision in force at all (no reviewer, no sequence): merge then
                // sees this journal as never having decided the sample, so a reset can never
                // outrank another journal's decision by being written later.
                r.status = .undecided; r.reasons = []; r.note = nil; r.edit = nil
                decisive = nil
                continue
            case .undo:
                continue
            case .note(let text, let flag):
                if let text { r.notes.append(text) }
                if let flag { r.flags.append(flag) }
                continue
            }
            decisive = p
        }
        if let decisive {
            r.reviewer = entries[decisive].reviewer
            r.sequence = entries[decisive].sequence
        }
        let was = reviews[index]?.status ?? .undecided
        if (was == .undecided) != (r.status == .undecided) { decidedCount += r.status == .undecided ? -1 : 1 }
        if r == SampleReview.undecided { reviews[index] = nil } else { reviews[index] = r }
    }

    /// A later edit on top of an earlier one.
    static func combine(_ old: SampleEdit?, _ new: SampleEdit) -> SampleEdit {
        switch (old, new) {
        case (.turns(let a)?, .turns(let b)):
            return .turns(a.merging(b) { _, later in later })
        case (.conversation(var turns)?, .turns(let b)):
            for (i, text) in b where i >= 0 && i < turns.count { turns[i].text = text }
            return .conversation(turns)
        default:
            return new
        }
    }
}
