import WinnowCore

/// A line for the message row: confirmation ("saved") or error.
public struct AppMessage: Sendable, Equatable {
    /// The text (drawn sanitised).
    public var text: String
    /// Drawn as an error.
    public var isError: Bool
    /// A confirmation, or an error when `isError`.
    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

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

/// Options the CLI sets.
public struct ReviewOptions: Sendable {
    /// The reasons offered when rejecting, in order (digits 1-9 pick them in the picker).
    public var reasons: [String]
    /// After a decision, move to the next undecided sample.
    public var autoAdvance: Bool
    /// Colours or attributes only (`Theme.forEnvironment`).
    public var theme: Theme
    /// Resolves image references (`--image-root`, then beside the dataset).
    public var imageRoot: String?
    /// More `--image-root` folders (after `imageRoot`), and `--allow-image-dir` folders where
    /// absolute image paths may point (see `ImageLocator`).
    public var moreImageRoots: [String] = []
    public var allowedImageFolders: [String] = []
    /// Start here instead of resuming at the first undecided sample.
    public var startIndex: Int?
    /// The base order (a spot check); nil reviews the whole dataset.
    public var baseOrder: [Int]?
    /// Says what the base order is, e.g. "spot check 200 (seed 7)".
    public var baseLabel: String?
    /// Task-type filters over more samples than this are computed in slices on `tick()`.
    public var incrementalFilterThreshold = 20_000
    /// Time given to each slice of such a filter.
    public var filterSliceBudget: Duration = .milliseconds(40)

    /// The reasons offered when none are configured.
    public static let defaultReasons = [
        "hallucination", "ocr-error", "wrong-language", "leaked-prefix", "truncated",
        "image-mismatch", "other",
    ]

    /// Options; every one has a default.
    public init(reasons: [String] = ReviewOptions.defaultReasons, autoAdvance: Bool = true,
                theme: Theme = .color, imageRoot: String? = nil, startIndex: Int? = nil,
                baseOrder: [Int]? = nil, baseLabel: String? = nil) {
        self.reasons = reasons
        self.autoAdvance = autoAdvance
        self.theme = theme
        self.imageRoot = imageRoot
        self.startIndex = startIndex
        self.baseOrder = baseOrder
        self.baseLabel = baseLabel
    }
}

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
    /// Show an edited sample as a diff of the dataset's text (nil: the edited text).
    public var diffMode: DiffView.Mode?
    /// Decided samples in the base order (kept up to date on each decision).
    public var decidedInBase = 0
    /// Entries this session appended, for undo (most recent last).
    public var undoStack: [JournalEntry] = []
    /// Past prompt answers by kind (go to, search, note, flag).
    public var promptHistory: [String: [String]] = [:]
    /// Size of the last render (page size for scrolling).
    public var width = 80
    /// Height of the last render.
    public var height = 24
    /// Dialogue rows in the last render.
    public var dialogueRows = 10
    /// Dialogue lines of the current sample in the last render.
    public var dialogueLineCount = 0

    /// State over `base`, at its first sample.
    public init(base: SampleOrder, autoAdvance: Bool) {
        self.base = base
        self.visible = base
        self.autoAdvance = autoAdvance
    }

    /// The dataset index of the current sample, if any sample is visible.
    public var currentIndex: Int? { visible[position] }
}

/// The image chosen with `next-image`, tied to its sample so that any other sample, however
/// it was reached (paging, a filter, a search), shows its first image.
public struct ImageChoice: Sendable, Equatable {
    /// The dataset index of the sample.
    public var sample: Int
    /// Which of its images (0-based).
    public var image: Int

    /// A choice of image `image` of sample `sample`.
    public init(sample: Int, image: Int) {
        self.sample = sample
        self.image = image
    }
}
