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
    /// `--read-only`: the header says READ-ONLY and decision, note, flag and edit keys are
    /// refused at once (a missing journal is read-only too).
    public var readOnly = false
    /// Who decides and where it is kept, for the header (e.g. "ana", "d.json.journal").
    public var reviewer: String?
    public var journalName: String?

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
