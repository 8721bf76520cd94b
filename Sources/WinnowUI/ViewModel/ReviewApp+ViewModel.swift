import WinnowCore

extension ReviewApp {
    /// Builds the frame for a terminal of this size and draws it. Drawing changes nothing in
    /// `state`: the view model reads through caches, and the views only copy it into the grid.
    public func render(width: Int, height: Int) -> ScreenGrid {
        var grid = ScreenGrid(width: width, height: height)
        ReviewScreenView(model: viewModel(width: width, height: height)).render(into: &grid)
        return grid
    }

    /// Everything one frame shows.
    func viewModel(width: Int, height: Int) -> ReviewViewModel {
        let theme = options.theme
        var model = ReviewViewModel(width: width, height: height, theme: theme)
        let facts = currentFacts
        guard let layout = layout(width: width, height: height, facts: facts) else {
            // Short lines, so that even a 20x5 pane says how to get out.
            let quit = keymap.hint(for: .quit, in: .review) ?? "q"
            model.tooSmall = ["Terminal too small:", "\(width)x\(height), need",
                              "\(ReviewLayout.minimumWidth)x\(ReviewLayout.minimumHeight).",
                              state.mode == .reading ? "\(quit) quits." : "Enlarge it."]
            return model
        }
        model.layout = layout
        model.header = headerModel(facts)
        model.status = statusModel()
        switch state.mode {
        case .help(let scroll):
            let lines = visibleHelpLines()
            model.body = .help(HelpModel(lines: lines, scroll: min(scroll, max(0, lines.count - (height - 5))),
                                         filter: state.helpFilter.map { $0.query.text }))
        case .editing(let editing):
            var editor = editorPaneModel(editing, layout: layout)
            if let r = layout.image, let sample = facts?.decoded, let facts {
                editor.image = imagePaneModel(sample, facts, area: r).map { ($0, r) }
            }
            model.body = .editing(editor)
        case .reading, .prompt, .reasonPicker:
            model.body = .reading(readingModel(facts, layout: layout))
        }
        model.messageRow = messageRowModel()
        model.footer = footerModel()
        model.popup = popupModel()
        return model
    }

    private func headerModel(_ facts: SampleFacts?) -> HeaderModel {
        var header = HeaderModel()
        header.fileName = PathText.lastComponent(source.path)
        header.position = state.visible.count == 0 ? "0 / 0" : "\(state.position + 1) / \(state.visible.count)"
        if adjudication != nil { header.position += " conflicts" }
        header.readOnly = isReadOnly
        let writer = [options.reviewer, options.journalName].compactMap { $0 }.filter { !$0.isEmpty }
        header.writer = writer.isEmpty ? nil : writer.joined(separator: " → ")
        if let index = state.currentIndex {
            header.index = index
            header.id = facts?.decoded?.id ?? "?"
            header.taskType = facts?.decoded?.taskType.rawValue
            header.badge = badge(journal?.review(at: index) ?? .undecided)
        }
        return header
    }

    private func badge(_ review: SampleReview) -> (String, CellStyle) {
        let t = options.theme
        var flag = review.flags.isEmpty ? "" : " ⚑"
        if !review.notes.isEmpty { flag += " ✎" }
        switch review.status {
        case .undecided: return (" UNDECIDED\(flag) ", t.undecided)
        case .accepted: return (" ACCEPTED\(flag) ", t.accepted)
        case .rejected: return (" REJECTED\(flag) ", t.rejected)
        case .edited: return (" EDITED\(flag) ", t.edited)
        case .skipped: return (" SKIPPED\(flag) ", t.skipped)
        }
    }

    private func statusModel() -> StatusModel {
        var status = StatusModel(decided: state.decidedInBase, total: state.base.count)
        if let label = options.baseLabel { status.parts.append(label) }
        if let team = teamStatusText { status.parts.append(team) }
        if let scan = state.filterScan {
            status.parts.append("filter: \(state.filter.summary) (\(scan.kept.count)… \(scan.next * 100 / max(1, state.base.count))%)")
        } else if state.filter.isActive {
            status.parts.append("filter: \(liveFilterText())")
        }
        if !state.marked.isEmpty {
            let here = state.currentIndex.map { state.marked.contains($0) } ?? false
            status.parts.append("\(state.marked.count) marked\(here ? " (this one too)" : "")")
        }
        if !state.autoAdvance { status.parts.append("stay after deciding") }
        if journal == nil { status.parts.append("READ-ONLY") }
        if let p = state.searchPhrase { status.parts.append("search: \(p)") }
        status.filterActive = state.filter.isActive
        return status
    }

    private func readingModel(_ facts: SampleFacts?, layout: ReviewLayout) -> ReadingModel {
        var reading = ReadingModel()
        reading.metadata = layout.metadata == nil ? [] : metadataLines(facts)
        reading.metadataKey = keymap.hint(for: .toggleMetadata, in: .review) ?? "M"
        let sample = facts?.decoded
        if let r = layout.image, let sample, let facts { reading.image = imagePaneModel(sample, facts, area: r) }
        if let index = state.currentIndex, let diff = diffPaneModel(index: index) {
            reading.dialogue = .diff(diff)
        } else if let sample {
            let dialogue = cache.layout(for: sample, width: max(4, layout.dialogue.width - 1))
            let rows = max(1, layout.dialogue.height - 1)
            // Wrap what the screen shows (and the lines above it); the rest waits.
            dialogue.ensure(through: state.scroll + rows)
            let (count, exact) = dialogue.lineCount
            let scroll = min(state.scroll, max(0, (exact ? count : dialogue.wrapped.count) - rows))
            for line in dialogue.wrapped[min(scroll, dialogue.wrapped.count)..<min(dialogue.wrapped.count, scroll + rows)] {
                if case .label(let t) = line { _ = dialogue.imageMarkers(turn: t); _ = dialogue.emphasis(turn: t) }
                if case .text(let t, _) = line { _ = dialogue.imageMarkers(turn: t); _ = dialogue.emphasis(turn: t) }
            }
            reading.dialogue = .dialogue(DialogueModel(
                sample: sample, layout: dialogue, scroll: scroll, lineCount: count, lineCountIsExact: exact,
                charCounts: facts?.turnCharCounts ?? [], searchPhrase: state.searchPhrase, searchMatch: state.searchMatch,
                quotes: quoteCheck(sampleIndex: sample.index),
                focusedQuote: layout.ocr == nil ? nil : state.ocr.focusedQuote(in: sample.index) ?? quoteCheck(sampleIndex: sample.index)?.defaultFocus))
        } else if case .failure(let e)? = facts?.sample {
            reading.dialogue = .message("This sample cannot be read: \(e.description)", isError: true)
        } else {
            reading.dialogue = .message(state.visible.count == 0 ? "No samples match the filter (\(state.filter.summary))."
                                                                   : "No sample.", isError: true)
        }
        if layout.ocr != nil { reading.ocr = ocrPaneModel() }
        if let r = layout.panel { reading.conflict = conflictPanelModel(height: r.height, width: r.width) }
        if state.showStats {
            let key = keymap.hint(for: .stats, in: .review) ?? "S"
            reading.stats = StatsPanelModel(title: "stats · \(key) closes", lines: statsLines())
        }
        let submit = keymap.hint(for: .pickerSubmit, in: .picker) ?? "enter"
        if case .reasonPicker(let picker) = state.mode { reading.picker = PickerModel(picker: picker, submitKey: submit) }
        // The note prompt belongs to the rejection: keep its reasons in view above it.
        if case .prompt(let p) = state.mode, case .rejectNote(let picker) = p.purpose {
            reading.picker = PickerModel(picker: picker, submitKey: submit)
        }
        return reading
    }

    private func imagePaneModel(_ sample: Sample, _ facts: SampleFacts, area r: Rect) -> ImagePaneModel? {
        guard let provider = imageProvider, let chosen = chosenImage(of: sample), r.height > 2 else { return nil }
        let ref = sample.images[chosen]
        var title = " image"
        if sample.images.count > 1 {
            title += " \(chosen + 1)/\(sample.images.count)"
            if let key = keymap.hint(for: .nextImage, in: .review) { title += " · \(key) next" }
        }
        let resolved = facts.images(imageResolver)
        guard resolved.indices.contains(chosen), resolved[chosen].exists else {
            let problem = resolved.indices.contains(chosen) ? resolved[chosen].problem : nil
            return ImagePaneModel(title: title, content: .missing(ref, problem: problem ?? "missing"))
        }
        let path = resolved[chosen].path
        let (w, h) = (r.width - 2, r.height - 2)
        let viewport = state.imageView.viewport(sample: sample.index, image: chosen)
        if !viewport.isFit { title += " · zoom \(ImageViewNote.format(viewport.zoom))×" }
        if state.imageView.zoomMode { title += " · zoom mode" }
        switch provider.preview(path: path, width: w, height: h, viewport: viewport) {
        case .loading:
            lastImageRequest = ImageRequest(path: path, width: w, height: h, loading: true, viewport: viewport)
            return ImagePaneModel(title: title, content: .loading)
        case .ready(let picture):
            lastImageRequest = ImageRequest(path: path, width: w, height: h, loading: false, viewport: viewport)
            return ImagePaneModel(title: title, content: .ready(picture))
        case .unavailable(let reason):
            lastImageRequest = ImageRequest(path: path, width: w, height: h, loading: false, viewport: viewport)
            return ImagePaneModel(title: title, content: .unavailable(reason))
        }
    }

    /// The current sample's edited turns as diffs of the dataset's text; nil when the diff
    /// is off or the sample has no edit (the normal view is drawn).
    private func diffPaneModel(index: Int) -> DiffPaneModel? {
        guard let mode = state.diffMode, let edit = journal?.review(at: index).edit,
              case .success(let original) = source.sample(at: index) else { return nil }
        let changes = TurnDiff.diff(original.turns, edit.applied(to: original.turns))
        var blocks: [(String, [DiffRun]?)] = []
        for change in changes {
            switch change {
            case .changed(let o, let n, let role, let runs):
                blocks.append(("▍\(role)  turn \(o + 1)\(o == n ? "" : " → \(n + 1)") · edited", runs))
            case .deleted(let o, let turn):
                blocks.append(("▍\(turn.roleName)  turn \(o + 1) · deleted", [DiffRun(.delete, turn.text)]))
            case .inserted(let n, let turn):
                blocks.append(("▍\(turn.roleName)  turn \(n + 1) · added", [DiffRun(.insert, turn.text)]))
            }
        }
        let title = " diff · \(mode == .inline ? "inline" : "side by side") · \(changes.count) changed turn\(changes.count == 1 ? "" : "s") "
        return DiffPaneModel(mode: mode, title: title, blocks: blocks, scroll: state.scroll)
    }

    private func editorPaneModel(_ editing: EditingState, layout: ReviewLayout) -> EditorPaneModel {
        var styles = EditorSession.Styles()
        styles.header = options.theme.label
        styles.status = editing.session?.pending != nil ? options.theme.error : options.theme.dim
        // Keys are data: the hint names whatever the active keymap binds.
        let hints: [(Command, String)] = [(.editorSave, "save"), (.editorCancel, "close"), (.editorExternal, "$EDITOR"),
                                          (.editorNextTurn, "next turn"), (.editorUndo, "undo")]
        styles.hint = hints.compactMap { command, label in
            keymap.hint(for: command, in: .editor).map { "\($0) \(label)" }
        }.joined(separator: " · ")
        var session = editing.session
        let areas = editorAreas()
        // Normally a no-op: keys and resizes already fitted the session to this size.
        // The OCR pane takes its part of the body first; the editor and the turns around
        // the one edited share the rest.
        let context = EditorAreas.make(in: areas.editor, session: session)
        session?.fit(width: editorTextWidth(layout: layout, area: context.editor), height: context.editor.height)
        var model = EditorPaneModel(session: session, styles: styles, textIndent: DialogueLayout.indent)
        model.areas = context
        model.contextStyle = options.theme.dim
        model.labelStyle = options.theme.label
        if let ocrArea = areas.ocr {
            model.area = areas.editor
            model.ocr = ocrPaneModel()
            model.ocrArea = ocrArea
        }
        return model
    }

    private func messageRowModel() -> MessageRowModel {
        if case .help = state.mode, let filter = state.helpFilter, filter.typing {
            return .prompt(label: "filter help: ", input: filter.query)
        }
        if case .prompt(let p) = state.mode {
            var label = p.purpose.label
            if case .goTo = p.purpose { label = gotoLabel }
            if case .search(let forward) = p.purpose,
               let key = keymap.hint(for: forward ? .searchForward : .searchBackward, in: .review), key.count == 1 {
                // The key that opened it, as less and vim show (`\` in the default keymap, not `?`).
                label = key
            }
            return .prompt(label: label, input: p.input)
        }
        guard let m = state.message else { return .empty }
        return .message(m.text, isError: m.isError)
    }

    private func footerModel() -> FooterModel {
        let (context, commands) = footerCommands()
        var footer = FooterModel()
        if case .reasonPicker = state.mode { footer.digits = "1-\(min(9, options.reasons.count))" }
        footer.hints = commands.compactMap { command, label in
            keymap.hint(for: command, in: context).map { (KeyName.symbol($0), label) }
        }
        let help: Command? = {
            switch state.mode {
            case .reading: return .help
            case .help: return .helpClose
            case .prompt, .reasonPicker, .editing: return nil
            }
        }()
        if let help, let key = keymap.hint(for: help, in: context) {
            footer.pinnedLast = (KeyName.symbol(key), help == .help ? "help" : "close")
            footer.hints.removeAll { $0.label == "help" || $0.label == "close" }
        }
        if adjudication != nil, case .reading = state.mode { adjudicationFooter(&footer) }
        return footer
    }

    /// The commands whose keys the footer shows, per mode.
    private func footerCommands() -> (KeyContext, [(Command, String)]) {
        switch state.mode {
        case .reading:
            // In order of importance: the row is cut where it no longer fits.
            // Movement first, then deciding; the row drops hints from the right, and help
            // is pinned at the right end.
            return (.review, [(.next, "next"), (.accept, "accept"), (.reject, "reject"), (.skip, "skip"),
                              (.undo, "undo"), (.edit, "edit"), (.searchForward, "search"),
                              (.commandLine, "command"), (.nextUndecided, "undecided"), (.goto, "go to"),
                              (.quit, "quit")])
        case .prompt:
            return (.prompt, [(.promptSubmit, "ok"), (.promptCancel, "cancel"), (.historyPrev, "history")])
        case .reasonPicker:
            return (.picker, [(.pickerToggle, "tick"), (.pickerSubmit, "reject"), (.pickerNote, "note"),
                              (.promptCancel, "cancel")])
        case .help:
            return (.help, [(.pageDown, "page down"), (.pageUp, "page up"), (.helpFilter, "filter")])
        case .editing:
            return (.editor, [(.editorSave, "save"), (.editorCancel, "cancel")])
        }
    }

    /// The help as shown: narrowed by the help filter when one is typed.
    func visibleHelpLines() -> [String] {
        let lines = helpLines()
        return state.helpFilter?.apply(to: lines) ?? lines
    }

    /// The help text: every bound command of the active keymap, by context.
    public func helpLines() -> [String] {
        var lines: [String] = ["Keys (keymap: \(keymap.name)); commands are the names used in keymap files.", ""]
        let contexts: [(KeyContext, String)] = [(.review, "Reading"), (.prompt, "Prompts"), (.picker, "Reject reasons"),
                                                (.help, "Help"), (.editor, "Editor"), (.image, "Zoom mode and full view"),
                                                (.adjudicate, "Adjudication (winnow adjudicate)")]
        for (context, title) in contexts {
            var rows: [(keys: String, summary: String, name: String)] = []
            for command in Command.allCases where command.contexts.contains(context) {
                let keys = keymap.keyNames(for: command, in: context)
                guard !keys.isEmpty else { continue }
                rows.append((keys.joined(separator: ", "), command.summary, command.name))
            }
            if context == .picker { rows.insert(("1-9", "tick a reason by number", "(digits)"), at: 0) }
            if context == .adjudicate { rows.insert(("1-9", "rule as that reviewer did (picks their side)", "(digits)"), at: 0) }
            guard !rows.isEmpty else { continue }
            lines.append("\(title):")
            let keyWidth = min(18, rows.map { DisplayWidth.of($0.keys) }.max() ?? 8)
            for row in rows {
                let pad = max(1, keyWidth - DisplayWidth.of(row.keys) + 2)
                lines.append("  \(row.keys)\(String(repeating: " ", count: pad))\(row.summary)  [\(row.name)]")
            }
            lines.append("")
        }
        // Commands with no key in this keymap still run from the command line.
        let unbound = CommandCompletion.runnable.filter { keymap.keyNames(for: $0, in: .review).isEmpty }
        if !unbound.isEmpty {
            let opener = keymap.hint(for: .commandLine, in: .review) ?? ":"
            lines.append("Without a key (\(opener) then the name):")
            for command in unbound { lines.append("  \(command.name)  \(command.summary)") }
            lines.append("")
        }
        return lines
    }
}
