import Foundation
import WinnowCore

extension ReviewApp {
    /// The dialogue width used by the last render (for scrolling to a search match).
    var lastDialogueWidth: Int { max(10, lastLayout?.dialogue.width ?? state.width) - 1 }

    /// The sample at `index` as the review sees it now (an edit in force applied to its
    /// turns), decoded once while it stays on screen.
    public func decodedSample(at index: Int) -> Result<Sample, UnreadableSample> {
        if let cached = sampleCache, cached.index == index { return cached.result }
        var result = source.sample(at: index)
        if case .success(var s) = result, let edit = journal?.review(at: index).edit {
            switch edit {
            case .turns(let changed):
                for (i, text) in changed where s.turns.indices.contains(i) { s.turns[i].text = text }
            case .conversation(let turns):
                s.turns = turns
            }
            result = .success(s)
        }
        sampleCache = (index, result)
        return result
    }

    /// Forgets what was decoded and wrapped for `index` (its text changed with an edit or undo).
    public func invalidateSample(_ index: Int) {
        if sampleCache?.index == index { sampleCache = nil }
        if charCountCache?.index == index { charCountCache = nil }
        layoutCache.invalidate(sampleIndex: index)
    }

    /// Characters per turn of `sample` (counted once: a long turn takes a while to count).
    func turnCharCounts(_ sample: Sample) -> [Int] {
        if let c = charCountCache, c.index == sample.index, c.counts.count == sample.turns.count { return c.counts }
        let counts = sample.turns.map { $0.text.count }
        charCountCache = (sample.index, counts)
        return counts
    }

    func dialogueLayout(for sample: Sample, width: Int) -> DialogueLayout {
        layoutCache.layout(for: sample, width: width)
    }

    /// Draws header, status, panes, message row and key hints (or a too-small notice).
    public func render(width: Int, height: Int) -> ScreenGrid {
        state.width = width
        state.height = height
        var grid = ScreenGrid(width: width, height: height)
        let theme = options.theme
        let current = state.currentIndex.map { decodedSample(at: $0) }
        let sample: Sample? = if case .success(let s)? = current { s } else { nil }
        let metaLines = metadataLines(sample: sample, unreadable: current.flatMap { if case .failure(let e) = $0 { e } else { nil } })
        // A missing file gets no pane (the metadata flags it): an empty 60x30 box saying
        // "missing" would take the room the metadata and dialogue need. With several images
        // the pane stays while any exists, so that `next-image` does not reflow the screen.
        let wantsImage = imageProvider != nil && state.showImage
            && (sample?.images.contains { imageLocator.resolve($0).exists } ?? false)
        guard let layout = ReviewLayout.make(width: width, height: height, showMetadata: state.showMetadata,
                                             metadataLines: metaLines.count, wantsImage: wantsImage,
                                             expandMetadata: state.expandMetadata) else {
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
            if let editorRender { editorRender(self, &grid, body) } else { renderEditing(&grid, body) }
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
            if state.diffMode == nil || !renderDiff(&grid, layout.dialogue, index: state.currentIndex ?? -1) {
                renderDialogue(&grid, layout.dialogue, sample: sample, unreadable: current)
            }
            if case .reasonPicker(let picker) = state.mode { renderPicker(&grid, picker) }
            // The note prompt belongs to the rejection: keep its reasons in view above it.
            if case .prompt(let p) = state.mode, case .rejectNote(let picker) = p.purpose { renderPicker(&grid, picker) }
        }
        renderMessage(&grid, layout.message)
        renderFooter(&grid, layout.footer)
        return grid
    }

    func renderTooSmall(_ grid: inout ScreenGrid) {
        // Short lines, so that even a 20x5 pane says how to get out.
        // Keys other than quit (from the reading view) are ignored until it is enlarged.
        let quit = keymap.hint(for: "quit", in: .review) ?? "q"
        let last = state.mode == .reading ? "\(quit) quits." : "Enlarge it."
        let lines = ["Terminal too small:", "\(grid.width)x\(grid.height), need",
                     "\(ReviewLayout.minimumWidth)x\(ReviewLayout.minimumHeight).", last]
        for (i, line) in lines.enumerated() where i < grid.height {
            grid.writeTruncated(line, row: i, column: 0, maxWidth: grid.width, style: options.theme.message)
        }
    }

    // MARK: Header and status

    func renderHeader(_ grid: inout ScreenGrid, _ r: Rect, sample: Sample?) {
        let theme = options.theme
        grid.clearRow(r.row, style: theme.header)
        // The badge is drawn first at the right; the rest is cut to leave room for it.
        var end = r.width
        if let index = state.currentIndex {
            let (badge, style) = badgeText(journal?.review(at: index) ?? .undecided)
            let bw = DisplayWidth.of(badge)
            end = max(0, r.width - bw - 1)
            grid.write(badge, row: r.row, column: end, style: style)
        }
        let file = PathText.lastComponent(source.path)
        var col = 1
        /// Writes `text` cut with an ellipsis; an `optional` piece is written whole or not at all.
        func add(_ text: String, limit: Int? = nil, optional: Bool = false) {
            let room = end - col - 1
            guard room > 0 else { return }
            if optional && DisplayWidth.of(text) > room { return }
            col += grid.writeTruncated(text, row: r.row, column: col, maxWidth: min(room, limit ?? room), style: theme.header)
        }
        // Below 60 columns the position and id matter more than the file name.
        let showFile = r.width >= 60
        if showFile { add(file, limit: max(8, r.width / 4)) }
        let position = state.visible.count == 0 ? "0 / 0" : "\(state.position + 1) / \(state.visible.count)"
        add(showFile ? "  " + position : position)
        if let index = state.currentIndex {
            add("  #\(index)", optional: true)
            add("  id " + (sample?.id ?? "?"), limit: max(6, r.width / 4) + 5)
            if let t = sample?.taskType { add("  \(t.rawValue)", optional: true) }
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
        col += grid.write(" \(decided)/\(total) decided (\(Self.percentText(decided, of: total)))", row: r.row, column: col)
        var parts: [String] = []
        if let label = options.baseLabel { parts.append(label) }
        if let scan = state.filterScan {
            parts.append("filter: \(state.filter.summary) (\(scan.kept.count)… \(scan.next * 100 / max(1, state.base.count))%)")
        } else if state.filter.isActive {
            parts.append("filter: \(state.filter.summary) (\(state.visible.count))")
        }
        if !state.autoAdvance { parts.append("stay after deciding") }
        if journal == nil { parts.append("READ-ONLY") }
        if let p = state.searchPhrase { parts.append("search: \(p)") }
        if !parts.isEmpty {
            grid.writeTruncated("  " + parts.joined(separator: " · "), row: r.row, column: col,
                                maxWidth: r.width - col, style: state.filter.isActive ? theme.message : theme.label)
        }
    }

    /// "37%", or with a tenth below 10% so progress through a 641,868-sample file is
    /// visible ("0.3%", "<0.1%") instead of a long run of "0%".
    static func percentText(_ part: Int, of total: Int) -> String {
        guard total > 0, part > 0 else { return "0%" }
        let tenths = part * 1000 / total
        if tenths >= 100 { return "\(part * 100 / total)%" }
        if tenths == 0 { return "<0.1%" }
        return "\(tenths / 10).\(tenths % 10)%"
    }

    // MARK: Message and footer

    func renderMessage(_ grid: inout ScreenGrid, _ r: Rect) {
        let theme = options.theme
        if case .prompt(let p) = state.mode {
            var label = p.purpose.label
            if case .search(let forward) = p.purpose,
               let key = keymap.hint(for: forward ? "search-forward" : "search-backward", in: .review), key.count == 1 {
                // The key that opened it, as less and vim show (`\` in the default keymap, not `?`).
                label = key
            }
            let labelWidth = grid.write(label, row: r.row, column: 0, style: theme.label)
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
            // In order of importance: the row is cut where it no longer fits.
            return (.review, [("accept", "accept"), ("reject", "reject"), ("skip", "skip"), ("undo", "undo"),
                              ("edit", "edit"), ("search-forward", "search"), ("help", "help"), ("quit", "quit"),
                              ("next-undecided", "next"), ("goto", "go to")])
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
