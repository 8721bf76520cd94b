/// The reject-reason picker: a list of reasons, some ticked, one highlighted.
public struct ReasonPicker: Sendable, Equatable {
    /// The reasons offered, in order.
    public var reasons: [String]
    /// Indices of ticked reasons.
    public var ticked: Set<Int> = []
    /// The highlighted reason.
    public var selected: Int = 0
    /// A note to journal with the rejection.
    public var note: String?
    /// The sample being rejected.
    public var sampleIndex: Int
    /// Enter was pressed with nothing ticked: the next key answers "reject anyway? y/n".
    public var confirmingNoReason = false
    /// Rejecting a batch (`batch`): the reasons go to every sample of it, after a y/n.
    public var batch: BatchState?

    /// Reasons to submit: the ticked ones only. The highlight is where the cursor is, not a
    /// choice: nothing is pre-selected.
    public var chosen: [String] {
        ticked.sorted().compactMap { reasons.indices.contains($0) ? reasons[$0] : nil }
    }
}
