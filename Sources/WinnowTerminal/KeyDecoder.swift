import WinnowUI

/// Turns what `get_wch` returns into input events: named keys, Ctrl and Alt (an ESC prefix
/// within the short ESCDELAY), bracketed paste delivered literally, and resizes.
struct KeyDecoder {
    private static let pasteStart: [UInt32] = Array("[200~".unicodeScalars.map(\.value))
    private static let pasteEnd: [UInt32] = Array("\u{1B}[201~".unicodeScalars.map(\.value))

    /// Waits up to 100 ms for input and returns the events it made (none on timeout).
    mutating func next() -> [InputEvent] {
        switch Curses.read(timeoutMilliseconds: 100) {
        case .none:
            return []
        case .keyCode(let code):
            if code == Curses.keyResize {
                let (w, h) = Curses.size()
                return [.resize(width: w, height: h)]
            }
            return KeyDecoder.key(code: code, alt: false).map { [.key($0)] } ?? []
        case .character(let scalar):
            if scalar == 0x1B { return afterEscape() }
            return KeyDecoder.key(scalar: scalar, alt: false).map { [.key($0)] } ?? []
        }
    }

    private mutating func afterEscape() -> [InputEvent] {
        switch Curses.read(timeoutMilliseconds: 25) {
        case .none:
            return [.key(.named(.escape))]
        case .keyCode(let code):
            if code == Curses.keyResize {
                let (w, h) = Curses.size()
                return [.key(.named(.escape)), .resize(width: w, height: h)]
            }
            return KeyDecoder.key(code: code, alt: true).map { [.key($0)] } ?? []
        case .character(let scalar):
            if scalar == 0x5B, let paste = readPasteIfAny() { return [.paste(paste)] }
            if scalar == 0x1B { return [.key(.named(.escape)), .key(.named(.escape))] }
            return KeyDecoder.key(scalar: scalar, alt: true).map { [.key($0)] } ?? []
        }
    }

    /// After ESC `[`: if `200~` follows, reads the pasted text up to ESC `[201~`; otherwise
    /// pushes back what it read and returns nil.
    private mutating func readPasteIfAny() -> String? {
        var seen: [UInt32] = [0x5B]
        while seen.count < KeyDecoder.pasteStart.count {
            guard case .character(let s) = Curses.read(timeoutMilliseconds: 25),
                  s == KeyDecoder.pasteStart[seen.count] else {
                // Not a paste: give back everything after the `[` (in reverse, since
                // unget is a stack), then report Alt-[ for the `[` itself.
                for value in seen.dropFirst().reversed() { Curses.unread(value) }
                return nil
            }
            seen.append(s)
        }
        var text: [UInt32] = []
        var idle = 0
        // A paste arrives as one burst; give up after about 2 s of silence so a lost end
        // marker cannot freeze the app.
        while idle < 20 {
            switch Curses.read(timeoutMilliseconds: 100) {
            case .none:
                idle += 1
            case .keyCode(let code):
                // keypad decoding may turn bytes inside the paste into key codes; keep the
                // ones with a textual meaning.
                if code == Curses.keyResize { continue }
                if let name = Curses.namedKey(code)?.name, name == "enter" { text.append(0x0A) }
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

    /// A key from an ncurses key code.
    static func key(code: Int32, alt: Bool) -> KeyPress? {
        guard let (name, _) = Curses.namedKey(code), let named = NamedKey(rawValue: name) else {
            return nil
        }
        return KeyPress(.named(named), alt: alt)
    }
}
