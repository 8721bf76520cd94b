import Testing
import WinnowCore

@Suite struct DisplayTextTests {
    /// Nothing a terminal would interpret survives sanitising.
    @Test func noControlReachesTheTerminal() {
        var hostile = ""
        for v in 0..<0x20 { hostile.unicodeScalars.append(Unicode.Scalar(UInt8(v))) }
        hostile += "\u{7F}\u{80}\u{85}\u{9B}\u{9F}\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}"
        hostile += "\u{2066}\u{2067}\u{2068}\u{2069}\u{200B}\u{200E}\u{200F}\u{2028}\u{2029}\u{FEFF}\u{2060}"
        let out = DisplayText.sanitized(hostile)
        for s in out.unicodeScalars {
            let v = s.value
            #expect(!(v < 0x20 || (v >= 0x7F && v < 0xA0)), "raw control U+\(String(v, radix: 16))")
            #expect(!(0x202A...0x202E).contains(v) && !(0x2066...0x2069).contains(v))
            #expect(v != 0x200B && v != 0xFEFF && v != 0x2060)
        }
    }

    @Test func placeholdersAreVisibleAndFlagged() {
        #expect(DisplayText.sanitized("a\u{1B}[2Jb") == "a␛[2Jb")
        #expect(DisplayText.sanitized("\u{0}\u{7F}") == "␀␡")
        #expect(DisplayText.sanitized("x\u{202E}y") == "x<U+202E>y")
        #expect(DisplayText.sanitized("\u{9B}") == "<U+009B>")
        #expect(DisplayText.sanitized("a\u{200B}b") == "a<U+200B>b")
        #expect(DisplayText.sanitized("line\nnext") == "line␊next")
        let cells = DisplayText.cells(of: "a\u{1B}")
        #expect(cells.map(\.isPlaceholder) == [false, true])
    }

    /// Invisible characters that attach to the character before them are still shown,
    /// except inside emoji sequences where they belong.
    @Test func invisibleJunkInsideAClusterIsShown() {
        #expect(DisplayText.sanitized("中\u{200D}文") == "中<U+200D>文")
        #expect(DisplayText.sanitized("字\u{FE0F}") == "字<U+FE0F>")
        #expect(DisplayText.sanitized("a\u{A0}b") == "a⍽b")
        #expect(DisplayWidth.of("a\u{A0}b") == 3)
        #expect(DisplayText.sanitized("x\ry") == "x␍y")
    }

    @Test func tabIsExpanded() {
        #expect(DisplayText.sanitized("a\tb") == "a    b")
    }

    @Test func strayCombiningMarkGetsADottedCircle() {
        #expect(DisplayText.sanitized("\u{301}") == "◌\u{301}")
    }

    @Test func emojiSequencesSplitIntoSpacingCells() {
        let cells = DisplayText.cells(of: "👨‍👩‍👧")
        #expect(cells.map(\.text) == ["👨", "👩", "👧"])
        #expect(DisplayText.cells(of: "❤️").map(\.text) == ["❤"])
        #expect(DisplayText.cells(of: "é").count == 1)
    }
}
