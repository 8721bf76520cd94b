import WinnowCore

/// A span of a line drawn in a different style (search match, `<image>` marker).
public struct StyledSpan: Sendable, Equatable {
    public var range: Range<String.Index>
    public var style: CellStyle
    public init(range: Range<String.Index>, style: CellStyle) {
        self.range = range
        self.style = style
    }
}

extension ScreenGrid {
    /// Draws untrusted text from (row, column), clipped to `maxWidth` columns, through
    /// `DisplayText` so nothing raw reaches the terminal. Placeholders get `placeholder`
    /// attributes added. Returns the columns used.
    @discardableResult
    public mutating func write(_ text: some StringProtocol, row: Int, column: Int, maxWidth: Int? = nil,
                               style: CellStyle = .plain, spans: [StyledSpan] = [],
                               placeholder: CellAttributes = .dim, tabStops: Bool = false) -> Int {
        let limit = min(width - column, maxWidth ?? Int.max)
        guard limit > 0, row >= 0, row < height else { return 0 }
        var col = 0
        var cells: [DisplayCell] = []
        var index = text.startIndex
        for c in text {
            let next = text.utf8.index(index, offsetBy: c.utf8.count)
            defer { index = next }
            cells.removeAll(keepingCapacity: true)
            if tabStops && c == "\t" {
                // To the next tab stop from where this write started (`LineWrapper(tabStops:)`).
                let n = DisplayWidth.tabWidth - col % DisplayWidth.tabWidth
                cells.append(contentsOf: repeatElement(DisplayCell(text: " ", width: 1), count: n))
            } else {
                DisplayText.appendCells(of: c, to: &cells)
            }
            var cellStyle = style
            for span in spans where span.range.contains(index) { cellStyle = span.style }
            for cell in cells {
                if col + cell.width > limit { return col }
                var st = cellStyle
                if cell.isPlaceholder { st.attributes.formUnion(placeholder) }
                put(cell.text, width: cell.width, row: row, column: column + col, style: st)
                col += cell.width
            }
        }
        return col
    }

    /// Like `write`, but text cut at `maxWidth` ends in `…` so the reader knows there is more.
    @discardableResult
    public mutating func writeTruncated(_ text: some StringProtocol, row: Int, column: Int, maxWidth: Int,
                                        style: CellStyle = .plain) -> Int {
        let limit = min(width - column, maxWidth)
        guard limit > 0 else { return 0 }
        let cells = DisplayText.cells(of: text)
        if cells.reduce(0, { $0 + $1.width }) <= limit {
            return write(text, row: row, column: column, maxWidth: limit, style: style)
        }
        var col = 0
        for cell in cells {
            if col + cell.width > limit - 1 { break }
            var st = style
            if cell.isPlaceholder { st.attributes.formUnion(.dim) }
            put(cell.text, width: cell.width, row: row, column: column + col, style: st)
            col += cell.width
        }
        put("…", width: 1, row: row, column: column + col, style: style)
        return col + 1
    }

    /// Fills the rest of a row from `column` with blanks of `style`.
    public mutating func clearRow(_ row: Int, from column: Int = 0, width fillWidth: Int? = nil,
                                  style: CellStyle = .plain) {
        fill(row: row, column: column, width: fillWidth ?? (width - column), height: 1, style: style)
    }

    /// Copies `other` into this grid with its top-left corner at (row, column).
    public mutating func blit(_ other: ScreenGrid, row: Int, column: Int) {
        for r in 0..<other.height {
            var c = 0
            while c < other.width {
                let cell = other[r, c]
                if cell.width == 0 { c += 1; continue }
                put(cell.text, width: Int(cell.width), row: row + r, column: column + c, style: cell.style)
                c += max(1, Int(cell.width))
            }
        }
    }

    /// The rows as text with trailing spaces removed (handy for test literals).
    public var trimmedRows: [String] {
        rows.map { row in
            var s = Substring(row)
            while s.last == " " { s = s.dropLast() }
            return String(s)
        }
    }
}
