extension Journal {
    /// Appends one decision that is not a ruling (see `append(_:index:ruling:)`).
    @discardableResult
    public func append(_ decision: Decision, index: Int) throws(JournalError) -> JournalEntry {
        try append(decision, index: index, ruling: nil)
    }
}
