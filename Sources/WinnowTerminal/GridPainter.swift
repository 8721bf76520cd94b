import WinnowUI

/// Turns successive `ScreenGrid`s into the writes a terminal needs: only cells that changed
/// since the last frame, everything after `invalidate()` or a size change. Pure: the
/// driver copies the result to the terminal.
struct GridPainter {
    /// Attributes only (NO_COLOR set or a terminal without colours).
    var monochrome = false
    private var previous: ScreenGrid?

    /// Forgets the last frame so the next one is written in full (after resize, suspend,
    /// an external program or a full-screen image).
    mutating func invalidate() {
        previous = nil
    }

    /// The writes that bring the terminal from the last frame to `grid`.
    mutating func update(to grid: ScreenGrid) -> FrameUpdate {
        let old = previous.flatMap { $0.width == grid.width && $0.height == grid.height ? $0 : nil }
        var writes: [FrameUpdate.CellWrite] = []
        for row in 0..<grid.height {
            for column in 0..<grid.width {
                let cell = grid[row, column]
                if let old, old[row, column] == cell { continue }
                // A continuation cell is covered by its lead cell; a changed continuation
                // whose lead did not change cannot happen (the grid blanks orphans).
                if cell.width == 0 { continue }
                writes.append(FrameUpdate.CellWrite(row: row, column: column,
                                                    scalars: GridPainter.printable(cell.text),
                                                    style: effectiveStyle(cell.style)))
            }
        }
        var cursor: CursorPosition?
        if let c = grid.cursor, c.row >= 0, c.row < grid.height, c.column >= 0, c.column < grid.width {
            cursor = c
        }
        previous = grid
        return FrameUpdate(fullRepaint: old == nil, writes: writes, cursor: cursor)
    }

    /// The cell's scalars with any control character replaced: the grid should already be
    /// safe, but nothing from a dataset may reach the terminal raw even if a view slips.
    static func printable(_ text: String) -> [UInt32] {
        var out: [UInt32] = []
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (0x7F...0x9F).contains(v) { out.append(0xFFFD) } else { out.append(v) }
        }
        return out.isEmpty ? [0x20] : out
    }

    /// Without colours, colours are dropped and a highlighted background becomes reverse
    /// video so selections stay visible.
    private func effectiveStyle(_ style: CellStyle) -> CellStyle {
        guard monochrome else { return style }
        var attributes = style.attributes
        if style.background != .default { attributes.insert(.reverse) }
        return CellStyle(attributes: attributes)
    }

    /// The nearest colour number the terminal has (-1: the default colour).
    static func colorNumber(_ color: TerminalColor, available: Int) -> Int32 {
        switch color {
        case .default:
            return -1
        case .indexed(let n):
            if Int(n) < available { return Int32(n) }
            return nearestBasic(rgb(ofIndexed: n), available: available)
        case .rgb(let r, let g, let b):
            if available >= 256 { return Int32(nearest256(r, g, b)) }
            return nearestBasic((Int(r), Int(g), Int(b)), available: available)
        }
    }

    private static let basic: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
        (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0),
        (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return dr * dr + dg * dg + db * db
    }

    static func nearestBasic(_ c: (Int, Int, Int), available: Int) -> Int32 {
        let limit = max(1, min(16, available))
        var best = 0
        for i in 0..<limit where distance(basic[i], c) < distance(basic[best], c) { best = i }
        return Int32(best)
    }

    private static let cubeLevels = [0, 95, 135, 175, 215, 255]

    static func rgb(ofIndexed n: UInt8) -> (Int, Int, Int) {
        let i = Int(n)
        if i < 16 { return basic[i] }
        if i >= 232 { let v = 8 + (i - 232) * 10; return (v, v, v) }
        let c = i - 16
        return (cubeLevels[c / 36], cubeLevels[(c / 6) % 6], cubeLevels[c % 6])
    }

    /// The nearest xterm-256 colour (6x6x6 cube or grey ramp).
    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        func level(_ v: UInt8) -> Int {
            var best = 0
            for i in 0..<6 where abs(cubeLevels[i] - Int(v)) < abs(cubeLevels[best] - Int(v)) { best = i }
            return best
        }
        let target = (Int(r), Int(g), Int(b))
        let cube = 16 + 36 * level(r) + 6 * level(g) + level(b)
        let grey = 232 + max(0, min(23, ((Int(r) + Int(g) + Int(b)) / 3 - 8) / 10))
        return distance(rgb(ofIndexed: UInt8(grey)), target) < distance(rgb(ofIndexed: UInt8(cube)), target)
            ? grey : cube
    }
}
