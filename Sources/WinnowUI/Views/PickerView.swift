import WinnowCore

/// The reject-reason picker: a bordered box over the dialogue.
struct PickerView {
    let model: PickerModel
    let theme: Theme

    func render(into grid: inout ScreenGrid) {
        let picker = model.picker
        let longest = picker.reasons.map { DisplayWidth.of($0) }.max() ?? 10
        let what = picker.batch.map(\.what) ?? "#\(picker.sampleIndex)"
        let title = picker.ticked.isEmpty ? " reject \(what): why? " : " reject \(what): \(picker.ticked.count) ticked "
        let w = min(grid.width - 2, max(38, longest + 14, DisplayWidth.of(title) + 6))
        // Border, reasons, note, chosen, border.
        let h = min(grid.height - 4, picker.reasons.count + 4)
        let top = max(2, (grid.height - h) / 2)
        let left = max(0, (grid.width - w) / 2)
        // A plain box with a border reads as an overlay in every theme; the highlighted
        // reason is reversed, which a reversed (monochrome footer) background would hide.
        grid.fill(row: top, column: left, width: w, height: h, style: .plain)
        BoxView(style: theme.border).render(into: &grid, Rect(row: top, column: left, width: w, height: h))
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
        grid.write(" note: \(picker.note ?? "(none)")", row: top + h - 3, column: left + 1, maxWidth: inner, style: theme.dim)
        let chosen = picker.chosen.isEmpty ? "(nothing ticked)" : picker.chosen.joined(separator: ", ")
        grid.writeTruncated(" \(model.submitKey) rejects as: \(chosen)", row: top + h - 2, column: left + 1, maxWidth: inner,
                            style: theme.message)
    }
}
