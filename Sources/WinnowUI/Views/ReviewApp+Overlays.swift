import WinnowCore

extension ReviewApp {
    func renderPicker(_ grid: inout ScreenGrid, _ picker: ReasonPicker) {
        let theme = options.theme
        let longest = picker.reasons.map { DisplayWidth.of($0) }.max() ?? 10
        let w = min(grid.width - 2, max(38, longest + 14))
        // Border, reasons, note, chosen, border.
        let h = min(grid.height - 4, picker.reasons.count + 4)
        let top = max(2, (grid.height - h) / 2)
        let left = max(0, (grid.width - w) / 2)
        // A plain box with a border reads as an overlay in every theme; the highlighted
        // reason is reversed, which a reversed (monochrome footer) background would hide.
        grid.fill(row: top, column: left, width: w, height: h, style: .plain)
        drawBox(&grid, Rect(row: top, column: left, width: w, height: h), style: theme.border)
        let title = picker.ticked.isEmpty ? " reject #\(picker.sampleIndex): why? "
                                          : " reject #\(picker.sampleIndex): \(picker.ticked.count) ticked "
        grid.write(title, row: top, column: left + 2, maxWidth: w - 4, style: CellStyle(attributes: .bold))
        let inner = w - 2
        // Keep the highlighted reason in view when the list is taller than the box.
        let listRows = max(1, h - 4)
        let first = max(0, min(picker.selected - listRows + 1, picker.reasons.count - listRows))
        for (i, reason) in picker.reasons.enumerated() where i >= first {
            let row = top + 1 + i - first
            guard row < top + h - 3 else { break }
            let mark = picker.ticked.contains(i) ? "[x]" : "[ ]"
            let num = i < 9 ? "\(i + 1)" : " "
            let style = i == picker.selected ? theme.selection : CellStyle.plain
            grid.fill(row: row, column: left + 1, width: inner, height: 1, style: style)
            grid.write(" \(num) \(mark) \(reason)", row: row, column: left + 1, maxWidth: inner, style: style)
        }
        let noteRow = top + h - 3
        grid.write(" note: \(picker.note ?? "(none)")", row: noteRow, column: left + 1, maxWidth: inner, style: theme.dim)
        let chosen = picker.chosen.joined(separator: ", ")
        let submit = keymap.hint(for: "picker-submit", in: .picker) ?? "enter"
        grid.writeTruncated(" \(submit) rejects as: \(chosen)", row: top + h - 2, column: left + 1, maxWidth: inner,
                            style: theme.message)
    }

    /// A single-line box around `r` (corners and edges only; the inside is left alone).
    func drawBox(_ grid: inout ScreenGrid, _ r: Rect, style: CellStyle) {
        guard r.width >= 2, r.height >= 2 else { return }
        let right = r.column + r.width - 1
        let bottom = r.row + r.height - 1
        for c in (r.column + 1)..<right {
            grid.put("─", width: 1, row: r.row, column: c, style: style)
            grid.put("─", width: 1, row: bottom, column: c, style: style)
        }
        for row in (r.row + 1)..<bottom {
            grid.put("│", width: 1, row: row, column: r.column, style: style)
            grid.put("│", width: 1, row: row, column: right, style: style)
        }
        grid.put("┌", width: 1, row: r.row, column: r.column, style: style)
        grid.put("┐", width: 1, row: r.row, column: right, style: style)
        grid.put("└", width: 1, row: bottom, column: r.column, style: style)
        grid.put("┘", width: 1, row: bottom, column: right, style: style)
    }

    /// The help text: every bound command of the active keymap, by context.
    public func helpLines() -> [String] {
        var lines: [String] = ["Keys (keymap: \(keymap.name)); commands are the names used in keymap files.", ""]
        let contexts: [(KeyContext, String)] = [(.review, "Reading"), (.prompt, "Prompts"), (.picker, "Reject reasons"),
                                                (.help, "Help"), (.editor, "Editor")]
        for (context, title) in contexts {
            var rows: [(String, CommandInfo)] = []
            for info in CommandRegistry.all where info.contexts.contains(context) {
                let keys = keymap.keys(for: info.name, in: context)
                guard !keys.isEmpty else { continue }
                rows.append((keys.map(KeyName.format).joined(separator: " "), info))
            }
            if context == .picker { rows.insert(("1-9", CommandInfo("(digits)", "tick a reason by number", [.picker])), at: 0) }
            guard !rows.isEmpty else { continue }
            lines.append("\(title):")
            let keyWidth = min(18, rows.map { DisplayWidth.of($0.0) }.max() ?? 8)
            for (keys, info) in rows {
                var k = keys
                let pad = max(1, keyWidth - DisplayWidth.of(k) + 2)
                k += String(repeating: " ", count: pad)
                lines.append("  \(k)\(info.summary)  [\(info.name)]")
            }
            lines.append("")
        }
        return lines
    }

    func renderHelp(_ grid: inout ScreenGrid, _ r: Rect, scroll: Int) {
        let theme = options.theme
        let lines = helpLines()
        let rows = r.height - 1
        let maxScroll = max(0, lines.count - rows)
        let top = min(scroll, maxScroll)
        if case .help = state.mode { state.mode = .help(scroll: top) }
        grid.write(" help · \(top + 1)-\(min(lines.count, top + rows)) of \(lines.count)", row: r.row, column: 0, style: theme.label)
        for i in 0..<rows where top + i < lines.count {
            let line = lines[top + i]
            let style: CellStyle = line.hasSuffix(":") ? theme.gptRole : .plain
            grid.writeTruncated(line, row: r.row + 1 + i, column: 1, maxWidth: r.width - 2, style: style)
        }
    }
}
