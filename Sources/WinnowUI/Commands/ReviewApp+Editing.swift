import Foundation
import WinnowCore

extension ReviewApp {
    /// The columns the reading view wraps turn text to in a dialogue pane `paneWidth` wide
    /// (one column for the scroll bar, then `DialogueLayout.textWidth`: indent, hanging-mark
    /// room, reading-width cap); the editor uses the same so lines break where they did
    /// while reading.
    static func turnTextWidth(paneWidth: Int) -> Int {
        DialogueLayout.textWidth(forLayoutWidth: max(4, paneWidth - 1))
    }

    /// `edit`: opens the editor on the sample's first answer (or, when the dialogue is
    /// scrolled, the turn shown at the top of the pane).
    func beginEditing(_ index: Int) -> Effect {
        guard journal != nil else {
            state.message = .error(.readOnlyEdits)
            return .redraw
        }
        guard case .success(let sample) = decodedSample(at: index), !sample.isDamaged else {
            state.message = .error(.unreadableForEdit)
            return .redraw
        }
        let width = ReviewApp.turnTextWidth(paneWidth: screenLayout()?.dialogue.width ?? state.width)
        guard let session = EditorSession(sampleIndex: index, turns: sample.turns, turnIndex: topTurn(in: sample),
                                          width: width) else {
            state.message = .error(.noTurnsToEdit)
            return .redraw
        }
        var editing = EditingState(sampleIndex: index)
        editing.session = session
        state.mode = .editing(editing)
        fitEditor()
        return .redraw
    }

    /// The turn to edit: when the dialogue is scrolled, the one at the top of the pane;
    /// otherwise the first answer (answers are what reviewers fix most), else turn 0.
    func topTurn(in sample: Sample) -> Int {
        if state.scroll == 0 {
            return sample.turns.firstIndex { $0.role == .gpt } ?? 0
        }
        let layout = cache.layout(for: sample, width: dialogueWidth)
        layout.ensure(through: state.scroll + 1)
        let lines = layout.wrapped
        var n = min(state.scroll, lines.count - 1)
        while n >= 0 {
            switch lines[n] {
            case .label(let t), .text(let t, _): return min(t, max(0, sample.turns.count - 1))
            case .blank: n += 1
            }
            if n >= lines.count { break }
        }
        return 0
    }

    /// Keys and pastes while editing: `command` is what the keymap's `editor` context bound
    /// the key to (a paste is never looked up); the session does the editing.
    func editorEvent(_ event: InputEvent, command: Command?) -> Effect {
        if command == .redraw { return .redraw }
        if command == .showWhere || command == .zoomFit { return perform(command ?? .redraw) }
        guard case .editing(var editing) = state.mode, var session = editing.session else {
            state.mode = .reading
            return .redraw
        }
        let outcome = session.handle(event, command: command?.editorAction)
        editing.session = session
        state.mode = .editing(editing)
        let effect = apply(outcome)
        fitEditor()
        return effect
    }

    /// An editor command run through `perform` (the help overlay, a test); nil when the
    /// command is not an editor action.
    func editor(_ command: Command) -> Effect? {
        guard case .editing(var editing) = state.mode, var session = editing.session,
              let action = command.editorAction else { return nil }
        let outcome = session.perform(action)
        editing.session = session
        state.mode = .editing(editing)
        let effect = apply(outcome)
        fitEditor()
        return effect
    }

    /// The editor's body: everything between the status row and the message row.
    /// With the image pane on, the dialogue's place (beside or under the picture); else the
    /// whole body.
    func editorBody(_ layout: ReviewLayout?) -> Rect {
        layout?.dialogue ?? Rect(row: 2, column: 0, width: state.width, height: max(1, state.height - 4))
    }

    /// Fits the editing session to the terminal (wrap width, page height, scroll to the
    /// cursor): done after each key and resize, so a frame never has to change it.
    func fitEditor() {
        guard case .editing(var editing) = state.mode, var session = editing.session else { return }
        let layout = screenLayout()
        let paneWidth = layout?.dialogue.width ?? state.width
        let areas = EditorAreas.make(in: editorBody(layout), session: session)
        session.fit(width: ReviewApp.turnTextWidth(paneWidth: paneWidth), height: areas.editor.height)
        editing.session = session
        state.mode = .editing(editing)
    }

    /// Carries out what the session asked for: journal, leave, or start the external editor.
    func apply(_ outcome: EditorOutcome) -> Effect {
        guard case .editing(var editing) = state.mode, var session = editing.session else { return .redraw }
        switch outcome {
        case .none: return .none
        case .redraw, .unchanged: return .redraw
        case .close:
            state.mode = .reading
            invalidateSample(session.sampleIndex)
            return .redraw
        case .save(let edit):
            guard let journal else { return .redraw }
            let index = session.sampleIndex
            let before = journal.review(at: index).status
            do {
                let entry = try journal.append(.edit(edit, note: nil), index: index)
                state.undoStack.append(entry)
            } catch {
                session.message = "NOT saved: \(error.description)"
                editing.session = session
                state.mode = .editing(editing)
                return .redraw
            }
            // Only now, with the entry on disk, does the screen say "saved".
            session.didSave(edit)
            updateDecidedCount(index: index, before: before, after: journal.review(at: index).status)
            invalidateSample(index)
            editing.session = session
            state.mode = .editing(editing)
            state.message = .saved(.edit(index: index))
            return .redraw
        case .external:
            guard let files = scratchFiles else {
                session.message = "no external editor here (the shell gave no scratch files)"
                editing.session = session
                state.mode = .editing(editing)
                return .redraw
            }
            guard let (external, effect) = session.beginExternal(environment: environment, files: files) else {
                editing.session = session
                state.mode = .editing(editing)
                return .redraw
            }
            editing.session = session
            editing.external = external
            state.mode = .editing(editing)
            return effect
        }
    }

    /// `edit-external` in reading mode: hands the top turn of the current sample to the
    /// external editor; the result is journalled when it changed.
    func beginExternalFromReading() -> Effect {
        guard let index = state.currentIndex else { return .redraw }
        let effect = beginEditing(index)
        guard case .editing = state.mode else { return effect }
        let started = apply(.external)
        guard case .editing(var editing) = state.mode else { return started }
        if editing.external == nil {
            // Could not start: show why in reading mode.
            state.message = .error(.editor(editing.session?.message ?? "cannot start the editor"))
            state.mode = .reading
            return .redraw
        }
        editing.returnToReading = true
        state.mode = .editing(editing)
        return started
    }

    /// The external editor ended: read the file back, journal a change, clean up.
    func finishExternalEdit(_ program: ExternalProgram, exitStatus: Int32) -> Effect {
        guard case .editing(var editing) = state.mode, var session = editing.session,
              let external = editing.external, external.arguments == program.arguments,
              let files = scratchFiles else {
            return .redraw
        }
        editing.external = nil
        let outcome = session.finishExternal(external, exitStatus: exitStatus, files: files)
        editing.session = session
        state.mode = .editing(editing)
        let effect = apply(outcome)
        if editing.returnToReading, case .editing(let now) = state.mode {
            let message = now.session?.message
            state.mode = .reading
            invalidateSample(session.sampleIndex)
            if case .save = outcome {
                // apply(.save) set the "saved" message.
            } else if outcome == .unchanged {
                // From the reading view say what happened, not just "No change".
                state.message = .info(.editorChangedNothing)
            } else if let message {
                state.message = .error(.editor(message))
            }
        }
        return effect
    }

    /// `toggle-diff`: off -> inline -> side by side -> off.
    func toggleDiff() -> Effect {
        switch state.diffMode {
        case nil: state.diffMode = .inline
        case .inline?: state.diffMode = .sideBySide
        case .sideBySide?: state.diffMode = nil
        }
        state.scroll = 0
        let noEdit = state.currentIndex.flatMap({ journal?.review(at: $0).edit }) == nil
        state.message = .info(.diff(state.diffMode, noEditHere: noEdit))
        return .redraw
    }
}
