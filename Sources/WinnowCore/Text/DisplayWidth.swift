// Width policy (the one width function; everything that measures or wraps text calls it).
//
// The terminal side is ncursesw in a UTF-8 locale: it stores one *spacing* character per cell
// plus non-spacing ones (`setcchar`), and advances by glibc's `wcwidth` of the spacing one.
// A grapheme cluster may hold several spacing characters (an emoji ZWJ family, a flag, a
// skin-tone modifier), which ncurses cannot keep in one cell, so Winnow measures what it will
// actually draw: `DisplayText` splits a cluster into cells of one spacing scalar plus its
// non-spacing marks, and a cluster's width is the sum of those cells' widths.
//
// Per spacing scalar:
// - East Asian Wide or Fullwidth (UAX #11), and Emoji_Presentation scalars: 2. This is what
//   glibc's wcwidth returns since glibc 2.26 (its tables come from EastAsianWidth.txt, which
//   marks every Emoji_Presentation scalar W since Unicode 9).
// - East Asian Ambiguous (“ ” … ① ○ and the like): 1, as wcwidth in a UTF-8 locale. A
//   terminal set to "ambiguous is wide" (some CJK setups) will disagree; the grid stays
//   aligned anyway because the backend places every cell at its own column.
// - Everything else printable: 1.
// Within a cluster, non-spacing marks (Mn, Me), variation selectors and ZWJ/ZWNJ are 0.
//
// Deliberate deviations, each made so Winnow and the terminal cannot disagree:
// - VS15/VS16 (U+FE0E/U+FE0F) are dropped when drawing: "❤️" (text-default heart + VS16) is
//   1 column to wcwidth but 2 in many terminals; without the selector both say 1.
// - ZWJ inside an emoji sequence is dropped and the parts are drawn side by side (as tmux
//   does), because one ncurses cell cannot hold two spacing characters.
// - Controls, bidi controls and standalone zero-width characters are never drawn raw; they
//   become visible placeholders whose width is measured like any other text (DisplayText).
// - Tab is expanded to `tabWidth` spaces (fixed, not to a tab stop, so that a wrapped line's
//   width does not depend on where the view places it).
// Where the Unicode version of Swift's tables and the system's glibc differ (a scalar newer
// than one of them), the two may disagree by one column for that scalar; the backend's
// absolute cell placement keeps the rest of the row aligned.

/// The one width function: display columns of a grapheme cluster in a terminal.
public enum DisplayWidth {
    /// Columns a tab expands to.
    public static let tabWidth = 4

    /// Columns taken by one grapheme cluster as Winnow draws it (0, 1 or 2 for ordinary text;
    /// more for a cluster drawn as several cells or as a placeholder such as `<U+202E>`).
    @inline(__always)
    public static func of(_ cluster: Character) -> Int {
        let scalars = cluster.unicodeScalars
        // Fast path: the common single-scalar cluster.
        if scalars.count == 1, let s = scalars.first {
            let v = s.value
            if v >= 0x20 && v < 0x7F { return 1 }
            if v >= 0x4E00 && v <= 0x9FFF { return 2 }
            if let w = spacingWidth(s) { return w }
        }
        return DisplayText.cells(of: cluster).reduce(0) { $0 + $1.width }
    }

    /// Columns taken by a string.
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for c in text { total += of(c) }
        return total
    }

    /// The width of a scalar that is drawn as itself in a cell of its own (1 or 2), or nil
    /// for scalars that are not (controls, format characters, non-spacing marks).
    @inline(__always)
    public static func spacingWidth(_ s: Unicode.Scalar) -> Int? {
        let v = s.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return nil }
        if v < 0x300 { return 1 }  // Latin; soft hyphen U+00AD is 1 in wcwidth too
        if isWide(v) { return 2 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control, .lineSeparator,
             .paragraphSeparator, .surrogate, .unassigned:
            return nil
        default:
            break
        }
        if isZeroWidthNonFormat(v) { return nil }
        if s.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Scalars with general category other than Mn/Me/Cf that wcwidth still gives 0
    /// (Hangul jungseong/jongseong that only combine).
    @inline(__always)
    static func isZeroWidthNonFormat(_ v: UInt32) -> Bool {
        (v >= 0x1160 && v <= 0x11FF) || (v >= 0xD7B0 && v <= 0xD7FF)
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks (UAX #11), excluding Emoji_Presentation
    /// scalars outside these blocks, which `spacingWidth` checks through the property.
    @inline(__always)
    static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        if v <= 0x115F { return true }                      // Hangul Choseong
        if v < 0x2E80 { return v == 0x2329 || v == 0x232A } // angle brackets
        if v >= 0x302A && v <= 0x302D { return false }     // combining tone marks (Mn)
        if v <= 0x303E { return true }                      // CJK radicals .. CJK symbols/punct
        if v == 0x3099 || v == 0x309A { return false }      // combining kana voicing (Mn)
        if v >= 0x3041 && v <= 0x33FF { return true }       // kana .. CJK compatibility
        if v >= 0x3400 && v <= 0x4DBF { return true }       // CJK ext A
        if v >= 0x4E00 && v <= 0x9FFF { return true }       // CJK unified
        if v >= 0xA000 && v <= 0xA4CF { return true }       // Yi
        if v >= 0xA960 && v <= 0xA97F { return true }       // Hangul Jamo ext A
        if v >= 0xAC00 && v <= 0xD7A3 { return true }       // Hangul syllables
        if v >= 0xF900 && v <= 0xFAFF { return true }       // CJK compatibility ideographs
        if v >= 0xFE10 && v <= 0xFE19 { return true }       // vertical forms
        if v >= 0xFE30 && v <= 0xFE6F { return true }       // CJK compatibility forms, small forms
        if v >= 0xFF00 && v <= 0xFF60 { return true }       // fullwidth forms
        if v >= 0xFFE0 && v <= 0xFFE6 { return true }       // fullwidth signs
        if v >= 0x16FE0 && v <= 0x16FE4 { return true }
        if v >= 0x17000 && v <= 0x18CFF { return true }     // Tangut
        if v >= 0x1B000 && v <= 0x1B2FF { return true }     // kana supplement, Nushu
        if v >= 0x1F200 && v <= 0x1F202 { return true }
        if v >= 0x1F210 && v <= 0x1F23B { return true }     // squared CJK
        if v >= 0x1F240 && v <= 0x1F248 { return true }
        if v >= 0x1F250 && v <= 0x1F251 { return true }
        if v >= 0x20000 && v <= 0x2FFFD { return true }     // CJK ext B..F
        if v >= 0x30000 && v <= 0x3FFFD { return true }     // CJK ext G..
        return false
    }
}
