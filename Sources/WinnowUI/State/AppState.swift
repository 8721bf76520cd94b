import WinnowCore

/// Everything the review screen shows that is not in the dataset or the journal.
public struct AppState: Sendable, Equatable {
    /// What the screen is doing.
    public var mode: AppMode = .reading
    /// The base order (whole dataset or spot check) and the filtered view of it.
    public var base: SampleOrder
    /// The base order with the filter applied.
    public var visible: SampleOrder
    /// The filter in force.
    public var filter = ReviewFilter()
    /// Non-nil while a filter is still being computed.
    public var filterScan: FilterScan?
    /// The sample that was current before the last filter (kept across empty filters).
    public var lastFilterAnchor: Int?
    /// Position in `visible`.
    public var position = 0
    /// First dialogue line shown.
    public var scroll = 0
    /// The message row, cleared by the next key while reading.
    public var message: AppMessage?
    /// The last phrase searched for (highlighted).
    public var searchPhrase: String?
    /// The direction of the last search.
    public var searchForward = true
    /// Which match of the current sample `n`/`N` last moved to (nil: none yet).
    public var searchMatch: Int?
    /// After a decision, move to the next undecided sample.
    public var autoAdvance: Bool
    /// Whether the metadata pane is shown.
    public var showMetadata = true
    /// In the stacked (narrow) layout: give the metadata up to most of the body.
    public var expandMetadata = false
    /// Whether the image pane is shown (when there is room).
    public var showImage = true
    /// Which image of a several-image sample `next-image` moved to (nil: the first one).
    public var imageChoice: ImageChoice?
    /// Image pane at any width, its size, zoom and pan, zoom mode and the full view.
    public var imageView = ImageViewState()
    /// Show an edited sample as a diff of the dataset's text (nil: the edited text).
    public var diffMode: DiffView.Mode?
    /// Decided samples in the base order (kept up to date on each decision).
    public var decidedInBase = 0
    /// Entries this session appended, for undo (most recent last).
    public var undoStack: [JournalEntry] = []
    /// Past prompt answers by kind (go to, search, note, flag).
    public var promptHistory: [String: [String]] = [:]
    /// Keys of a sequence pressed so far (`z` of `z m`): the which-key popup lists what can
    /// follow. Empty when no sequence is under way.
    public var pendingKeys: [KeyPress] = []
    /// The help filter (typed after `/` in help); nil shows every line.
    public var helpFilter: HelpFilter?
    /// The terminal's size (from resize events): layout facts that keys need, such as the
    /// page height, are computed from it, never left behind by a draw.
    public var width = 80
    /// The terminal's height.
    public var height = 24

    /// State over `base`, at its first sample.
    public init(base: SampleOrder, autoAdvance: Bool) {
        self.base = base
        self.visible = base
        self.autoAdvance = autoAdvance
    }

    /// The dataset index of the current sample, if any sample is visible.
    public var currentIndex: Int? { visible[position] }
}
