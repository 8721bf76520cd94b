import WinnowCore

extension ReviewApp {
    /// The dialogue width used by the last render (for scrolling to a search match).
    var lastDialogueWidth: Int { max(10, lastLayout?.dialogue.width ?? state.width) - 1 }

    func dialogueLayout(for sample: Sample, width: Int) -> DialogueLayout {
        layoutCache.layout(for: sample, width: width)
    }

    public func render(width: Int, height: Int) -> ScreenGrid {
        state.width = width
        state.height = height
        var grid = ScreenGrid(width: width, height: height)
        let theme = options.theme
        let current = state.currentIndex.map { source.sample(at: $0) }
        let sample: Sample? = if case .success(let s)? = current { s } else { nil }
        let metaLines = metadataLines(sample: sample, unreadable: current.flatMap { if case .failure(let e) = $0 { e } else { nil } })
        let wantsImage = imageProvider != nil && state.showImage && !(sample?.images.isEmpty ?? true)
        guard let layout = ReviewLayout.make(width: width, height: height, showMetadata: state.showMetadata,
                                             metadataLines: metaLines.count, wantsImage: wantsImage) else {
            renderTooSmall(&grid)
            return grid
        }
        lastLayout = layout
        renderHeader(&grid, layout.header, sample: sample)
        renderStatus(&grid, layout.status)
        if case .help(let scroll) = state.mode {
            renderHelp(&grid, Rect(row: 2, column: 0, width: width, height: height - 4), scroll: scroll)
        } else if case .editing = state.mode {
            let body = Rect(row: 2, column: 0, width: width, height: height - 4)
            if let editorRender { editorRender(self, &grid, body) } else { renderEditorPlaceholder(&grid, body) }
        } else {
            if let meta = layout.metadata {
                renderMetadata(&grid, meta, lines: metaLines, sideBySide: layout.sideBySide)
            }
            if let image = layout.image, let sample { renderImage(&grid, image, sample: sample) }
            if layout.sideBySide {
                for r in layout.dialogue.row..<(layout.dialogue.row + layout.dialogue.height) {
                    grid.put("│", width: 1, row: r, column: layout.dialogue.width, style: theme.border)
                }
            }
            renderDialogue(&grid, layout.dialogue, sample: sample, unreadable: current)
            if case .reasonPicker(let picker) = state.mode { renderPicker(&grid, picker) }
        }
        renderMessage(&grid, layout.message)
        renderFooter(&grid, layout.footer)
        return grid
    }

    func renderTooSmall(_ grid: inout ScreenGrid) {
        let lines = ["Terminal too small:", "\(grid.width)x\(grid.height),",
                     "need \(ReviewLayout.minimumWidth)x\(ReviewLayout.minimumHeight).",
                     "Enlarge it or press \(keymap.hint(for: "quit", in: .review) ?? "q") to quit."]
        for (i, line) in lines.enumerated() where i < grid.height {
            grid.write(line, row: i, column: 0, style: options.theme.message)
        }
    }

    // MARK: Header and status

    func renderHeader(_ grid: inout ScreenGrid, _ r: Rect, sample: Sample?) {
        let theme = options.theme
        grid.clearRow(r.row, style: theme.header)
        let file = NSStringLite(path: source.path).lastComponent
        var col = 1
        col += grid.write(file, row: r.row, column: col, maxWidth: max(8, r.width / 3), style: theme.header)
        let pos = state.visible.count == 0 ? "0 / 0" : "\(state.position + 1) / \(state.visible.count)"
        col += grid.write("  \(pos)", row: r.row, column: col, style: theme.header)
        if let index = state.currentIndex {
            col += grid.write("  #\(index)", row: r.row, column: col, style: theme.header)
            let id = sample?.id ?? "?"
            col += grid.write("  id ", row: r.row, column: col, style: theme.header)
            col += grid.write(id, row: r.row, column: col, maxWidth: max(6, r.width / 4), style: theme.header)
            if let t = sample?.taskType {
                col += grid.write("  \(t.rawValue)", row: r.row, column: col, style: theme.header)
            }
            let review = journal?.review(at: index) ?? .undecided
            let (badge, style) = badgeText(review)
            let bw = DisplayWidth.of(badge)
            let bcol = max(col + 2, r.width - bw - 1)
            grid.write(badge, row: r.row, column: bcol, style: style)
        }
    }

    func badgeText(_ review: SampleReview) -> (String, CellStyle) {
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

    func renderStatus(_ grid: inout ScreenGrid, _ r: Rect) {
        let theme = options.theme
        let total = state.base.count
        let decided = state.decidedInBase
        let percent = total == 0 ? 0 : decided * 100 / total
        let barWidth = max(10, min(30, r.width / 5))
        let filled = total == 0 ? 0 : min(barWidth, decided * barWidth / total)
        var col = 0
        for i in 0..<barWidth {
            if i < filled {
                grid.put(" ", width: 1, row: r.row, column: col + i, style: theme.selection)
            } else {
                grid.put("-", width: 1, row: r.row, column: col + i, style: theme.dim)
            }
        }
        col += barWidth
        col += grid.write(" \(decided)/\(total) decided (\(percent)%)", row: r.row, column: col)
        var parts: [String] = []
        if let label = options.baseLabel { parts.append(label) }
        if state.filter.isActive { parts.append("filter: \(state.filter.summary) (\(state.visible.count))") }
        if !state.autoAdvance { parts.append("stay after deciding") }
        if journal == nil { parts.append("READ-ONLY") }
        if let p = state.searchPhrase { parts.append("search: \(p)") }
        if !parts.isEmpty {
            grid.write("  " + parts.joined(separator: " · "), row: r.row, column: col,
                       style: state.filter.isActive ? theme.message : theme.label)
        }
    }

    // MARK: Message and footer

    func renderMessage(_ grid: inout ScreenGrid, _ r: Rect) {
        let theme = options.theme
        if case .prompt(let p) = state.mode {
            let labelWidth = grid.write(p.purpose.label, row: r.row, column: 0, style: theme.label)
            // Keep the cursor on screen: show the tail of a long input.
            let avail = max(1, r.width - labelWidth - 1)
            let chars = Array(p.input.text)
            var start = 0
            while DisplayWidth.of(String(chars[start..<min(p.input.cursor, chars.count)])) > avail && start < chars.count { start += 1 }
            let visible = String(chars[start...])
            grid.write(visible, row: r.row, column: labelWidth, maxWidth: avail)
            let cursorCol = labelWidth + DisplayWidth.of(String(chars[start..<min(p.input.cursor, chars.count)]))
            grid.cursor = CursorPosition(row: r.row, column: min(r.width - 1, cursorCol))
            return
        }
        if let m = state.message {
            grid.write(m.text, row: r.row, column: 0, style: m.isError ? theme.error : theme.message)
        }
    }

    /// The commands whose keys the footer shows, per mode.
    func footerCommands() -> (KeyContext, [(String, String)]) {
        switch state.mode {
        case .reading:
            return (.review, [("accept", "accept"), ("reject", "reject"), ("skip", "skip"), ("undo", "undo"),
                              ("edit", "edit"), ("next-undecided", "next"), ("search-forward", "search"),
                              ("goto", "go to"), ("help", "help"), ("quit", "quit")])
        case .prompt:
            return (.prompt, [("prompt-submit", "ok"), ("prompt-cancel", "cancel"), ("history-prev", "history")])
        case .reasonPicker:
            return (.picker, [("picker-toggle", "tick"), ("picker-submit", "reject"), ("picker-note", "note"),
                              ("prompt-cancel", "cancel")])
        case .help:
            return (.help, [("help-close", "close"), ("page-down", "page down"), ("page-up", "page up")])
        case .editing:
            return (.editor, [("editor-save", "save"), ("editor-cancel", "cancel")])
        }
    }

    func renderFooter(_ grid: inout ScreenGrid, _ r: Rect) {
        let theme = options.theme
        grid.clearRow(r.row, style: theme.footer)
        let (context, commands) = footerCommands()
        var col = 0
        if case .reasonPicker = state.mode {
            col += grid.write(" 1-\(min(9, options.reasons.count))", row: r.row, column: col, style: theme.keyHint)
            col += grid.write(" pick ", row: r.row, column: col, style: theme.footer)
        }
        for (command, label) in commands {
            guard let key = keymap.hint(for: command, in: context) else { continue }
            let need = DisplayWidth.of(key) + DisplayWidth.of(label) + 3
            if col + need > r.width { break }
            col += grid.write(" \(key)", row: r.row, column: col, style: theme.keyHint)
            col += grid.write(" \(label) ", row: r.row, column: col, style: theme.footer)
        }
    }
}

/// Path helpers without Foundation's NSString.
struct NSStringLite {
    let path: String
    var lastComponent: String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

