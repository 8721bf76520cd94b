import WinnowCore

/// Row h-2: the prompt being typed (with the cursor), or the message.
struct MessageRowView {
    let model: MessageRowModel
    let theme: Theme

    func render(into grid: inout ScreenGrid, _ r: Rect) {
        switch model {
        case .empty:
            return
        case .message(let text, let isError):
            // Sanitised first, so the fit measures what is drawn; never cut mid-word.
            grid.write(TextFit.words(DisplayText.sanitized(text), width: r.width), row: r.row, column: 0,
                       maxWidth: r.width, style: isError ? theme.error : theme.message)
        case .prompt(let label, let input):
            let labelWidth = grid.write(label, row: r.row, column: 0, style: theme.label)
            // Keep the cursor on screen: show the tail of a long input.
            let avail = max(1, r.width - labelWidth - 1)
            let chars = Array(input.text)
            let cursor = min(input.cursor, chars.count)
            var start = 0
            while start < cursor, DisplayWidth.of(String(chars[start..<cursor])) > avail { start += 1 }
            grid.write(String(chars[start...]), row: r.row, column: labelWidth, maxWidth: avail)
            let cursorCol = labelWidth + DisplayWidth.of(String(chars[start..<cursor]))
            grid.cursor = CursorPosition(row: r.row, column: min(r.width - 1, cursorCol))
        }
    }
}
