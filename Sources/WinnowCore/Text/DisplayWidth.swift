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
// Within a cluster, non-spacing marks (Mn, Me) and variation selectors are 0; ZWJ, VS15/16
// and tag characters are 0 inside emoji sequences and drawn as placeholders anywhere else.
//
// Deliberate deviations, each made so Winnow and the terminal cannot disagree:
// - VS15/VS16 (U+FE0E/U+FE0F) are dropped when drawing: "❤️" (text-default heart + VS16) is
//   1 column to wcwidth but 2 in many terminals; without the selector both say 1.
// - ZWJ inside an emoji sequence is dropped and the parts are drawn side by side (as tmux
//   does), because one ncurses cell cannot hold two spacing characters.
// - Controls, bidi controls and standalone zero-width characters are never drawn raw; they
//   become visible placeholders whose width is measured like any other text (DisplayText).
// - Tab is expanded to `tabWidth` spaces (fixed, not to a tab stop, so that a wrapped line's
//   width does not depend on where the view places it). The reading view's dialogue and the
//   editor are the exception: there a tab goes to the next multiple of `tabWidth` from the
//   screen line's start (`DisplayWidth.advance`, `LineWrapper(tabStops:)` and
//   `ScreenGrid.write(tabStops:)` agree on it), so tab-aligned tables in answers line up.
// - Regional indicators (flag halves) are 1 each, as in glibc; a flag is drawn as two cells.
// - Scalars assigned after Unicode `newestUnicodeMajor` (glibc 2.36's tables) and unassigned
//   ones are drawn as `<U+XXXX>`: wcwidth says -1 for them and ncurses would not draw them.
// Checked against glibc 2.36 wcwidth for every scalar Winnow draws as itself (142,342 of them,
// WcwidthAgreementTests): 4 differ (U+31E4, U+31E5, U+31EF, U+1171E). A terminal whose own
// tables differ (another libc, "ambiguous is wide") can still disagree for a glyph; the
// backend draws every cell at its own column, so one glyph cannot shift the rest of a row.

/// The one width function: display columns of a grapheme cluster in a terminal.
public enum DisplayWidth {
    /// Columns a tab expands to.
    public static let tabWidth = 4

    /// Scalars assigned after this Unicode major version are drawn as `<U+XXXX>`: glibc 2.36
    /// (Debian 12, the CI image) has Unicode 14 tables, and its wcwidth returns -1 for newer
    /// scalars, which ncurses will not draw (about 15,000 scalars of Swift's tables, e.g. U+1FAE8).
    public static let newestUnicodeMajor = 14

    /// Columns `cluster` takes when it starts `column` columns into a screen line: a tab goes
    /// to the next tab stop (a multiple of `tabWidth`), anything else is `of(cluster)`. The
    /// reading view and the editor measure with this, so tab-aligned tables line up in both.
    @inline(__always)
    public static func advance(_ cluster: Character, atColumn column: Int) -> Int {
        cluster == "\t" ? tabWidth - max(0, column) % tabWidth : of(cluster)
    }

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
            // CJK punctuation and fullwidth forms: all assigned long ago, all wide.
            if (v >= 0x3000 && v <= 0x3029) || (v >= 0xFF01 && v <= 0xFF60) { return 2 }
            if v != 0xA0, let w = spacingWidth(s) { return w }
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
        // CJK blocks keep receiving new ideographs, and unassigned scalars there are not wide
        // to wcwidth: check the age before calling anything from U+2E80 on wide.
        if v >= 0x2E80, !(v >= 0x4E00 && v <= 0x9FFF) {
            guard let age = s.properties.age, age.major <= newestUnicodeMajor else { return nil }
        }
        if isWide(v) { return 2 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control, .lineSeparator,
             .paragraphSeparator, .surrogate, .unassigned:
            return nil
        default:
            break
        }
        if isZeroWidthNonFormat(v) { return nil }
        // Newer than the C library's tables: wcwidth says -1 and ncurses would not draw it.
        if let age = s.properties.age, age.major > newestUnicodeMajor { return nil }
        if v >= 0x1F1E6 && v <= 0x1F1FF { return 1 }        // regional indicators: 1 in glibc
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
        if v >= 0x4DC0 && v <= 0x4DFF { return true }       // Yijing hexagrams (2 in glibc)
        if v >= 0x16FE0 && v <= 0x16FE3 { return true }
        if v >= 0x16FF0 && v <= 0x16FF1 { return true }
        if v >= 0x17000 && v <= 0x18D7F { return true }     // Tangut, Khitan
        if v >= 0x1AFF0 && v <= 0x1AFFF { return true }     // kana extended B
        if v >= 0x1B000 && v <= 0x1B2FF { return true }     // kana supplement, Nushu
        if v >= 0x1F260 && v <= 0x1F265 { return true }     // symbols for Chinese folk religion
        if v >= 0x1F200 && v <= 0x1F202 { return true }
        if v >= 0x1F210 && v <= 0x1F23B { return true }     // squared CJK
        if v >= 0x1F240 && v <= 0x1F248 { return true }
        if v >= 0x1F250 && v <= 0x1F251 { return true }
        if v >= 0x20000 && v <= 0x2FFFD { return true }     // CJK ext B..F
        if v >= 0x30000 && v <= 0x3FFFD { return true }     // CJK ext G..
        return false
    }
}
