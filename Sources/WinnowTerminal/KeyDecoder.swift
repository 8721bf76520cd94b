import WinnowUI

/// Turns what the driver reads into input events: named keys, Ctrl and Alt (an ESC prefix
/// within the short ESCDELAY), bracketed paste delivered literally, and resizes.
struct KeyDecoder {
    private static let pasteStart: [UInt32] = Array("[200~".unicodeScalars.map(\.value))
    private static let pasteEnd: [UInt32] = Array("\u{1B}[201~".unicodeScalars.map(\.value))

    /// Waits up to 100 ms for input from `driver` and returns the events it made (none on
    /// timeout).
    mutating func next(from driver: any TerminalDriver) -> [InputEvent] {
        switch driver.read(timeoutMilliseconds: 100) {
        case .none, .unnamedKey:
            return []
        case .resize:
            return [KeyDecoder.resize(driver)]
        case .key(let key):
            return [.key(key)]
        case .character(let scalar):
            if scalar == 0x1B { return afterEscape(driver) }
            return KeyDecoder.key(scalar: scalar, alt: false).map { [.key($0)] } ?? []
        }
    }

    private static func resize(_ driver: any TerminalDriver) -> InputEvent {
        let size = driver.size
        return .resize(width: size.width, height: size.height)
    }

    private mutating func afterEscape(_ driver: any TerminalDriver) -> [InputEvent] {
        switch driver.read(timeoutMilliseconds: 25) {
        case .none:
            return [.key(.named(.escape))]
        case .unnamedKey:
            return []
        case .resize:
            return [.key(.named(.escape)), KeyDecoder.resize(driver)]
        case .key(var key):
            key.alt = true
            return [.key(key)]
        case .character(let scalar):
            if scalar == 0x5B || scalar == 0x4F { return afterIntroducer(scalar, driver) }
            if scalar == 0x1B { return [.key(.named(.escape)), .key(.named(.escape))] }
            return KeyDecoder.key(scalar: scalar, alt: true).map { [.key($0)] } ?? []
        }
    }

    /// After ESC `[` (CSI) or ESC `O` (SS3). Alone (nothing follows within ESCDELAY) it is
    /// Alt-[ / Alt-O. Otherwise the whole sequence is read up to its final byte and becomes a
    /// key, a paste (`200~`), or nothing: a sequence this terminal's terminfo did not
    /// describe (tmux's `ESC[4~` End under `TERM=xterm-256color`, or `ESC[1;5A` Ctrl-Up under
    /// `TERM=screen`) must never be typed into the text as `~` or `5A`.
    private mutating func afterIntroducer(_ introducer: UInt32, _ driver: any TerminalDriver) -> [InputEvent] {
        var body: [UInt32] = []
        while body.count < 32 {
            switch driver.read(timeoutMilliseconds: 25) {
            case .none:
                if body.isEmpty { return KeyDecoder.key(scalar: introducer, alt: true).map { [.key($0)] } ?? [] }
                return []  // cut short: drop it
            case .unnamedKey:
                return []
            case .resize:
                return [KeyDecoder.resize(driver)]
            case .key(let key):
                return [.key(key)]
            case .character(let s):
                body.append(s)
                // Parameter and intermediate bytes continue (CSI only); anything else ends it.
                if introducer == 0x5B, (0x20...0x3F).contains(s) { continue }
                if introducer == 0x5B, body == KeyDecoder.pasteStart.dropFirst().map({ $0 }) {
                    return [.paste(readPaste(driver))]
                }
                guard (0x40...0x7E).contains(s) else { return [] }
                let params = KeyDecoder.string(Array(body.dropLast()))
                guard let final = Unicode.Scalar(s) else { return [] }
                return KeyDecoder.escapeSequenceKey(introducer: introducer == 0x5B ? "[" : "O",
                                                     parameters: params, final: Character(final))
                    .map { [.key($0)] } ?? []
            }
        }
        return []
    }

    /// The key for a CSI or SS3 sequence (xterm, VT220, rxvt and tmux spellings), or nil
    /// for one Winnow has no name for.
    static func escapeSequenceKey(introducer: Character, parameters: String, final: Character) -> KeyPress? {
        let fields = parameters.split(separator: ";", omittingEmptySubsequences: false)
        // xterm modifiers: 1 + (shift 1, alt 2, ctrl 4); shift has no place in KeyPress.
        let modifier = fields.count > 1 ? max(0, (Int(fields[1]) ?? 1) - 1) : 0
        let alt = modifier & 2 != 0
        let control = modifier & 4 != 0
        let named: NamedKey?
        switch final {
        case "A": named = .up
        case "B": named = .down
        case "C": named = .right
        case "D": named = .left
        case "H": named = .home
        case "F": named = .end
        case "Z": named = .backTab
        case "P": named = .f1
        case "Q": named = .f2
        case "R": named = .f3
        case "S": named = .f4
        case "~":
            switch fields.first.flatMap({ Int($0) }) {
            case 1, 7: named = .home
            case 2: named = .insert
            case 3: named = .delete
            case 4, 8: named = .end
            case 5: named = .pageUp
            case 6: named = .pageDown
            case 11: named = .f1
            case 12: named = .f2
            case 13: named = .f3
            case 14: named = .f4
            case 15: named = .f5
            case 17: named = .f6
            case 18: named = .f7
            case 19: named = .f8
            case 20: named = .f9
            case 21: named = .f10
            case 23: named = .f11
            case 24: named = .f12
            default: named = nil
            }
        default: named = nil
        }
        return named.map { KeyPress(.named($0), control: control, alt: alt) }
    }

    /// After ESC `[200~`: the pasted text up to ESC `[201~`.
    private mutating func readPaste(_ driver: any TerminalDriver) -> String {
        var text: [UInt32] = []
        var idle = 0
        // A paste arrives as one burst; give up after about 2 s of silence so a lost end
        // marker cannot freeze the app.
        while idle < 20 {
            switch driver.read(timeoutMilliseconds: 100) {
            case .none:
                idle += 1
            case .resize, .unnamedKey:
                continue
            case .key(let key):
                // keypad decoding may turn bytes inside the paste into keys; keep the ones
                // with a textual meaning.
                if key == .named(.enter) { text.append(0x0A) }
            case .character(let s):
                idle = 0
                text.append(s)
                if text.count >= KeyDecoder.pasteEnd.count,
                   Array(text.suffix(KeyDecoder.pasteEnd.count)) == KeyDecoder.pasteEnd {
                    text.removeLast(KeyDecoder.pasteEnd.count)
                    return KeyDecoder.string(text)
                }
            }
        }
        return KeyDecoder.string(text)
    }

    static func string(_ scalars: [UInt32]) -> String {
        var out = String.UnicodeScalarView()
        for value in scalars {
            // Terminals send CR for newlines inside a paste.
            let v = value == 0x0D ? 0x0A : value
            if let scalar = Unicode.Scalar(v) { out.append(scalar) }
        }
        return String(out)
    }

    /// A key from a character code (control characters become named keys or Ctrl+letter).
    static func key(scalar: UInt32, alt: Bool) -> KeyPress? {
        switch scalar {
        case 0x0D, 0x0A: return KeyPress(.named(.enter), alt: alt)
        case 0x09: return KeyPress(.named(.tab), alt: alt)
        case 0x7F, 0x08: return KeyPress(.named(.backspace), alt: alt)
        case 0x1B: return KeyPress(.named(.escape), alt: alt)
        case 0x00: return KeyPress(.character(" "), control: true, alt: alt)
        case 0x01...0x1A:
            guard let letter = Unicode.Scalar(scalar + 0x60) else { return nil }
            return KeyPress(.character(Character(letter)), control: true, alt: alt)
        case 0x1C...0x1F:
            guard let symbol = Unicode.Scalar(scalar + 0x40) else { return nil }
            return KeyPress(.character(Character(symbol)), control: true, alt: alt)
        default:
            guard let s = Unicode.Scalar(scalar) else { return nil }
            return KeyPress(.character(Character(s)), alt: alt)
        }
    }
}
