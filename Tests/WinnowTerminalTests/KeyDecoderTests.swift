import Testing
import WinnowUI
@testable import WinnowTerminal

/// Key decoding from scripted driver input: what each byte sequence becomes.
struct KeyDecoderTests {
    /// Every event the decoder makes from `input`, until the script runs out.
    func decode(_ input: [TerminalInput], size: TerminalSize = TerminalSize(width: 80, height: 24)) -> [InputEvent] {
        let driver = RecordingDriver(input, size: size)
        var decoder = KeyDecoder()
        var events: [InputEvent] = []
        while !driver.input.isEmpty { events += decoder.next(from: driver) }
        return events
    }

    static let esc: TerminalInput = .character(0x1B)

    @Test func controlCharactersBecomeNamedKeysOrCtrlLetters() {
        #expect(KeyDecoder.key(scalar: 0x0D, alt: false) == .named(.enter))
        #expect(KeyDecoder.key(scalar: 0x09, alt: false) == .named(.tab))
        #expect(KeyDecoder.key(scalar: 0x7F, alt: false) == .named(.backspace))
        #expect(KeyDecoder.key(scalar: 0x08, alt: false) == .named(.backspace))  // ctrl-h: see KeyDeliverability
        #expect(KeyDecoder.key(scalar: 0x03, alt: false) == .ctrl("c"))
        #expect(KeyDecoder.key(scalar: 0x1A, alt: false) == .ctrl("z"))
        #expect(KeyDecoder.key(scalar: 0x00, alt: false) == KeyPress(.character(" "), control: true))
        #expect(KeyDecoder.key(scalar: 0x1D, alt: false) == .ctrl("]"))
        #expect(KeyDecoder.key(scalar: 0x61, alt: true) == KeyPress(.character("a"), alt: true))
        #expect(KeyDecoder.key(scalar: 0x4E2D, alt: false) == .char("中"))
        #expect(KeyDecoder.key(scalar: 0xD800, alt: false) == nil)  // not a scalar: dropped
    }

    @Test func pastedCarriageReturnsBecomeNewlines() {
        #expect(KeyDecoder.string([0x61, 0x0D, 0x4E2D]) == "a\n中")
    }

    @Test func plainCharactersAndNamedKeysPassThrough() {
        #expect(decode(RecordingDriver.characters("a中") + [.key(.named(.up))])
                == [.key(.char("a")), .key(.char("中")), .key(.named(.up))])
    }

    @Test func modifiedKeysFromTheDriverKeepTheirModifiers() {
        let ctrlUp = KeyPress(.named(.up), control: true)
        #expect(decode([.key(ctrlUp)]) == [.key(ctrlUp)])
    }

    @Test func aLoneEscapeIsEscape() {
        #expect(decode([Self.esc, .none]) == [.key(.named(.escape))])
    }

    @Test func escapeThenAKeyIsAlt() {
        #expect(decode([Self.esc, .character(0x78)]) == [.key(KeyPress(.character("x"), alt: true))])
        // tmux may send Alt-Down as ESC + the terminal's Down.
        #expect(decode([Self.esc, .key(.named(.down))]) == [.key(KeyPress(.named(.down), alt: true))])
        #expect(decode([Self.esc, Self.esc]) == [.key(.named(.escape)), .key(.named(.escape))])
    }

    @Test func csiSequencesTheDescriptionLacksAreReadByTheDecoder() {
        // TERM=screen and TERM=linux have no kUP5: ncurses hands over the bytes of ESC[1;5A.
        #expect(decode([Self.esc] + RecordingDriver.characters("[1;5A"))
                == [.key(KeyPress(.named(.up), control: true))])
        #expect(decode([Self.esc] + RecordingDriver.characters("[1;3B"))
                == [.key(KeyPress(.named(.down), alt: true))])
        #expect(decode([Self.esc] + RecordingDriver.characters("[1;7H"))
                == [.key(KeyPress(.named(.home), control: true, alt: true))])
        #expect(decode([Self.esc] + RecordingDriver.characters("[5;5~"))
                == [.key(KeyPress(.named(.pageUp), control: true))])
        #expect(decode([Self.esc] + RecordingDriver.characters("OF")) == [.key(.named(.end))])
    }

    @Test func anUnknownSequenceVanishesAndTheNextKeyStillArrives() {
        #expect(decode([Self.esc] + RecordingDriver.characters("[1;5Xq")) == [.key(.char("q"))])
        #expect(decode([Self.esc] + RecordingDriver.characters("[?1;2cq")) == [.key(.char("q"))])
        // Cut short by a pause: dropped, not typed as text.
        #expect(decode([Self.esc] + RecordingDriver.characters("[1;") + [.none] + RecordingDriver.characters("q"))
                == [.key(.char("q"))])
    }

    @Test func anIntroducerAloneIsAltBracket() {
        #expect(decode([Self.esc, .character(0x5B), .none]) == [.key(KeyPress(.character("["), alt: true))])
    }

    @Test func bracketedPasteArrivesAsOneLiteralPaste() {
        let script = [Self.esc] + RecordingDriver.characters("[200~q a\r中") + [.key(.named(.enter))]
            + RecordingDriver.characters("x\u{1B}[201~z")
        #expect(decode(script) == [.paste("q a\n中\nx"), .key(.char("z"))])
    }

    @Test func aPasteWithoutItsEndMarkerEndsAfterSilence() {
        let script = [Self.esc] + RecordingDriver.characters("[200~abc") + Array(repeating: .none, count: 20)
            + RecordingDriver.characters("d")
        #expect(decode(script) == [.paste("abc"), .key(.char("d"))])
    }

    @Test func resizeCarriesTheDriversNewSize() {
        #expect(decode([.resize], size: TerminalSize(width: 100, height: 30)) == [.resize(width: 100, height: 30)])
        #expect(decode([Self.esc, .resize], size: TerminalSize(width: 40, height: 10))
                == [.key(.named(.escape)), .resize(width: 40, height: 10)])
    }

    @Test func unnamedKeyCodesAreDropped() {
        #expect(decode([.unnamedKey, .character(0x61)]) == [.key(.char("a"))])
        #expect(decode([Self.esc, .unnamedKey]) == [])
    }

    @Test func theEscapeDelayIsShortAndTheIdleReadIsTheTick() {
        let driver = RecordingDriver([Self.esc, .none])
        var decoder = KeyDecoder()
        _ = decoder.next(from: driver)
        #expect(driver.readTimeouts == [100, 25])
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
        // Shift is dropped: shift-ctrl-left is ctrl-left.
        #expect(KeyDecoder.escapeSequenceKey(introducer: "[", parameters: "1;6", final: "D")
                == KeyPress(.named(.left), control: true))
    }

    @Test func unknownSequencesGiveNoKey() {
        #expect(KeyDecoder.escapeSequenceKey(introducer: "[", parameters: "1;5", final: "X") == nil)
        #expect(KeyDecoder.escapeSequenceKey(introducer: "[", parameters: "99", final: "~") == nil)
        #expect(KeyDecoder.escapeSequenceKey(introducer: "[", parameters: "?1;2", final: "c") == nil)
    }
}
