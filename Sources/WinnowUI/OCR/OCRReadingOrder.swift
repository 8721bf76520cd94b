import WinnowCore

/// Puts OCR lines in reading order: top to bottom, and left to right within a row.
///
/// Why not a comparator: "same row" (vertical centres within each other's boxes) is not
/// transitive, and a sort needs a strict weak order. Lines are taken by the centre of their
/// box from the top; a line joins the current row when its centre lies within the row's
/// first box; each row is then read left to right.
enum OCRReadingOrder {
    static func sorted(_ lines: [OCRLine]) -> [OCRLine] {
        let byCentre = lines.enumerated().sorted { a, b in
            let ca = centre(a.element), cb = centre(b.element)
            return ca != cb ? ca < cb : a.offset < b.offset
        }.map(\.element)
        var out: [OCRLine] = []
        var row: [OCRLine] = []
        for line in byCentre {
            if let first = row.first, centre(line) > clamp(first.box.y) + clamp(first.box.height) {
                out += row.sorted { $0.box.x < $1.box.x }
                row = []
            }
            row.append(line)
        }
        out += row.sorted { $0.box.x < $1.box.x }
        return out
    }

    private static func centre(_ line: OCRLine) -> Int {
        clamp(line.box.y) + clamp(line.box.height) / 2
    }

    /// Boxes come from a file (the cache): keep sums far from overflowing.
    private static func clamp(_ v: Int) -> Int { min(max(v, -(1 << 40)), 1 << 40) }
}
