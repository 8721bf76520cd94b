extension Command {
    private static let reading: Set<KeyContext> = [.review, .global]
    private static let scrolling: Set<KeyContext> = [.review, .help, .global]
    private static let lineEditing: Set<KeyContext> = [.prompt, .editor]

    /// The contexts the command can be bound in (`global` bindings reach every context).
    public var contexts: Set<KeyContext> {
        switch self {
        case .accept, .reject, .skip, .undo, .edit, .note, .flag, .toggleAutoAdvance,
             .next, .prev, .nextUndecided, .prevUndecided, .first, .last, .goto, .gotoID,
             .searchForward, .searchBackward, .searchNext, .searchPrev, .clearSearch,
             .filterStatus, .filterType, .filterLints, .filterClear,
             .toggleMetadata, .toggleImage, .openImage, .showImage, .nextImage,
             .help, .suspend, .quit, .editExternal, .toggleDiff, .commandLine:
            return Self.reading
        case .scrollDown, .scrollUp, .pageDown, .pageUp, .scrollTop, .scrollBottom:
            return Self.scrolling
        case .redraw:
            return Set(KeyContext.allCases)
        case .promptSubmit, .deleteToStart, .historyPrev, .historyNext, .promptComplete:
            return [.prompt]
        case .promptCancel:
            return [.prompt, .picker, .help, .editor]
        case .cursorLeft, .cursorRight, .cursorHome, .cursorEnd, .deleteBack, .deleteForward, .deleteWordBack:
            return Self.lineEditing
        case .pickerUp, .pickerDown, .pickerToggle, .pickerNote, .pickerSubmit:
            return [.picker]
        case .helpClose, .helpFilter:
            return [.help]
        case .imagePaneSize, .zoomIn, .zoomOut, .zoomMode:
            return [.review, .image, .global]
        case .zoomFit, .showWhere:
            return [.review, .image, .editor, .global]
        case .panLeft, .panRight, .panUp, .panDown, .imageClose:
            return [.image]
        case .cursorUp, .cursorDown, .cursorWordLeft, .cursorWordRight, .cursorPageUp, .cursorPageDown,
             .cursorTextStart, .cursorTextEnd, .insertNewline, .insertTab, .editorSave, .editorCancel,
             .editorUndo, .editorRedo, .editorNextTurn, .editorPreviousTurn, .editorDeleteTurnPair, .editorExternal:
            return [.editor]
        }
    }

    /// The help line: what the command does, in a few words.
    public var summary: String {
        switch self {
        case .accept: return "accept the sample"
        case .reject: return "reject with reasons (picker)"
        case .skip: return "skip: seen, no decision"
        case .undo: return "undo the last decision"
        case .edit: return "edit the sample's turns"
        case .note: return "add a note without a decision"
        case .flag: return "flag the sample for a second look"
        case .toggleAutoAdvance: return "after a decision: next undecided or stay"
        case .next: return "next sample"
        case .prev: return "previous sample"
        case .nextUndecided: return "next undecided sample"
        case .prevUndecided: return "previous undecided sample"
        case .first: return "first sample"
        case .last: return "last sample"
        case .goto: return "go to a sample index (or an id)"
        case .gotoID: return "go to a sample id (also numeric ids)"
        case .scrollDown: return "scroll down one line"
        case .scrollUp: return "scroll up one line"
        case .pageDown: return "scroll down one page"
        case .pageUp: return "scroll up one page"
        case .scrollTop: return "scroll to the top"
        case .scrollBottom: return "scroll to the bottom"
        case .searchForward: return "search forward"
        case .searchBackward: return "search backward"
        case .searchNext: return "next match"
        case .searchPrev: return "previous match"
        case .clearSearch: return "clear the search highlight"
        case .filterStatus: return "cycle the decision filter"
        case .filterType: return "cycle the task-type filter"
        case .filterLints: return "show only samples with lint findings (has-lints) or all"
        case .filterClear: return "clear filters"
        case .toggleMetadata: return "metadata: compact, expanded (narrow screens), hidden"
        case .toggleImage: return "show or hide the image preview"
        case .openImage: return "open the image in an external viewer"
        case .showImage: return "show the image full screen"
        case .nextImage: return "next of the sample's images (pane, full screen, viewer)"
        case .help: return "show this help"
        case .redraw: return "redraw the screen"
        case .suspend: return "suspend (fg to resume)"
        case .quit: return "quit (every saved decision is on disk)"
        case .promptSubmit: return "submit"
        case .promptCancel: return "cancel"
        case .cursorLeft: return "cursor left"
        case .cursorRight: return "cursor right"
        case .cursorHome: return "cursor to start"
        case .cursorEnd: return "cursor to end"
        case .deleteBack: return "delete before the cursor"
        case .deleteForward: return "delete at the cursor"
        case .deleteWordBack: return "delete the word before the cursor"
        case .deleteToStart: return "delete to the start of the line"
        case .historyPrev: return "previous entry"
        case .historyNext: return "next entry"
        case .pickerUp: return "previous reason"
        case .pickerDown: return "next reason"
        case .pickerToggle: return "tick or untick the reason"
        case .pickerNote: return "add a note to the rejection"
        case .pickerSubmit: return "reject with the ticked reasons"
        case .helpClose: return "close help"
        case .helpFilter: return "filter the help by typing (enter keeps it, esc clears it)"
        case .commandLine: return "run a command by name (tab completes; a number goes to that index)"
        case .promptComplete: return "complete the command name (command line)"
        case .editExternal: return "edit the first turn in $VISUAL / $EDITOR"
        case .toggleDiff: return "show an edited sample as a diff of the original (inline, side by side, off)"
        case .cursorUp: return "move up one screen line"
        case .cursorDown: return "move down one screen line"
        case .cursorWordLeft: return "move to the previous word (CJK: character)"
        case .cursorWordRight: return "move to the next word (CJK: character)"
        case .cursorPageUp: return "move up one page"
        case .cursorPageDown: return "move down one page"
        case .cursorTextStart: return "move to the start of the text"
        case .cursorTextEnd: return "move to the end of the text"
        case .insertNewline: return "insert a line break"
        case .insertTab: return "insert a tab"
        case .editorSave: return "save the edit to the journal"
        case .editorCancel: return "stop editing (asks when there are unsaved changes)"
        case .editorUndo: return "undo the last edit in the editor"
        case .editorRedo: return "redo the last undone edit"
        case .editorNextTurn: return "edit the next turn"
        case .editorPreviousTurn: return "edit the previous turn"
        case .editorDeleteTurnPair: return "delete this question/answer pair (asks first)"
        case .editorExternal: return "edit this turn in $VISUAL / $EDITOR"
        case .imagePaneSize: return "image pane size: next share of the screen"
        case .zoomIn: return "zoom into the image (pane and full view)"
        case .zoomOut: return "zoom out of the image"
        case .zoomFit: return "show the whole image again"
        case .zoomMode: return "zoom mode: arrows pan the image pane"
        case .panLeft: return "pan the zoomed image left"
        case .panRight: return "pan the zoomed image right"
        case .panUp: return "pan the zoomed image up"
        case .panDown: return "pan the zoomed image down"
        case .showWhere: return "show where: zoom to the sign a quote names (OCR cache)"
        case .imageClose: return "leave the full view or zoom mode"
        }
    }

    /// What the editor does for the command while editing, if it is an editor action.
    /// `prompt-cancel` (bound to esc in prompts) leaves the editor like `editor-cancel`.
    var editorAction: EditorCommand? {
        switch self {
        case .cursorLeft: return .cursorLeft
        case .cursorRight: return .cursorRight
        case .cursorUp: return .cursorUp
        case .cursorDown: return .cursorDown
        case .cursorHome: return .cursorLineStart
        case .cursorEnd: return .cursorLineEnd
        case .cursorWordLeft: return .cursorWordLeft
        case .cursorWordRight: return .cursorWordRight
        case .cursorPageUp: return .cursorPageUp
        case .cursorPageDown: return .cursorPageDown
        case .cursorTextStart: return .cursorTextStart
        case .cursorTextEnd: return .cursorTextEnd
        case .deleteBack: return .deleteBackward
        case .deleteForward: return .deleteForward
        case .deleteWordBack: return .deleteWordBackward
        case .insertNewline: return .insertNewline
        case .insertTab: return .insertTab
        case .editorSave: return .save
        case .editorCancel, .promptCancel: return .cancel
        case .editorUndo: return .undo
        case .editorRedo: return .redo
        case .editorNextTurn: return .nextTurn
        case .editorPreviousTurn: return .previousTurn
        case .editorDeleteTurnPair: return .deleteTurnPair
        case .editorExternal: return .external
        case .accept, .reject, .skip, .undo, .edit, .note, .flag, .toggleAutoAdvance, .next, .prev,
             .nextUndecided, .prevUndecided, .first, .last, .goto, .gotoID, .scrollDown, .scrollUp,
             .pageDown, .pageUp, .scrollTop, .scrollBottom, .searchForward, .searchBackward, .searchNext,
             .searchPrev, .clearSearch, .filterStatus, .filterType, .filterLints, .filterClear,
             .toggleMetadata, .toggleImage, .openImage, .showImage, .nextImage, .help, .redraw, .suspend,
             .quit, .promptSubmit, .deleteToStart, .historyPrev, .historyNext, .pickerUp, .pickerDown,
             .pickerToggle, .pickerNote, .pickerSubmit, .helpClose, .editExternal, .toggleDiff,
             .commandLine, .promptComplete, .helpFilter,
             .imagePaneSize, .zoomIn, .zoomOut, .zoomFit, .zoomMode, .panLeft, .panRight, .panUp, .panDown,
             .showWhere, .imageClose:
            return nil
        }
    }
}
