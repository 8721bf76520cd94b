import WinnowCore

extension ReviewApp {
    /// Runs one command in the current mode and says what the loop must do. A command that
    /// means nothing in this mode says so while reading and is ignored elsewhere.
    @discardableResult
    public func perform(_ command: Command) -> Effect {
        if let effect = dispatch(command) { return effect }
        if case .reading = state.mode { state.message = .error(.notHere(command)) }
        return .none
    }

    /// The one dispatch table: an exhaustive switch over every command (the compiler checks
    /// that none is forgotten), each case saying what it does in which mode. nil: the command
    /// has no meaning in the current mode.
    func dispatch(_ command: Command) -> Effect? {
        switch command {
        // Every mode
        case .redraw: return .redraw
        case .suspend: return .suspend

        // Deciding (reading)
        case .accept: return writing { decide(.accept) }
        case .skip: return writing { decide(.skip) }
        case .reject:
            return writing {
                guard let index = state.currentIndex else { return noSample() }
                state.mode = .reasonPicker(ReasonPicker(reasons: options.reasons, sampleIndex: index))
                return .redraw
            }
        case .undo: return writing { undo() }
        case .edit:
            return writing {
                guard let index = state.currentIndex else { return noSample() }
                return beginEditing(index)
            }
        case .editExternal: return writing { beginExternalFromReading() }
        case .toggleDiff: return reading { toggleDiff() }
        case .note: return writing { openPrompt(.note) }
        case .flag: return writing { openPrompt(.flag, initial: "check") }
        case .toggleAutoAdvance:
            return reading {
                state.autoAdvance.toggle()
                state.message = .info(.autoAdvance(state.autoAdvance))
                return .redraw
            }

        // Moving (reading)
        case .next: return reading { move(to: state.position + 1); return .redraw }
        case .prev: return reading { move(to: state.position - 1); return .redraw }
        case .nextUndecided: return reading { _ = moveToUndecided(forward: true); return .redraw }
        case .prevUndecided: return reading { _ = moveToUndecided(forward: false); return .redraw }
        case .first: return reading { move(to: 0); return .redraw }
        case .last: return reading { move(to: state.visible.count - 1); return .redraw }
        case .goto: return reading { openPrompt(.goTo) }
        case .gotoID: return reading { openPrompt(.goToID) }

        // Scrolling (reading and help)
        case .scrollDown: return scroll(by: 1)
        case .scrollUp: return scroll(by: -1)
        case .pageDown: return scroll(pages: 1)
        case .pageUp: return scroll(pages: -1)
        case .scrollTop: return scroll(to: 0)
        case .scrollBottom: return scroll(to: Int.max / 2)

        // Searching and filtering (reading)
        case .searchForward: return reading { openPrompt(.search(forward: true)) }
        case .searchBackward: return reading { openPrompt(.search(forward: false)) }
        case .searchNext: return reading { repeatSearch(reverse: false) }
        case .searchPrev: return reading { repeatSearch(reverse: true) }
        case .clearSearch:
            return reading {
                // Bound to Esc, pressed by reflex: with no search it stays silent (the key
                // already cleared the message row).
                if state.searchPhrase != nil {
                    state.searchPhrase = nil
                    state.searchMatch = nil
                    state.message = .info(.searchCleared)
                }
                return .redraw
            }
        case .filterStatus:
            return reading {
                var f = state.filter
                f.status = ReviewFilter.nextStatus(after: f.status)
                applyFilter(f)
                return .redraw
            }
        case .filterType:
            return reading {
                var f = state.filter
                f.taskType = ReviewFilter.nextType(after: f.taskType)
                applyFilter(f)
                return .redraw
            }
        case .filterLints:
            return reading {
                var f = state.filter
                f.hasLints.toggle()
                applyFilter(f)
                return .redraw
            }
        case .filterClear: return reading { applyFilter(ReviewFilter()); return .redraw }

        // View (reading)
        case .toggleMetadata: return reading { toggleMetadata() }
        case .toggleImage: return reading { toggleImage() }
        case .openImage: return reading { imageCommand(fullScreen: false) }
        case .showImage: return reading { imageCommand(fullScreen: true) }
        case .nextImage: return reading { nextImage() }
        case .commandLine: return reading { openPrompt(.command) }
        case .imagePaneSize, .zoomIn, .zoomOut, .zoomFit, .zoomMode, .panLeft, .panRight, .panUp, .panDown,
             .showWhere, .imageClose:
            return imageViewCommand(command)
        case .help:
            switch state.mode {
            case .reading:
                state.helpFilter = nil
                state.mode = .help(scroll: 0)
                return .redraw
            case .help: state.mode = .reading; return .redraw
            case .prompt, .reasonPicker, .editing: return nil
            }
        case .quit:
            switch state.mode {
            case .reading: return .quit
            case .help: state.mode = .reading; return .redraw
            case .prompt, .reasonPicker, .editing: return nil
            }

        // Prompts; the line-editing ones also drive the editor
        case .promptSubmit: return prompt { submit(&$0) }
        case .promptCancel:
            switch state.mode {
            case .prompt(let p):
                if case .rejectNote(let picker) = p.purpose { state.mode = .reasonPicker(picker) } else { state.mode = .reading }
                return .redraw
            case .reasonPicker: return cancelPicker()
            case .help: state.mode = .reading; return .redraw
            case .editing: return editor(command)
            case .reading: return nil
            }
        case .cursorLeft: return lineEdit(command) { $0.moveLeft() }
        case .cursorRight: return lineEdit(command) { $0.moveRight() }
        case .cursorHome: return lineEdit(command) { $0.moveHome() }
        case .cursorEnd: return lineEdit(command) { $0.moveEnd() }
        case .deleteBack: return lineEdit(command) { $0.deleteBack() }
        case .deleteForward: return lineEdit(command) { $0.deleteForward() }
        case .deleteWordBack: return lineEdit(command) { $0.deleteWordBack() }
        case .deleteToStart: return lineEdit(command) { $0.deleteToStart() }
        case .historyPrev: return prompt { browseHistory(&$0, back: true) }
        case .historyNext: return prompt { browseHistory(&$0, back: false) }
        case .promptComplete: return prompt { completeCommand(&$0) }

        // The reason picker
        case .pickerUp:
            return picker { pk in
                pk.selected = (pk.selected - 1 + pk.reasons.count) % max(1, pk.reasons.count)
                return nil
            }
        case .pickerDown: return picker { pk in pk.selected = (pk.selected + 1) % max(1, pk.reasons.count); return nil }
        case .pickerToggle:
            return picker { pk in
                if pk.ticked.contains(pk.selected) { pk.ticked.remove(pk.selected) } else { pk.ticked.insert(pk.selected) }
                return nil
            }
        case .pickerNote:
            return picker { pk in
                state.mode = .prompt(PromptState(purpose: .rejectNote(pk), input: LineInput(pk.note ?? "")))
                return .redraw
            }
        case .pickerSubmit:
            return picker { pk in
                let reasons = pk.chosen
                guard !reasons.isEmpty else {
                    // Asked once: the next key answers (y rejects without a reason).
                    pk.confirmingNoReason = true
                    state.message = .info(.rejectWithoutReason)
                    return nil
                }
                state.mode = .reading
                return decide(.reject(reasons: reasons, note: pk.note), at: pk.sampleIndex)
            }

        // Help
        case .helpClose:
            switch state.mode {
            case .help: state.mode = .reading; return .redraw
            case .reasonPicker: return cancelPicker()
            case .reading, .prompt, .editing: return nil
            }

        case .helpFilter:
            guard case .help = state.mode else { return nil }
            state.helpFilter = HelpFilter(query: LineInput(state.helpFilter?.query.text ?? ""), typing: true)
            return .redraw

        // The editor
        case .cursorUp, .cursorDown, .cursorWordLeft, .cursorWordRight, .cursorPageUp, .cursorPageDown,
             .cursorTextStart, .cursorTextEnd, .insertNewline, .insertTab, .editorSave, .editorCancel,
             .editorUndo, .editorRedo, .editorNextTurn, .editorPreviousTurn, .editorDeleteTurnPair,
             .editorExternal:
            return editor(command)
        }
    }

    // MARK: Mode guards

    /// `--read-only`, or no journal at all: nothing can be saved.
    var isReadOnly: Bool { options.readOnly || journal == nil }

    /// Runs `body` only while reading.
    private func reading(_ body: () -> Effect) -> Effect? {
        guard case .reading = state.mode else { return nil }
        return body()
    }

    /// Runs `body` only while reading with somewhere to save: read-only refuses at once, with
    /// one short message, before any picker or prompt opens.
    private func writing(_ body: () -> Effect) -> Effect? {
        reading {
            guard !isReadOnly else {
                state.message = .error(.readOnly)
                return .redraw
            }
            return body()
        }
    }

    /// Runs `body` on the open prompt and stores it back.
    private func prompt(_ body: (inout PromptState) -> Effect?) -> Effect? {
        guard case .prompt(var p) = state.mode else { return nil }
        if let effect = body(&p) { return effect }
        state.mode = .prompt(p)
        return .redraw
    }

    /// Runs `body` on the open picker and stores it back (unless it left the picker: then
    /// it returns its own effect).
    private func picker(_ body: (inout ReasonPicker) -> Effect?) -> Effect? {
        guard case .reasonPicker(var pk) = state.mode else { return nil }
        if let effect = body(&pk) { return effect }
        state.mode = .reasonPicker(pk)
        return .redraw
    }

    /// A line-editing command: edits the prompt's input, or goes to the editor.
    private func lineEdit(_ command: Command, _ edit: (inout LineInput) -> Void) -> Effect? {
        switch state.mode {
        case .prompt(var p):
            edit(&p.input)
            state.mode = .prompt(p)
            return .redraw
        case .editing: return editor(command)
        case .reading, .reasonPicker, .help: return nil
        }
    }

    private func cancelPicker() -> Effect {
        state.mode = .reading
        state.message = .info(.rejectCancelled)
        return .redraw
    }
}
