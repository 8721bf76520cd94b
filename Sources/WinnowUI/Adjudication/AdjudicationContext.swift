import WinnowCore

/// What the review screen needs to walk conflicts (`winnow adjudicate` without `--list`,
/// `--rule` or `--auto-unanimous`): the conflicts with every reviewer's side, computed by the
/// shared `Adjudication` (WinnowCore/Team) from the replayed journals.
///
/// The screen's base order is the conflicts' indices (`indices`); ruling keys write through a
/// `RulingLog`. A class so that the panel lines it caches survive between frames.
public final class AdjudicationContext {
    /// What labels were compared on (`--on`).
    public let basis: LabelBasis
    /// The conflicts, by ascending sample index.
    public let conflicts: [Adjudication.Conflict]
    private let positions: [Int: Int]
    /// The ruling the next journalled decision is marked with (a pick sets it); nil:
    /// `.decided`.
    var pendingRuling: Ruling?
    /// Panel lines per (sample, width): diffs are worked out once per conflict and width.
    var panelCache: [PanelKey: [ConflictPanelLine]] = [:]

    struct PanelKey: Hashable {
        var index: Int
        var width: Int
    }

    /// The conflicts of `adjudication`.
    public init(_ adjudication: Adjudication) {
        basis = adjudication.basis
        conflicts = adjudication.conflicts
        var p: [Int: Int] = [:]
        for (n, c) in conflicts.enumerated() { p[c.index] = n }
        positions = p
    }

    /// The sample indices the screen walks.
    public var indices: [Int] { conflicts.map(\.index) }

    /// The conflict on sample `index`, if it is one.
    public func conflict(at index: Int) -> Adjudication.Conflict? {
        positions[index].map { conflicts[$0] }
    }
}
