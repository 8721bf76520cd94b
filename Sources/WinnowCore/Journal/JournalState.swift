/// The replayed state of a journal: applied entries and each sample's review, kept current
/// as entries are appended.
///
/// Folding rules (docs/journal.md): the last decision wins; an undo removes its target, and
/// the sample's state is recomputed from its remaining entries, so undoing returns exactly to
/// the state before the undone entry; an undo of an undo restores the first target; edits
/// accumulate (turn edits merge, a whole-conversation edit replaces what came before).
struct JournalState {
    private(set) var entries: [JournalEntry] = []
    // Each sample's entries as a chain of positions in `entries`: first and last by sample
    // index, the next of each position (-1 at the end). No array per sample.
    private var firstPosition = DenseIntTable()
    private var lastPosition = DenseIntTable()
    private var nextPosition: [Int] = []
    private var indexBySequence = DenseIntTable()
    /// Reviews by sample index: after a replay's batch fold they are first kept as a list
    /// (`folded`), and the dictionary is built only when asked for.
    private var reviewTable: [Int: SampleReview] = [:]
    private var folded: ReviewList? = nil
    var reviews: [Int: SampleReview] { folded?.dictionary ?? reviewTable }
    /// The reviews as a list that is walked without building the dictionary.
    var reviewList: ReviewList { folded ?? ReviewList(dictionary: reviewTable) }
    private(set) var decidedCount = 0
    private(set) var issues: [JournalIssue] = []
    private var reviewCapacity = 0
    /// Samples with at least one undo entry (the others skip the undo analysis).
    private var indicesWithUndo = Set<Int>()

    /// Room for `n` entries on samples below `indexBound` (both hints only).
    mutating func reserve(_ n: Int, indexBound: Int = 0) {
        entries.reserveCapacity(n)
        nextPosition.reserveCapacity(n)
        indexBySequence.reserveDense(n + 1)
        let bound = min(max(0, indexBound), 1 << 28)
        firstPosition.denseBound = max(firstPosition.denseBound, bound)
        lastPosition.denseBound = firstPosition.denseBound
        reviewCapacity = min(n, max(bound, 1))
    }

    /// Adds entries without folding; call `foldAll()` after a batch.
    mutating func load(_ entry: JournalEntry) {
        let index = targetIndex(of: entry)
        if case .undo = entry.decision { indicesWithUndo.insert(index) }
        let p = entries.count
        indexBySequence.set(entry.sequence, index, size: p + 1)
        if let last = lastPosition[index] { nextPosition[last] = p } else { firstPosition.set(index, p, size: p + 1) }
        lastPosition.set(index, p, size: p + 1)
        nextPosition.append(-1)
        entries.append(entry)
        if entry.index != index { entries[p].index = index }
    }

    /// Adds one entry and refolds its sample.
    mutating func add(_ entry: JournalEntry) {
        load(entry)
        store(fold(index: entries[entries.count - 1].index), at: entries[entries.count - 1].index)
    }

    mutating func foldAll() {
        let samples = firstPosition
        guard folded == nil, reviewTable.isEmpty, decidedCount == 0 else {
            samples.forEachKey { store(fold(index: $0), at: $0) }
            return
        }
        // From a state with no reviews yet (a replay), no sample has an earlier review: the
        // results go into a list, not a dictionary.
        var list: [(index: Int, review: SampleReview)] = []
        list.reserveCapacity(reviewCapacity)
        var decided = 0
        samples.forEachKey { index in
            let r = fold(index: index)
            if r.status != .undecided { decided += 1 }
            if r != SampleReview.undecided { list.append((index, r)) }
        }
        decidedCount = decided
        folded = ReviewList(list)
    }

    /// Records sample `index`'s new review.
    private mutating func store(_ r: SampleReview, at index: Int) {
        if let list = folded {
            reviewTable = list.dictionary
            folded = nil
        }
        let was = reviewTable[index]?.status ?? .undecided
        if (was == .undecided) != (r.status == .undecided) { decidedCount += r.status == .undecided ? -1 : 1 }
        if r == SampleReview.undecided { reviewTable[index] = nil } else { reviewTable[index] = r }
    }

    /// The sample an entry is about (an undo is about its target's sample).
    private func targetIndex(of entry: JournalEntry) -> Int {
        if case .undo(let s) = entry.decision, let i = indexBySequence[s] { return i }
        return entry.index
    }

    /// The positions in `entries` of sample `index`'s entries, oldest first.
    private func positions(at index: Int) -> [Int] {
        var out: [Int] = []
        var p = firstPosition[index] ?? -1
        while p >= 0 { out.append(p); p = nextPosition[p] }
        return out
    }

    /// The sample index that entry `sequence` is recorded on.
    func index(ofSequence sequence: Int) -> Int? { indexBySequence[sequence] }

    /// The sequence numbers in force (not undone) on sample `index`, oldest first.
    func liveSequences(at index: Int) -> [Int] {
        let positions = positions(at: index)
        let undone = indicesWithUndo.contains(index) ? undoneSequences(positions) : []
        return positions.map { entries[$0].sequence }.filter { !undone.contains($0) }
    }

    /// Every entry on sample `index`, oldest first.
    func entries(at index: Int) -> [JournalEntry] {
        positions(at: index).map { entries[$0] }
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

    /// Sample `index`'s review from its entries.
    private func fold(index: Int) -> SampleReview {
        let hasUndo = !indicesWithUndo.isEmpty && indicesWithUndo.contains(index)
        let undone = hasUndo ? undoneSequences(positions(at: index)) : []
        var r = SampleReview()
        var decisive: Int? = nil
        var next = firstPosition[index] ?? -1
        while next >= 0 {
            let p = next
            next = nextPosition[p]
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
        return r
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
