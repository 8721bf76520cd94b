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

    /// Reasons to submit: the ticked ones, else the highlighted one.
    public var chosen: [String] {
        let picked = ticked.sorted().compactMap { reasons.indices.contains($0) ? reasons[$0] : nil }
        if !picked.isEmpty { return picked }
        return reasons.indices.contains(selected) ? [reasons[selected]] : []
    }
}
