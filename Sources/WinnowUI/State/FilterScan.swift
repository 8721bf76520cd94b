/// A filter still being computed (see `ReviewApp.applyFilter`).
public struct FilterScan: Sendable, Equatable {
    /// Next base position to look at.
    public var next: Int
    /// Matching dataset indices found so far.
    public var kept: [Int]
    /// The sample that was current when the filter was applied.
    public var anchor: Int?
    /// Whether the position has been set from `anchor`.
    public var anchored: Bool
}
