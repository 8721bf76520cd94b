import Foundation
import WinnowCore

extension ReviewApp {
    /// The sample as the reviewer should see it: the dataset's turns with the journal's edit
    /// in force applied.
    func displayedSample(at index: Int) -> Result<Sample, UnreadableSample> {
        decodedSample(at: index)
    }

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
            state.message = AppMessage("read-only: edits are not saved (no journal)", isError: true)
            return .redraw
        }
        guard case .success(let sample) = displayedSample(at: index), !sample.isDamaged else {
            state.message = AppMessage("this sample cannot be read, so it cannot be edited (reject it instead)", isError: true)
            return .redraw
        }
        let width = ReviewApp.turnTextWidth(paneWidth: lastLayout?.dialogue.width ?? state.width)
        guard let session = EditorSession(sampleIndex: index, turns: sample.turns, turnIndex: topTurn(in: sample),
                                          width: width) else {
            state.message = AppMessage("this sample has no turns to edit", isError: true)
            return .redraw
        }
        var editing = EditingState(sampleIndex: index)
        editing.session = session
        state.mode = .editing(editing)
        return .redraw
    }

    /// The turn to edit: when the dialogue is scrolled, the one at the top of the pane;
    /// otherwise the first answer (answers are what reviewers fix most), else turn 0.
    func topTurn(in sample: Sample) -> Int {
        if state.scroll == 0 {
            return sample.turns.firstIndex { $0.role == .gpt } ?? 0
        }
        let width = max(4, (lastLayout?.dialogue.width ?? state.width) - 1)
        let layout = dialogueLayout(for: sample, width: width)
        var n = min(state.scroll, layout.lines.count - 1)
        while n >= 0 {
            switch layout.lines[n] {
            case .label(let t), .text(let t, _): return min(t, max(0, sample.turns.count - 1))
            case .blank: n += 1
            }
            if n >= layout.lines.count { break }
        }
        return 0
    }

    /// Keys and pastes while editing. Keys go through the keymap's `editor` context; a paste
    /// is never looked up.
    func handleEditorEvent(_ event: InputEvent) -> Effect {
        guard case .editing(var editing) = state.mode, var session = editing.session else {
            state.mode = .reading
            return .redraw
        }
        var command: EditorCommand?
        if case .key(let key) = event, let name = keymap.command(for: key, in: .editor) {
            if name == "redraw" { return .redraw }
            if name == "prompt-cancel" { command = .cancel } else { command = EditorCommand(rawValue: name) }
        }
        let outcome = session.handle(event, command: command)
        editing.session = session
        state.mode = .editing(editing)
        return apply(outcome)
    }

    /// A command by name while editing (from `perform`, e.g. the help overlay or a test).
    func performEditorCommand(_ name: String) -> Effect {
        guard case .editing(var editing) = state.mode, var session = editing.session else {
            state.mode = .reading
            return .redraw
        }
        if name == "redraw" { return .redraw }
        guard let command = name == "prompt-cancel" ? .cancel : EditorCommand(rawValue: name) else { return .none }
        let outcome = session.perform(command)
        editing.session = session
        state.mode = .editing(editing)
        return apply(outcome)
    }

    /// Carries out what the session asked for: journal, leave, or start the external editor.
    func apply(_ outcome: EditorOutcome) -> Effect {
        guard case .editing(var editing) = state.mode, var session = editing.session else { return .redraw }
        switch outcome {
        case .none: return .none
        case .redraw: return .redraw
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
            state.message = AppMessage("saved: edit #\(index)")
            return .redraw
        case .external:
            let environment = ProcessInfo.processInfo.environment
            guard let (external, effect) = session.beginExternal(environment: environment) else {
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
            state.message = AppMessage(editing.session?.message ?? "cannot start the editor", isError: true)
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
              let external = editing.external, external.arguments == program.arguments else {
            return .redraw
        }
        editing.external = nil
        let outcome = session.finishExternal(external, exitStatus: exitStatus)
        editing.session = session
        state.mode = .editing(editing)
        let effect = apply(outcome)
        if editing.returnToReading, case .editing(let now) = state.mode {
            let message = now.session?.message
            state.mode = .reading
            invalidateSample(session.sampleIndex)
            if case .save = outcome {
                // apply(.save) set the "saved" message.
            } else if let message {
                // From the reading view say what happened, not just "No change".
                state.message = message == "No change" ? AppMessage("the editor changed nothing: nothing saved")
                                                       : AppMessage(message, isError: true)
            }
        }
        return effect
    }

    /// Draws the editing screen into the body rectangle.
    func renderEditing(_ grid: inout ScreenGrid, _ r: Rect) {
        guard case .editing(var editing) = state.mode, var session = editing.session else {
            renderEditorPlaceholder(&grid, r)
            return
        }
        // Fit to the reading view's wrap width; the text is drawn after the same indent.
        let textWidth = ReviewApp.turnTextWidth(paneWidth: lastLayout?.dialogue.width ?? r.width)
        session.fit(width: textWidth, height: r.height)
        var styles = EditorSession.Styles()
        styles.header = options.theme.label
        styles.status = session.pending != nil ? options.theme.error : options.theme.dim
        // Keys are data: the hint names whatever the active keymap binds.
        let hints: [(String, String)] = [("editor-save", "save"), ("editor-cancel", "close"),
                                         ("editor-external", "$EDITOR"), ("editor-next-turn", "next turn"),
                                         ("editor-undo", "undo")]
        styles.hint = hints.compactMap { command, label in
            keymap.hint(for: command, in: .editor).map { "\($0) \(label)" }
        }.joined(separator: " · ")
        session.render(into: &grid, row: r.row, column: r.column, width: r.width, height: r.height,
                       textIndent: DialogueLayout.indent, styles: styles)
        editing.session = session
        state.mode = .editing(editing)
    }

    /// `toggle-diff`: off -> inline -> side by side -> off.
    func toggleDiff() -> Effect {
        switch state.diffMode {
        case nil: state.diffMode = .inline
        case .inline?: state.diffMode = .sideBySide
        case .sideBySide?: state.diffMode = nil
        }
        state.scroll = 0
        var label = state.diffMode.map { $0 == .inline ? "diff: inline" : "diff: side by side" } ?? "diff: off"
        // The mode sticks while paging; say why nothing changed on a sample without an edit.
        if state.diffMode != nil, state.currentIndex.flatMap({ journal?.review(at: $0).edit }) == nil {
            label += " (shown on edited samples; this one has no edit)"
        }
        state.message = AppMessage(label)
        return .redraw
    }

    /// Draws the current sample's edited turns as diffs of the dataset's text, in the
    /// dialogue pane; returns false when there is no edit to show (the normal view is drawn).
    func renderDiff(_ grid: inout ScreenGrid, _ r: Rect, index: Int) -> Bool {
        guard let mode = state.diffMode, let edit = journal?.review(at: index).edit,
              case .success(let original) = source.sample(at: index), r.height >= 2 else { return false }
        let changes = TurnDiff.diff(original.turns, edit.applied(to: original.turns))
        let theme = options.theme
        var rows: [(String, [DiffRun]?)] = []
        for change in changes {
            switch change {
            case .changed(let o, let n, let role, let runs):
                rows.append(("▍\(role)  turn \(o + 1)\(o == n ? "" : " → \(n + 1)") · edited", runs))
            case .deleted(let o, let turn):
                rows.append(("▍\(turn.roleName)  turn \(o + 1) · deleted", [DiffRun(.delete, turn.text)]))
            case .inserted(let n, let turn):
                rows.append(("▍\(turn.roleName)  turn \(n + 1) · added", [DiffRun(.insert, turn.text)]))
            }
        }
        let textWidth = max(4, r.width - 1)
        let title = " diff · \(state.diffMode == .inline ? "inline" : "side by side") · \(changes.count) changed turn\(changes.count == 1 ? "" : "s") "
        grid.write(title, row: r.row, column: r.column, maxWidth: r.width, style: theme.label)
        // Lay every block out, then show from the scroll position.
        var row = r.row + 1
        var skip = state.scroll
        let bottom = r.row + r.height
        for (label, runs) in rows where row < bottom {
            if skip > 0 { skip -= 1 } else {
                grid.write(label, row: row, column: r.column, maxWidth: textWidth, style: theme.label)
                row += 1
            }
            guard let runs, row < bottom else { continue }
            let width = textWidth - DialogueLayout.indent
            let total = DiffView.lineCount(runs: runs, mode: mode, width: width)
            let first = min(skip, total)
            skip -= first
            let height = min(bottom - row, total - first)
            if height > 0 {
                DiffView.render(runs: runs, mode: mode, into: &grid, row: row, column: r.column + DialogueLayout.indent,
                                width: width, height: height, scrollTop: first)
                row += height
            }
            if row < bottom && skip == 0 { row += 1 } else if skip > 0 { skip -= 1 }
        }
        return true
    }
}
