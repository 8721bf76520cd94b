extension Journal {
    /// Appends one decision that is not a ruling (see `append(_:index:ruling:)`).
    @discardableResult
    public func append(_ decision: Decision, index: Int) throws(JournalError) -> JournalEntry {
        try append(decision, index: index, ruling: nil)
    }
}

extension Journal {
    /// Records `decision` on sample `index` as a ruling that replaces the adjudicator's
    /// earlier decisions there whole (edits included): each decision in force on the sample is
    /// undone first, newest first, then the ruling is appended. Returns the entries written,
    /// the undos first and the ruling last, so a caller can take the ruling back and restore
    /// what it replaced (an undo of an undo restores its target).
    @discardableResult
    public func appendRuling(_ decision: Decision, index: Int, ruling: Ruling) throws(JournalError) -> [JournalEntry] {
        var written: [JournalEntry] = []
        while let old = latestUndoableEntry(at: index) {
            written.append(try append(.undo(sequence: old.sequence), index: index, ruling: nil))
        }
        written.append(try append(decision, index: index, ruling: ruling))
        return written
    }
}
