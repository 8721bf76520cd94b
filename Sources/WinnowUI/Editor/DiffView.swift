import WinnowCore

/// Draws a grapheme diff of an edited turn: inline (deletions and insertions in one text) or
/// side by side (the original with its deletions marked, the edit with its insertions).
/// Lines wrap with the reading view's `TextWrapper`, so a wide character never straddles a
/// line end and CJK text lines up on the column grid.
public enum DiffView {
    /// Inline or side by side.
    public enum Mode: Sendable, Equatable { case inline, sideBySide }

    /// Styles for the three kinds of run. Deletions are dim and reversed, insertions bold and
    /// underlined, so the marking survives NO_COLOR and monochrome terminals.
    public struct Styles: Sendable {
        public var equal = CellStyle.plain
        public var deleted = CellStyle(foreground: .indexed(1), attributes: [.dim, .reverse])
        public var inserted = CellStyle(foreground: .indexed(2), attributes: [.bold, .underline])
        public init() {}

        func style(_ kind: DiffRun.Kind) -> CellStyle {
            switch kind {
            case .equal: return equal
            case .delete: return deleted
            case .insert: return inserted
            }
        }
    }

    /// One screen line: clusters with the kind of run each came from.
    public typealias Line = [(character: Character, kind: DiffRun.Kind)]

    /// Wraps the runs whose kind `keep` accepts into screen lines `width` columns wide. A
    /// changed line break shows as `↵` before the break.
    public static func lines(_ runs: [DiffRun], width: Int,
                             keep: (DiffRun.Kind) -> Bool = { _ in true }) -> [Line] {
        var display = ""
        var spans: [(end: Int, kind: DiffRun.Kind)] = []  // UTF-8 end offset of each span
        for run in runs where keep(run.kind) {
            for c in run.text {
                if run.kind != .equal && (c == "\n" || c == "\r\n") { display.append("↵") }
                display.append(c)
            }
            spans.append((display.utf8.count, run.kind))
        }
        let wrapped = TextWrapper.wrap(display, width: width)
        var result: [Line] = []
        result.reserveCapacity(wrapped.count)
        var span = 0
        let utf8 = display.utf8
        for line in wrapped {
            var cells: Line = []
            var i = line.range.lowerBound
            while i < line.range.upperBound {
                let offset = utf8.distance(from: utf8.startIndex, to: i)
                while span < spans.count - 1 && spans[span].end <= offset { span += 1 }
                let kind = spans.isEmpty ? DiffRun.Kind.equal : spans[span].kind
                cells.append((display[i], kind))
                i = display.index(after: i)
            }
            result.append(cells)
        }
        return result
    }

    /// The number of screen lines `render` needs for these runs at this width.
    public static func lineCount(runs: [DiffRun], mode: Mode, width: Int) -> Int {
        switch mode {
        case .inline: return lines(runs, width: width).count
        case .sideBySide:
            let half = max(2, (width - 1) / 2)
            return max(lines(runs, width: half) { $0 != .insert }.count, lines(runs, width: half) { $0 != .delete }.count)
        }
    }

    /// Draws the diff of `original` and `edited` into a rectangle from screen line
    /// `scrollTop`; returns the number of screen lines the diff takes (the taller side).
    @discardableResult
    public static func render(original: String, edited: String, mode: Mode,
                              into grid: inout ScreenGrid, row: Int, column: Int, width: Int,
                              height: Int, scrollTop: Int = 0, styles: Styles = Styles()) -> Int {
        let runs = GraphemeDiff.diff(original, edited)
        return render(runs: runs, mode: mode, into: &grid, row: row, column: column, width: width,
                      height: height, scrollTop: scrollTop, styles: styles)
    }

    /// Draws diff runs (see `render(original:edited:...)`).
    @discardableResult
    public static func render(runs: [DiffRun], mode: Mode, into grid: inout ScreenGrid, row: Int,
                              column: Int, width: Int, height: Int, scrollTop: Int = 0,
                              styles: Styles = Styles()) -> Int {
        guard width > 0, height > 0 else { return 0 }
        grid.fill(row: row, column: column, width: width, height: height, style: styles.equal)
        switch mode {
        case .inline:
            let all = lines(runs, width: width)
            draw(all, into: &grid, row: row, column: column, width: width, height: height,
                 scrollTop: scrollTop, styles: styles)
            return all.count
        case .sideBySide:
            let half = max(2, (width - 1) / 2)
            let left = lines(runs, width: half) { $0 != .insert }
            let right = lines(runs, width: half) { $0 != .delete }
            draw(left, into: &grid, row: row, column: column, width: half, height: height,
                 scrollTop: scrollTop, styles: styles)
            if width > half {
                for r in 0..<height {
                    grid.put("│", width: 1, row: row + r, column: column + half, style: CellStyle(attributes: [.dim]))
                }
            }
            let rightWidth = width - half - 1
            if rightWidth > 0 {
                draw(right, into: &grid, row: row, column: column + half + 1, width: rightWidth,
                     height: height, scrollTop: scrollTop, styles: styles)
            }
            return max(left.count, right.count)
        }
    }

    private static func draw(_ lines: [Line], into grid: inout ScreenGrid, row: Int, column: Int,
                             width: Int, height: Int, scrollTop: Int, styles: Styles) {
        let first = max(0, scrollTop)
        guard first < lines.count else { return }
        for (r, line) in lines[first..<min(lines.count, first + height)].enumerated() {
            var x = 0
            for (c, kind) in line {
                let w = DisplayWidth.of(c)
                if x + w > width { break }
                x += EditorGlyph.draw(c, into: &grid, row: row + r, column: column + x, style: styles.style(kind))
            }
        }
    }
}
