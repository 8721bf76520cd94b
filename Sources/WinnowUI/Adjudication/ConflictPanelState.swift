/// How the conflict panel of the adjudication screen is shown.
public struct ConflictPanelState: Sendable, Equatable {
    /// The panel's share of the dialogue pane (`toggle-panel` cycles them).
    public enum Size: Sendable, Equatable {
        /// Up to half the pane, the dialogue below.
        case half
        /// All of the pane but a few dialogue lines.
        case whole
        /// No panel (the review screen as usual).
        case hidden
    }

    public var size = Size.half
    /// First panel line shown, for sample `index` (another sample starts at the top).
    public var scroll = 0
    public var index: Int?

    public init() {}

    /// The scroll position for sample `index`.
    func scroll(for index: Int) -> Int { self.index == index ? scroll : 0 }
}
