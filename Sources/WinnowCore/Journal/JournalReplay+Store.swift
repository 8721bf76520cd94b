// The replay as a value other stores can hold: a team store folds the entries it fetched with
// exactly the rules the file journal uses (docs/journal.md), instead of a second copy of them.

extension JournalContents {
    /// Contents built from entries already decoded (a store's rows), all for `fingerprint`.
    public init(path: String, entries: [JournalEntry], fingerprint: String) {
        self.init(path: path)
        items = entries.enumerated().map { Item(entry: $0.element, line: $0.offset + 1, fingerprint: fingerprint) }
        lastSequence = entries.map(\.sequence).max() ?? 0
    }
}

extension JournalReplay {
    /// Adds one new entry (already checked against the dataset) and refolds its sample.
    public mutating func apply(_ entry: JournalEntry) { add(entry) }

    /// The sample that entry `sequence` is recorded on, if it is applied.
    public func index(ofSequence sequence: Int) -> Int? { state.index(ofSequence: sequence) }

    /// Every applied entry on sample `index`, oldest first.
    public func history(at index: Int) -> [JournalEntry] { state.entries(at: index) }

    /// Whether entry `sequence` is applied and not undone.
    public func isInForce(sequence: Int) -> Bool {
        guard let index = state.index(ofSequence: sequence) else { return false }
        return state.liveSequences(at: index).contains(sequence)
    }

    /// The latest accept, reject, skip or edit in force on sample `index`.
    public func latestUndoableEntry(at index: Int) -> JournalEntry? {
        let live = Set(state.liveSequences(at: index))
        return state.entries(at: index).last { e in
            guard live.contains(e.sequence) else { return false }
            switch e.decision {
            case .accept, .reject, .skip, .edit, .reset: return true
            case .undo, .note: return false
            }
        }
    }
}
