import Testing
import WinnowCore

@Suite struct DisplayWidthTests {
    @Test func asciiAndCJK() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("中文") == 4)
        #expect(DisplayWidth.of("，。") == 4)         // fullwidth punctuation
        #expect(DisplayWidth.of("ｶ") == 1)            // halfwidth katakana
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("𠀋") == 2)           // CJK extension B
    }

    @Test func ambiguousIsNarrow() {
        #expect(DisplayWidth.of("“”…") == 3)
        #expect(DisplayWidth.of("①○") == 2)
    }

    @Test func emoji() {
        #expect(DisplayWidth.of("😀") == 2)           // Emoji_Presentation
        #expect(DisplayWidth.of("❤️") == 1)           // text-default + VS16: selector dropped
        #expect(DisplayWidth.of("👍🏽") == 4)          // base + modifier: two cells
        #expect(DisplayWidth.of("👨‍👩‍👧") == 6)         // ZWJ family drawn side by side
    }

    @Test func combiningMarksAreZeroWithinACluster() {
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("が") == 2)
        #expect(DisplayWidth.of("か\u{3099}") == 2)
    }

    @Test func controlsAndTabs() {
        #expect(DisplayWidth.of("\u{1B}") == 1)        // ␛
        #expect(DisplayWidth.of("\u{202E}") == 8)      // <U+202E>
        #expect(DisplayWidth.of("\t") == DisplayWidth.tabWidth)
    }

    /// Every cell DisplayText produces must agree with the width it claims.
    @Test func cellsSumToTheWidth() {
        for s in ["a中😀", "e\u{301}x", "\u{1B}[31m", "👨‍👩‍👧", "\u{200B}", "\u{FEFF}a"] {
            let cells = DisplayText.cells(of: s)
            #expect(cells.reduce(0) { $0 + $1.width } == DisplayWidth.of(s))
            #expect(cells.allSatisfy { $0.width == 1 || $0.width == 2 })
        }
    }
}
