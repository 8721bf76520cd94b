import WinnowCore

/// One metadata row: a label and an untrusted value.
struct MetadataLine {
    var label: String
    var value: String
    var isProblem = false
    /// A lint finding: shown in the warning style.
    var isWarning = false
}

extension ReviewApp {
    func metadataLines(sample: Sample?, unreadable: UnreadableSample?) -> [MetadataLine] {
        if let unreadable {
            return [MetadataLine(label: "unreadable", value: unreadable.description, isProblem: true)]
        }
        guard let s = sample else { return [] }
        var lines: [MetadataLine] = []
        lines.append(MetadataLine(label: "id", value: s.id + (s.idIsSynthetic ? " (no id in the sample)" : "")))
        let chosen = chosenImage(of: s)
        for (n, ref) in s.images.enumerated() {
            let img = imageLocator.resolve(ref)
            var v = ref
            if img.exists {
                v += " (\(MetadataFormatter.byteSize(img.byteSize ?? 0))"
                if let info = imageProvider?.info(path: img.path) {
                    if let f = info.format { v += ", \(f)" }
                    if let w = info.pixelWidth, let h = info.pixelHeight { v += " \(w)x\(h)" }
                    if let p = info.problem { v += ", \(p)" }
                    if let n = info.note { v += ", \(n)" }
                }
                v += ")"
            } else {
                v += " (MISSING)"
            }
            // Several images: numbered, the one the pane, `v` and `o` use marked.
            let label = s.images.count == 1 ? "image" : "\(n == chosen ? "▸" : "")image \(n + 1)/\(s.images.count)"
            lines.append(MetadataLine(label: label, value: v, isProblem: !img.exists))
        }
        for video in s.videos { lines.append(MetadataLine(label: "video", value: video)) }
        if s.images.isEmpty && s.videos.isEmpty { lines.append(MetadataLine(label: "image", value: "none")) }
        // Problems and lint findings come next: they are what a reviewer most needs, and the
        // compact pane at 80x24 has room for only the first few lines.
        for p in s.problems {
            lines.append(MetadataLine(label: "problem", value: p.message + (p.location.map { " at \($0)" } ?? ""), isProblem: true))
        }
        for f in SampleLinter().lint(s) {
            lines.append(MetadataLine(label: "lint", value: "\(f.kind.rawValue): \(f.message)", isWarning: true))
        }
        var counts: [(String, Int, Int)] = []   // role, turns, chars
        let turnChars = turnCharCounts(s)
        for (n, t) in s.turns.enumerated() {
            let chars = turnChars.indices.contains(n) ? turnChars[n] : 0
            if let i = counts.firstIndex(where: { $0.0 == t.roleName }) {
                counts[i].1 += 1
                counts[i].2 += chars
            } else {
                counts.append((t.roleName, 1, chars))
            }
        }
        lines.append(MetadataLine(label: "turns", value: "\(s.turns.count)" + (counts.isEmpty ? "" : " (" + counts.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + ")")))
        lines.append(MetadataLine(label: "chars", value: counts.map { "\($0.0) \($0.2)" }.joined(separator: ", ")))
        let typeField = s.taskTypeFieldIndex
        lines.append(MetadataLine(label: "type", value: taskTypeDescription(s, fieldIndex: typeField)))
        let review = journal?.review(at: s.index) ?? .undecided
        var decision = review.status.rawValue
        if !review.reasons.isEmpty { decision += ": " + review.reasons.joined(separator: ", ") }
        if let r = review.reviewer { decision += " by \(r)" }
        lines.append(MetadataLine(label: "decision", value: decision))
        if let note = review.note { lines.append(MetadataLine(label: "note", value: note)) }
        for n in review.notes { lines.append(MetadataLine(label: "note", value: n)) }
        if !review.flags.isEmpty { lines.append(MetadataLine(label: "flags", value: review.flags.joined(separator: ", "))) }
        // The task type line above already shows the field it was read from.
        for (n, m) in s.extraFields.enumerated() where n != typeField {
            lines.append(MetadataLine(label: m.key, value: MetadataFormatter.inline(m.value)))
        }
        return lines
    }

    /// "conversation (field)"; names the member and its value when they are not simply
    /// `type` with the canonical spelling, since that member is not listed separately.
    func taskTypeDescription(_ s: Sample, fieldIndex: Int?) -> String {
        var source = s.taskTypeSource.rawValue
        if let n = fieldIndex, s.extraFields.indices.contains(n) {
            let member = s.extraFields[n]
            if member.key != "type" || member.value.stringValue != s.taskType.rawValue {
                source += " \(member.key): \(MetadataFormatter.inline(member.value, limit: 60))"
            }
        }
        return "\(s.taskType.rawValue) (\(source))"
    }

    func renderMetadata(_ grid: inout ScreenGrid, _ r: Rect, lines: [MetadataLine], sideBySide: Bool) {
        let theme = options.theme
        var row = r.row
        let end = r.row + r.height
        if sideBySide {
            grid.write(" metadata", row: row, column: r.column, maxWidth: r.width, style: theme.label)
            row += 1
        }
        for (n, line) in lines.enumerated() {
            guard row < end else { break }
            if sideBySide, row == end - 1, n < lines.count - 1 {
                grid.write("… +\(lines.count - n) more", row: row, column: r.column + 1, style: theme.dim)
                break
            }
            let labelText = line.label + ": "
            let lw = grid.write(labelText, row: row, column: r.column + 1, maxWidth: min(r.width - 2, 18),
                                style: line.isProblem ? theme.error : line.isWarning ? theme.warning : theme.label)
            let valueWidth = r.width - 1 - lw
            if sideBySide {
                // Wrap values in the side pane; the stacked layout gives one row per field.
                let wrapped = TextWrapper.wrap(line.value, width: max(4, valueWidth))
                for (i, w) in wrapped.enumerated() {
                    guard row < end else { break }
                    if i > 0 && row + 1 >= end && i < wrapped.count - 1 {
                        grid.write("…", row: row, column: r.column + 1 + lw, style: theme.dim)
                        row += 1
                        break
                    }
                    grid.write(line.value[w.range], row: row, column: r.column + 1 + lw, maxWidth: valueWidth)
                    row += 1
                }
            } else {
                grid.writeTruncated(line.value, row: row, column: r.column + 1 + lw, maxWidth: valueWidth)
                row += 1
            }
        }
        if !sideBySide, lines.count > r.height, r.height > 0 {
            let more = "… +\(lines.count - r.height) (\(keymap.hint(for: "toggle-metadata", in: .review) ?? "M") shows)"
            let w = DisplayWidth.of(more)
            grid.clearRow(r.row + r.height - 1, from: max(0, r.width - w - 1), width: w + 1)
            grid.write(more, row: r.row + r.height - 1, column: max(0, r.width - w), style: theme.dim)
        }
    }

    func roleStyle(_ role: Role) -> CellStyle {
        switch role {
        case .human: return options.theme.humanRole
        case .gpt: return options.theme.gptRole
        case .system, .other: return options.theme.otherRole
        }
    }

    func renderDialogue(_ grid: inout ScreenGrid, _ r: Rect, sample: Sample?,
                        unreadable: Result<Sample, UnreadableSample>?) {
        let theme = options.theme
        guard r.height >= 2 else { return }
        let textWidth = max(4, r.width - 1)   // last column: scroll bar
        guard let sample else {
            let text: String
            if case .failure(let e)? = unreadable { text = "This sample cannot be read: \(e.description)" }
            else { text = state.visible.count == 0 ? "No samples match the filter (\(state.filter.summary))." : "No sample." }
            for (i, w) in TextWrapper.wrap(text, width: textWidth).enumerated() where i < r.height {
                grid.write(text[w.range], row: r.row + i, column: r.column + 1, style: theme.error)
            }
            return
        }
        let layout = dialogueLayout(for: sample, width: textWidth)
        let rows = r.height - 1   // first row: title with position indicator
        state.dialogueRows = rows
        state.dialogueLineCount = layout.lines.count
        let maxScroll = max(0, layout.lines.count - rows)
        if state.scroll > maxScroll { state.scroll = maxScroll }
        let top = state.scroll
        let last = min(layout.lines.count, top + rows)
        let where_ = layout.lines.count <= rows ? "all" : top == 0 ? "top" : last >= layout.lines.count ? "end" : "\(top * 100 / maxScroll)%"
        let title = " dialogue · lines \(top + 1)-\(last) of \(layout.lines.count) · \(where_) "
        grid.write(title, row: r.row, column: r.column, maxWidth: r.width, style: theme.label)
        if sample.turns.isEmpty {
            grid.write("(no turns: the conversation is empty)", row: r.row + 1, column: r.column + DialogueLayout.indent,
                       maxWidth: textWidth - DialogueLayout.indent, style: theme.error)
            return
        }
        let phrase = state.searchPhrase
        let currentMatch = phrase.flatMap { p in state.searchMatch.flatMap { layout.match($0, of: p, in: sample) } }
        for n in top..<last {
            let row = r.row + 1 + (n - top)
            switch layout.lines[n] {
            case .blank: break
            case .label(let t):
                guard sample.turns.indices.contains(t) else { break }
                let turn = sample.turns[t]
                var col = grid.write("▍\(turn.roleName)", row: row, column: r.column, maxWidth: textWidth, style: roleStyle(turn.role))
                let chars = turnCharCounts(sample)
                let n = chars.indices.contains(t) ? chars[t] : 0
                col += grid.write("  turn \(t + 1)/\(sample.turns.count) · \(n) chars", row: row,
                                  column: r.column + col, maxWidth: textWidth - col, style: theme.dim)
            case .text(let t, let range):
                guard sample.turns.indices.contains(t) else { break }
                let text = sample.turns[t].text
                if text.isEmpty || text.allSatisfy(\.isWhitespace), range.lowerBound == text.startIndex {
                    // Otherwise an empty answer is just a gap between two labels.
                    grid.write(text.isEmpty ? "(empty)" : "(only whitespace)", row: row,
                               column: r.column + DialogueLayout.indent, style: theme.error)
                    break
                }
                var spans: [StyledSpan] = []
                if layout.emphasis.indices.contains(t) {
                    for m in layout.emphasis[t].strong where m.overlaps(range) {
                        spans.append(StyledSpan(range: m, style: CellStyle(attributes: .bold)))
                    }
                    for m in layout.emphasis[t].markup where m.overlaps(range) {
                        spans.append(StyledSpan(range: m, style: theme.dim))
                    }
                }
                for m in layout.imageMarkers[t] where m.overlaps(range) {
                    spans.append(StyledSpan(range: m, style: theme.imageMarker))
                }
                if let phrase, !phrase.isEmpty {
                    for m in layout.matches(of: phrase, turn: t, in: sample) {
                        if m.lowerBound >= range.upperBound { break }
                        if m.overlaps(range) {
                            let isCurrent = currentMatch.map { $0.turn == t && $0.range == m } ?? false
                            spans.append(StyledSpan(range: m, style: isCurrent ? theme.currentMatch : theme.match))
                        }
                    }
                }
                grid.write(text[range], row: row, column: r.column + DialogueLayout.indent,
                           maxWidth: textWidth - DialogueLayout.indent, spans: spans)
            }
        }
        // Scroll bar in the last column.
        if layout.lines.count > rows {
            let barRows = rows
            let thumb = max(1, barRows * rows / layout.lines.count)
            let thumbTop = maxScroll == 0 ? 0 : (barRows - thumb) * top / maxScroll
            for i in 0..<barRows {
                let on = i >= thumbTop && i < thumbTop + thumb
                grid.put(on ? "┃" : "│", width: 1, row: r.row + 1 + i, column: r.column + r.width - 1,
                         style: on ? theme.label : theme.border)
            }
        }
    }

    func renderImage(_ grid: inout ScreenGrid, _ r: Rect, sample: Sample) {
        guard let provider = imageProvider, let chosen = chosenImage(of: sample), r.height > 2 else { return }
        let ref = sample.images[chosen]
        let img = imageLocator.resolve(ref)
        var title = " image"
        if sample.images.count > 1 {
            title += " \(chosen + 1)/\(sample.images.count)"
            if let key = keymap.hint(for: "next-image", in: .review) { title += " · \(key) next" }
        }
        grid.write(title, row: r.row, column: r.column, maxWidth: r.width, style: options.theme.label)
        let area = Rect(row: r.row + 1, column: r.column + 1, width: r.width - 2, height: r.height - 2)
        guard img.exists else {
            grid.write("missing: \(ref)", row: area.row, column: area.column, maxWidth: area.width, style: options.theme.error)
            return
        }
        lastImageRequest = (img.path, area.width, area.height)
        switch provider.preview(path: img.path, width: area.width, height: area.height) {
        case .loading:
            pendingImage = true
            grid.write("loading…", row: area.row, column: area.column, style: options.theme.dim)
        case .ready(let picture):
            grid.blit(picture, row: area.row, column: area.column)
        case .unavailable(let reason):
            // Reasons like "too large to decode: 30000x30000 (limit 40 megapixels)" are longer
            // than the pane is wide: wrap them.
            for (i, line) in TextWrapper.wrap(reason, width: area.width).prefix(area.height).enumerated() {
                grid.write(reason[line.range], row: area.row + i, column: area.column, maxWidth: area.width,
                           style: options.theme.dim)
            }
        }
    }

    func imageCommand(_ command: String) -> Effect {
        guard let index = state.currentIndex, case .success(let s) = decodedSample(at: index),
              let chosen = chosenImage(of: s) else {
            state.message = AppMessage("this sample has no image", isError: true)
            return .redraw
        }
        let img = imageLocator.resolve(s.images[chosen])
        guard img.exists else {
            state.message = AppMessage("image not found: \(img.path)", isError: true)
            return .redraw
        }
        guard let provider = imageProvider else {
            state.message = AppMessage("no image support in this build", isError: true)
            return .redraw
        }
        if command == "open-image" { return .runExternal(provider.viewer(path: img.path)) }
        guard let bytes = provider.fullScreen(path: img.path, width: state.width, height: state.height) else {
            state.message = AppMessage("cannot show this image: \(provider.info(path: img.path)?.problem ?? "unsupported")", isError: true)
            return .redraw
        }
        return .showFullScreen(bytes: bytes)
    }

    func renderEditorPlaceholder(_ grid: inout ScreenGrid, _ r: Rect) {
        grid.write("The editor is not available in this build.", row: r.row + 1, column: 2, style: options.theme.message)
        grid.write("\(keymap.hint(for: "editor-cancel", in: .editor) ?? "esc"): back to reading", row: r.row + 2, column: 2,
                   style: options.theme.dim)
    }
}
