import Testing
import WinnowUI
@testable import WinnowTerminal

/// Modified cursor keys get their names from the terminal description's extended names.
@Suite(.serialized) struct ModifiedKeysTests {
    @Test func extendedNamesSpellTheirModifiers() {
        #expect(ModifiedKeys.key(forExtendedName: "kUP5") == KeyPress(.named(.up), control: true))
        #expect(ModifiedKeys.key(forExtendedName: "kDN3") == KeyPress(.named(.down), alt: true))
        #expect(ModifiedKeys.key(forExtendedName: "kHOM5") == KeyPress(.named(.home), control: true))
        #expect(ModifiedKeys.key(forExtendedName: "kEND5") == KeyPress(.named(.end), control: true))
        #expect(ModifiedKeys.key(forExtendedName: "kLFT7") == KeyPress(.named(.left), control: true, alt: true))
        #expect(ModifiedKeys.key(forExtendedName: "kRIT6") == KeyPress(.named(.right), control: true))
        #expect(ModifiedKeys.key(forExtendedName: "kNXT3") == KeyPress(.named(.pageDown), alt: true))
        #expect(ModifiedKeys.key(forExtendedName: "kUP") == nil)   // shift only: the plain arrow's job
        #expect(ModifiedKeys.key(forExtendedName: "kUP9") == nil)
        #expect(Set(ModifiedKeys.all.map(\.name)).count == ModifiedKeys.all.count)
    }

    /// The real ncurses: every mapped name has a key code of its own under the xterm-like
    /// descriptions, so each modified key arrives as a distinct, named key.
    @Test(arguments: ["xterm-256color", "tmux-256color", "xterm"])
    func xtermLikeDescriptionsNameEveryModifiedCursorKey(term: String) throws {
        let table = try #require(Curses.withTerminalDescription(term) { ModifiedKeys.codes(Curses.extendedKeyCode) },
                                 "cannot load the terminfo description \(term)")
        // xterm describes suffixes 3 to 7 (shift-ctrl-alt, 8, is not in its descriptions).
        #expect(table.count == ModifiedKeys.all.filter { !$0.name.hasSuffix("8") }.count)
        #expect(Set(table.values).count == Set(ModifiedKeys.all.map(\.key)).count)
        let codes = try #require(Curses.withTerminalDescription(term) {
            ["kUP5", "kDN3", "kHOM5", "kEND5"].map(Curses.extendedKeyCode)
        })
        for (code, expected) in zip(codes, [KeyPress(.named(.up), control: true), KeyPress(.named(.down), alt: true),
                                            KeyPress(.named(.home), control: true), KeyPress(.named(.end), control: true)]) {
            let c = try #require(code)
            #expect(c > 0o777, "an extended code lies above KEY_MAX")
            #expect(table[c] == expected)
        }
    }

    /// `screen` and `linux` have no extended names: there the decoder reads the raw
    /// sequence (see KeyDecoderTests.csiSequencesTheDescriptionLacksAreReadByTheDecoder).
    @Test(arguments: ["screen", "linux"])
    func otherDescriptionsLeaveModifiedKeysToTheDecoder(term: String) throws {
        let table = try #require(Curses.withTerminalDescription(term) { ModifiedKeys.codes(Curses.extendedKeyCode) },
                                 "cannot load the terminfo description \(term)")
        #expect(table.isEmpty)
    }
}
