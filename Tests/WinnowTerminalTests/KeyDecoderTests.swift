import Testing
import WinnowUI
@testable import WinnowTerminal

/// Key decoding and colour mapping, without a terminal.
struct KeyDecoderTests {
    @Test func controlCharactersBecomeNamedKeysOrCtrlLetters() {
        #expect(KeyDecoder.key(scalar: 0x0D, alt: false) == .named(.enter))
        #expect(KeyDecoder.key(scalar: 0x09, alt: false) == .named(.tab))
        #expect(KeyDecoder.key(scalar: 0x7F, alt: false) == .named(.backspace))
        #expect(KeyDecoder.key(scalar: 0x03, alt: false) == .ctrl("c"))
        #expect(KeyDecoder.key(scalar: 0x1A, alt: false) == .ctrl("z"))
        #expect(KeyDecoder.key(scalar: 0x61, alt: true) == KeyPress(.character("a"), alt: true))
        #expect(KeyDecoder.key(scalar: 0x4E2D, alt: false) == .char("中"))
        #expect(KeyDecoder.key(scalar: 0xD800, alt: false) == nil)  // not a scalar: dropped
    }

    @Test func pastedCarriageReturnsBecomeNewlines() {
        #expect(KeyDecoder.string([0x61, 0x0D, 0x4E2D]) == "a\n中")
    }
}

struct GridPainterTests {
    @Test func coloursMapToWhatTheTerminalHas() {
        #expect(GridPainter.colorNumber(.default, available: 256) == -1)
        #expect(GridPainter.colorNumber(.indexed(196), available: 256) == 196)
        #expect(GridPainter.colorNumber(.rgb(255, 0, 0), available: 256) == 196)
        #expect(GridPainter.colorNumber(.rgb(128, 128, 128), available: 256) >= 232)
        #expect(GridPainter.colorNumber(.indexed(196), available: 8) == 1)  // red of the basic 8
        #expect(GridPainter.colorNumber(.rgb(0, 0, 255), available: 8) == 4)
    }

    @Test func controlCharactersNeverReachTheTerminal() {
        #expect(GridPainter.printable("\u{1B}") == [0xFFFD])
        #expect(GridPainter.printable("\u{9B}") == [0xFFFD])
        #expect(GridPainter.printable("") == [0x20])
        #expect(GridPainter.printable("中") == [0x4E2D])
    }
}

struct EscapeSequenceTests {
    @Test func sequencesTheTerminfoMissedStillNameTheirKeys() {
        // tmux sends these whatever TERM the pane has.
        #expect(KeyDecoder.escapeSequenceKey(introducer: "[", parameters: "4", final: "~") == .named(.end))
        #expect(KeyDecoder.escapeSequenceKey(introducer: "[", parameters: "1", final: "~") == .named(.home))
        #expect(KeyDecoder.escapeSequenceKey(introducer: "O", parameters: "", final: "F") == .named(.end))
        #expect(KeyDecoder.escapeSequenceKey(introducer: "[", parameters: "", final: "Z") == .named(.backTab))
        #expect(KeyDecoder.escapeSequenceKey(introducer: "[", parameters: "24", final: "~") == .named(.f12))
        #expect(KeyDecoder.escapeSequenceKey(introducer: "[", parameters: "1;5", final: "C")
                == KeyPress(.named(.right), control: true))
        #expect(KeyDecoder.escapeSequenceKey(introducer: "[", parameters: "1;3", final: "A")
                == KeyPress(.named(.up), alt: true))
    }

    @Test func unknownSequencesGiveNoKey() {
        #expect(KeyDecoder.escapeSequenceKey(introducer: "[", parameters: "1;5", final: "X") == nil)
        #expect(KeyDecoder.escapeSequenceKey(introducer: "[", parameters: "99", final: "~") == nil)
        #expect(KeyDecoder.escapeSequenceKey(introducer: "[", parameters: "?1;2", final: "c") == nil)
    }
}
