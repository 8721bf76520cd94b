/// A terminal colour: the default, one of the 256 indexed colours, or true colour.
public enum TerminalColor: Sendable, Equatable, Hashable {
    case `default`
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)
}

/// Text attributes of a cell. Views use these so that NO_COLOR and monochrome terminals still
/// see emphasis when colours are dropped.
public struct CellAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = CellAttributes(rawValue: 1 << 0)
    public static let dim = CellAttributes(rawValue: 1 << 1)
    public static let underline = CellAttributes(rawValue: 1 << 2)
    public static let reverse = CellAttributes(rawValue: 1 << 3)
    public static let italic = CellAttributes(rawValue: 1 << 4)
}

/// How a cell looks.
public struct CellStyle: Sendable, Hashable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: CellAttributes

    public init(foreground: TerminalColor = .default, background: TerminalColor = .default,
                attributes: CellAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = CellStyle()
}

/// One screen cell. A wide glyph owns a lead cell (`width == 2`) and the continuation cell
/// to its right (`width == 0`, empty text), as in SwiftTerm.
public struct Cell: Sendable, Hashable {
    /// One grapheme cluster, already made safe to print (no control characters).
    public var text: String
    /// 1 for a normal cell, 2 for the lead cell of a wide glyph, 0 for a continuation cell.
    public var width: UInt8
    public var style: CellStyle

    public init(text: String, width: UInt8 = 1, style: CellStyle = .plain) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static let blank = Cell(text: " ")
    static let continuation = Cell(text: "", width: 0)
}

/// A cell position on the screen.
public struct CursorPosition: Sendable, Hashable {
    public var row: Int
    public var column: Int
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}

/// The whole screen as a value: views render into it, tests compare it as text, and the
/// ncurses backend only copies it to the terminal.
public struct ScreenGrid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should sit, or nil to hide it. An input method on the
    /// reviewer's side draws its candidate window at this spot.
    public var cursor: CursorPosition?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The cell at (row, column); out-of-range reads give a blank cell.
    public subscript(row: Int, column: Int) -> Cell {
        guard row >= 0, row < height, column >= 0, column < width else { return .blank }
        return cells[row * width + column]
    }

    /// Writes one already-measured cluster at (row, column). A wide cluster that would
    /// straddle the right edge is replaced by a blank, and writing over half of a wide glyph
    /// blanks its other half, so the grid never holds half a glyph.
    public mutating func put(_ text: String, width clusterWidth: Int, row: Int, column: Int,
                             style: CellStyle = .plain) {
        guard row >= 0, row < height, column >= 0, column < width else { return }
        // Last line of defence: views draw through DisplayText, but nothing a terminal would
        // interpret may enter the grid even from a careless caller.
        let text = ScreenGrid.isSafe(text) ? text : "\u{FFFD}"
        let w = max(1, min(2, clusterWidth))
        if w == 2 && column + 1 >= width {
            setCell(row: row, column: column, Cell(text: " ", width: 1, style: style))
            return
        }
        setCell(row: row, column: column, Cell(text: text, width: UInt8(w), style: style))
        if w == 2 {
            setCell(row: row, column: column + 1, Cell(text: "", width: 0, style: style))
        }
    }

    /// Whether `text` holds no control, bidi-control or line-separator scalar.
    static func isSafe(_ text: String) -> Bool {
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x20 || (v >= 0x7F && v < 0xA0) { return false }
            if v >= 0x2028 && v <= 0x202E { return false }
            if v >= 0x2066 && v <= 0x2069 { return false }
            if v == 0x200E || v == 0x200F || v == 0x061C { return false }
        }
        return true
    }

    /// Fills a rectangle with blanks of the given style.
    public mutating func fill(row: Int, column: Int, width fillWidth: Int, height fillHeight: Int,
                              style: CellStyle = .plain) {
        for r in max(0, row)..<min(height, row + max(0, fillHeight)) {
            for c in max(0, column)..<min(width, column + max(0, fillWidth)) {
                setCell(row: r, column: c, Cell(text: " ", width: 1, style: style))
            }
        }
    }

    private mutating func setCell(row: Int, column: Int, _ cell: Cell) {
        let i = row * width + column
        let old = cells[i]
        // Blank the orphaned half of a wide glyph being overwritten.
        if old.width == 2, cell.width != 2, column + 1 < width {
            cells[i + 1] = Cell(text: " ", width: 1, style: cells[i + 1].style)
        }
        if old.width == 0, column > 0, cells[i - 1].width == 2 {
            cells[i - 1] = Cell(text: " ", width: 1, style: cells[i - 1].style)
        }
        cells[i] = cell
    }

    /// The rows as plain text (continuation cells contribute nothing), for tests.
    public var rows: [String] {
        (0..<height).map { r in
            var line = ""
            for c in 0..<width { line += cells[r * width + c].text }
            return line
        }
    }

    public static func == (lhs: ScreenGrid, rhs: ScreenGrid) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
            && lhs.cursor == rhs.cursor
    }
}
