/// Every command of every mode of the review screen, named once.
///
/// The raw value is the stable kebab-case name keymap files bind keys to (`Keymaps/*.yaml`);
/// keymaps are turned into `Command` values when they load, so an unknown name is a keymap
/// problem with its `path:line` and never reaches dispatch. Dispatch (`ReviewApp.perform`)
/// switches over this enum exhaustively, so a new case does not compile until every mode
/// says what it does with it.
public enum Command: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    // Deciding
    case accept, reject, skip, undo, edit, note, flag
    case toggleAutoAdvance = "toggle-auto-advance"
    // Moving
    case next, prev
    case nextUndecided = "next-undecided"
    case prevUndecided = "prev-undecided"
    case first, last, goto
    case gotoID = "goto-id"
    // Scrolling (reading and help)
    case scrollDown = "scroll-down"
    case scrollUp = "scroll-up"
    case pageDown = "page-down"
    case pageUp = "page-up"
    case scrollTop = "scroll-top"
    case scrollBottom = "scroll-bottom"
    // Searching and filtering
    case searchForward = "search-forward"
    case searchBackward = "search-backward"
    case searchNext = "search-next"
    case searchPrev = "search-prev"
    case clearSearch = "clear-search"
    case filterStatus = "filter-status"
    case filterType = "filter-type"
    case filterLints = "filter-lints"
    case filterClear = "filter-clear"
    // View
    case toggleMetadata = "toggle-metadata"
    case toggleImage = "toggle-image"
    case openImage = "open-image"
    case showImage = "show-image"
    case nextImage = "next-image"
    // Image pane size, zoom and pan (preview pane and full view)
    case imagePaneSize = "image-pane-size"
    case zoomIn = "zoom-in"
    case zoomOut = "zoom-out"
    case zoomFit = "zoom-fit"
    case zoomMode = "zoom-mode"
    case panLeft = "pan-left"
    case panRight = "pan-right"
    case panUp = "pan-up"
    case panDown = "pan-down"
    case showWhere = "show-where"
    case imageClose = "image-close"
    case help, redraw, suspend, quit
    /// `:`: run any command by name, with completion.
    case commandLine = "command-line"
    // Prompt (line input; the cursor and delete commands also work in the editor)
    case promptSubmit = "prompt-submit"
    case promptCancel = "prompt-cancel"
    case cursorLeft = "cursor-left"
    case cursorRight = "cursor-right"
    case cursorHome = "cursor-home"
    case cursorEnd = "cursor-end"
    case deleteBack = "delete-back"
    case deleteForward = "delete-forward"
    case deleteWordBack = "delete-word-back"
    case deleteToStart = "delete-to-start"
    case historyPrev = "history-prev"
    case historyNext = "history-next"
    case promptComplete = "prompt-complete"
    // Picker
    case pickerUp = "picker-up"
    case pickerDown = "picker-down"
    case pickerToggle = "picker-toggle"
    case pickerNote = "picker-note"
    case pickerSubmit = "picker-submit"
    // Help
    case helpClose = "help-close"
    case helpFilter = "help-filter"
    // Editing
    case editExternal = "edit-external"
    case toggleDiff = "toggle-diff"
    case cursorUp = "cursor-up"
    case cursorDown = "cursor-down"
    case cursorWordLeft = "cursor-word-left"
    case cursorWordRight = "cursor-word-right"
    case cursorPageUp = "cursor-page-up"
    case cursorPageDown = "cursor-page-down"
    case cursorTextStart = "cursor-text-start"
    case cursorTextEnd = "cursor-text-end"
    case insertNewline = "insert-newline"
    case insertTab = "insert-tab"
    case editorSave = "editor-save"
    case editorCancel = "editor-cancel"
    case editorUndo = "editor-undo"
    case editorRedo = "editor-redo"
    case editorNextTurn = "editor-next-turn"
    case editorPreviousTurn = "editor-previous-turn"
    case editorDeleteTurnPair = "editor-delete-turn-pair"
    case editorExternal = "editor-external"

    /// The kebab-case name keymaps use.
    public var name: String { rawValue }
    /// The name, so that `"\(command)"` prints what a keymap file says.
    public var description: String { rawValue }

    /// The command a keymap name stands for, if any.
    public init?(name: String) { self.init(rawValue: name) }
}
