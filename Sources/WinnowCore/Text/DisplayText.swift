/// One terminal cell's worth of text, already safe to print.
public struct DisplayCell: Sendable, Equatable {
    /// One spacing character plus its non-spacing marks, or one character of a placeholder.
    public var text: String
    /// 1 or 2.
    public var width: Int
    /// Part of a placeholder for something that cannot be printed as is (draw it dim).
    public var isPlaceholder: Bool

    public init(text: String, width: Int, isPlaceholder: Bool = false) {
        self.text = text
        self.width = width
        self.isPlaceholder = isPlaceholder
    }
}

/// Turns untrusted text into cells that are safe to send to a terminal.
///
/// Nothing that a terminal interprets reaches it raw: C0 controls and DEL become the Control
/// Pictures (`␀` … `␟`, `␡`; ESC is `␛`), C1 controls, bidi overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069), marks (LRM, RLM, ALM), line/paragraph separators and
/// standalone zero-width characters (ZWSP, word joiner, BOM, …) become `<U+XXXX>`; every
/// placeholder cell is flagged so views draw it dim. A no-break space is drawn as `⍽`; ZWJ,
/// ZWNJ and variation selectors 15/16 outside emoji sequences become `<U+XXXX>` too. A
/// combining mark with nothing to combine with is drawn on a dotted circle (`◌́`). See
/// DisplayWidth for the width policy.
public enum DisplayText {
    /// The cells that draw one grapheme cluster.
    public static func cells(of cluster: Character) -> [DisplayCell] {
        var out: [DisplayCell] = []
        appendCells(of: cluster, to: &out)
        return out
    }

    /// The cells that draw a whole string (newlines included, drawn as `␊`).
    public static func cells(of text: some StringProtocol) -> [DisplayCell] {
        var out: [DisplayCell] = []
        out.reserveCapacity(text.utf8.count)
        for c in text { appendCells(of: c, to: &out) }
        return out
    }

    /// The text made safe, as one string (for messages and single-line fields).
    public static func sanitized(_ text: some StringProtocol) -> String {
        var s = ""
        for cell in cells(of: text) { s += cell.text }
        return s
    }

    /// Appends the cells of `cluster` to `out`.
    public static func appendCells(of cluster: Character, to out: inout [DisplayCell]) {
        if cluster == "\t" {
            for _ in 0..<DisplayWidth.tabWidth { out.append(DisplayCell(text: " ", width: 1)) }
            return
        }
        if cluster == "\r\n" {
            appendPlaceholder("\u{240D}\u{240A}", to: &out)
            return
        }
        let scalars = cluster.unicodeScalars
        if scalars.count == 1, let s = scalars.first, let w = DisplayWidth.spacingWidth(s) {
            if s.value == 0xA0 {
                // No-break space looks like a space but is a classic data defect: show it.
                out.append(DisplayCell(text: "\u{237D}", width: 1, isPlaceholder: true))
                return
            }
            out.append(DisplayCell(text: String(cluster), width: w))
            return
        }
        // General path: one cell per spacing scalar; marks join the cell before them.
        var current: String? = nil
        var currentWidth = 0
        var currentIsEmoji = false
        func flush() {
            if let c = current { out.append(DisplayCell(text: c, width: currentWidth)) }
            current = nil
        }
        for s in scalars {
            let v = s.value
            if let w = DisplayWidth.spacingWidth(s) {
                flush()
                current = String(Character(s))
                currentWidth = w
                currentIsEmoji = s.properties.isEmoji && v > 0xFF
                continue
            }
            // Emoji presentation selectors, ZWJ and tag characters are dropped inside emoji
            // sequences (see DisplayWidth); anywhere else they are invisible junk and shown.
            if currentIsEmoji && (v == 0xFE0E || v == 0xFE0F || v == 0x200D || v == 0x200C
                                  || (v >= 0xE0020 && v <= 0xE007F)) {
                continue
            }
            if (v == 0xFE0E || v == 0xFE0F), !currentIsEmoji {
                flush()
                appendPlaceholder(placeholder(for: s), to: &out)
                continue
            }
            if isNonSpacingMark(s) {
                if current == nil {
                    current = "\u{25CC}"    // dotted circle carries a mark with no base
                    currentWidth = 1
                }
                current?.unicodeScalars.append(s)
                continue
            }
            flush()
            appendPlaceholder(placeholder(for: s), to: &out)
        }
        flush()
    }

    /// Whether `s` is a mark drawn on the character before it (width 0 in wcwidth).
    static func isNonSpacingMark(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if (v >= 0xFE00 && v <= 0xFE0D) || (v >= 0xE0100 && v <= 0xE01EF) { return true }
        if DisplayWidth.isZeroWidthNonFormat(v) { return true }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// The visible stand-in for a scalar that must not be printed raw.
    public static func placeholder(for s: Unicode.Scalar) -> String {
        let v = s.value
        if v < 0x20, let pic = Unicode.Scalar(0x2400 + v) { return String(Character(pic)) }
        if v == 0x7F { return "\u{2421}" }
        var hex = String(v, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        return "<U+\(hex)>"
    }

    private static func appendPlaceholder(_ text: String, to out: inout [DisplayCell]) {
        for c in text { out.append(DisplayCell(text: String(c), width: 1, isPlaceholder: true)) }
    }
}
