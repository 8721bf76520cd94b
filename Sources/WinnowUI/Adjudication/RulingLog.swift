import WinnowCore

/// A decision log that can record rulings (the adjudicator's journal): the adjudication
/// screen writes through this, so its entries carry the `ruling` marker and replace the
/// adjudicator's earlier decisions on the sample whole, exactly as `winnow adjudicate --rule`
/// does (both call `Journal.appendRuling`).
public protocol RulingLog: DecisionLog {
    /// Undoes the decisions in force on `index`, then appends `decision` as a ruling; returns
    /// the entries written, the ruling last.
    @discardableResult
    func appendRuling(_ decision: Decision, index: Int, ruling: Ruling) throws(JournalError) -> [JournalEntry]
}

extension Journal: RulingLog {}
