import WinnowCore

/// Everything one frame shows, worked out before drawing: the views only copy it into the
/// grid. Built by `ReviewApp.viewModel(width:height:)`, which does all the reading (dataset,
/// journal, image facts, lint) through caches.
struct ReviewViewModel {
    var width: Int
    var height: Int
    var theme: Theme
    /// nil: the terminal is too small; `tooSmall` says so.
    var layout: ReviewLayout?
    var tooSmall: [String] = []
    var header = HeaderModel()
    var status = StatusModel()
    var body: Body = .reading(ReadingModel())
    var messageRow: MessageRowModel = .empty
    var footer = FooterModel()
    /// A list drawn over the body just above the message row: the keys that can follow a
    /// prefix (which-key), or the command line's completions.
    var popup: PopupListModel?

    /// What fills the area between the status row and the message row.
    enum Body {
        case reading(ReadingModel)
        case help(HelpModel)
        case editing(EditorPaneModel)
    }
}

/// Row 0.
struct HeaderModel {
    var fileName = ""
    var position = "0 / 0"
    var index: Int?
    var id: String?
    var taskType: String?
    var badge: (text: String, style: CellStyle)?
    /// Where decisions go: `READ-ONLY`, or the reviewer and the journal in use. Shown at
    /// every width, left of the badge.
    var readOnly = false
    var writer: String?
}

/// Row 1: progress and what is in force.
struct StatusModel {
    var decided = 0
    var total = 0
    var parts: [String] = []
    var filterActive = false
}

/// The reading view's panes.
struct ReadingModel {
    var metadata: [MetadataLine] = []
    var metadataKey = "M"
    var image: ImagePaneModel?
    var dialogue: DialoguePaneModel = .message("No sample.", isError: true)
    var picker: PickerModel?
}

/// The image pane's title and content.
struct ImagePaneModel {
    enum Content {
        case missing(String, problem: String)
        case loading
        case ready(ScreenGrid)
        case unavailable(String)
    }
    var title: String
    var content: Content
}

/// What the dialogue pane shows.
enum DialoguePaneModel {
    /// A message instead of a sample (none, unreadable).
    case message(String, isError: Bool)
    /// The wrapped dialogue from `scroll`.
    case dialogue(DialogueModel)
    /// An edited sample as diffs of the dataset's text.
    case diff(DiffPaneModel)
}

/// The wrapped dialogue of a sample at a scroll position.
struct DialogueModel {
    var sample: Sample
    /// Wrapped at least through the last line on screen.
    var layout: DialogueLayout
    var scroll: Int
    /// All lines of the dialogue, or an estimate while the rest is not wrapped yet.
    var lineCount: Int
    var lineCountIsExact: Bool
    var charCounts: [Int]
    var searchPhrase: String?
    var searchMatch: Int?
}

/// Diffs of an edited sample's turns.
struct DiffPaneModel {
    var mode: DiffView.Mode
    var title: String
    var blocks: [(label: String, runs: [DiffRun]?)]
    var scroll: Int
}

/// The reject-reason picker box.
struct PickerModel {
    var picker: ReasonPicker
    var submitKey: String
}

/// The help overlay.
struct HelpModel {
    var lines: [String]
    var scroll: Int
    /// The filter typed after `/` (nil: none).
    var filter: String?
}

/// The editor, the turns around the one edited, and the image pane when it is on.
struct EditorPaneModel {
    var session: EditorSession?
    var styles: EditorSession.Styles
    var textIndent: Int
    /// Where the editor and the neighbouring turns go (nil: the editor fills the body).
    var areas: EditorAreas?
    var contextStyle = CellStyle.plain
    var labelStyle = CellStyle.plain
    /// The picture while editing, and its rectangle.
    var image: (model: ImagePaneModel, area: Rect)?
}

/// The message row: a prompt being typed, a message, or nothing.
enum MessageRowModel {
    case empty
    case message(String, isError: Bool)
    case prompt(label: String, input: LineInput)
}

/// The key hints of the footer.
struct FooterModel {
    /// "1-7" before the hints in the picker (digits tick reasons).
    var digits: String?
    var hints: [(key: String, label: String)] = []
    /// Shown at the right end whenever it fits at all (`? help`).
    var pinnedLast: (key: String, label: String)?
}
