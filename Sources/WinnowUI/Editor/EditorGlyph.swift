import WinnowCore

/// How the editor and the diff view draw one grapheme cluster: its own text when printable,
/// a visible stand-in otherwise, so text from a dataset or a paste can never reach the
/// terminal as raw control or bidi characters.
///
/// Policy: C0 controls show as their Control Pictures (U+2400 block, `␛` for ESC), DEL as
/// `␡`, a tab as `→`, C1 controls, bidi embeddings/overrides/isolates, and invisible format
/// characters (zero-width space, BOM) as `¿`. A stand-in takes exactly the columns the width
/// function gives the cluster, so the editor's layout and the reading view's agree.
enum EditorGlyph {
    /// The printable text for `c` and the columns it takes.
    static func visible(_ c: Character) -> (text: String, width: Int) {
        let width = max(1, DisplayWidth.of(c))
        guard needsStandIn(c) else { return (String(c), width) }
        let picture: String
        if let s = c.unicodeScalars.first {
            switch s.value {
            case 0x09: picture = "→"
            case 0x00...0x1F: picture = String(Character(Unicode.Scalar(0x2400 + s.value) ?? "?"))
            case 0x7F: picture = "␡"
            default: picture = "¿"
            }
        } else {
            picture = "¿"
        }
        return (picture, width)
    }

    /// Draws `c` at (row, column) and returns the columns it took. A stand-in narrower than
    /// the cluster's width is padded with blanks.
    @discardableResult
    static func draw(_ c: Character, into grid: inout ScreenGrid, row: Int, column: Int,
                     style: CellStyle) -> Int {
        let (text, width) = visible(c)
        if needsStandIn(c) {
            var marked = style
            marked.attributes.insert(.reverse)
            grid.put(text, width: 1, row: row, column: column, style: marked)
            for extra in 1..<max(2, width) where extra < width {
                grid.put(" ", width: 1, row: row, column: column + extra, style: style)
            }
        } else {
            grid.put(text, width: width, row: row, column: column, style: style)
        }
        return width
    }

    /// Whether a cluster holds anything that must not be written raw.
    static func needsStandIn(_ c: Character) -> Bool {
        c.unicodeScalars.contains { s in
            let v = s.value
            return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
                || v == 0x200B || v == 0xFEFF || (0xFFF9...0xFFFB).contains(v)
        }
    }
}
