/// Key names as written in keymap files: `a`, `G`, `?`, `space`, `ctrl-s`, `alt-x`,
/// `ctrl-alt-x`, `up`, `pgdn`, `f1`, `enter`, `esc`, `shift-tab`…
public enum KeyName {
    /// Aliases accepted in files, mapped to the canonical name.
    static let aliases: [String: String] = [
        "escape": "esc", "return": "enter", "ret": "enter", "pageup": "pgup",
        "pagedown": "pgdn", "page-up": "pgup", "page-down": "pgdn", "del": "delete",
        "ins": "insert", "bs": "backspace", "shift-tab": "btab", "backtab": "btab", "spc": "space",
    ]

    /// Parses a key name; nil when it is not one.
    public static func parse(_ raw: String) -> KeyPress? {
        var rest = Substring(raw)
        var control = false
        var alt = false
        // Modifiers, in any order; a lone "-" is the minus key.
        while rest.count > 2 {
            let lower = rest.lowercased()
            if lower.hasPrefix("ctrl-") || lower.hasPrefix("c-") {
                guard !control else { return nil }
                control = true
                rest = rest.dropFirst(lower.hasPrefix("c-") ? 2 : 5)
            } else if lower.hasPrefix("alt-") || lower.hasPrefix("meta-") || lower.hasPrefix("m-") {
                guard !alt else { return nil }
                alt = true
                rest = rest.dropFirst(lower.hasPrefix("m-") ? 2 : (lower.hasPrefix("alt-") ? 4 : 5))
            } else {
                break
            }
        }
        guard let base = parseBase(String(rest), control: control) else { return nil }
        return KeyPress(base, control: control, alt: alt)
    }

    private static func parseBase(_ raw: String, control: Bool) -> KeyPress.Base? {
        if raw.count == 1, let c = raw.first {
            if c.isWhitespace && c != " " { return nil }
            if c.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return nil }
            // Terminals cannot tell ctrl-A from ctrl-a.
            if control, c.isLetter { return .character(Character(c.lowercased())) }
            return .character(c)
        }
        let lower = raw.lowercased()
        let name = aliases[lower] ?? lower
        if name == "space" { return .character(" ") }
        if let named = NamedKey(rawValue: name) { return .named(named) }
        return nil
    }

    /// A formatted key name with arrows as arrows (`right` -> `→`), for the footer where
    /// every column counts.
    public static func symbol(_ name: String) -> String {
        switch name {
        case "right": return "→"
        case "left": return "←"
        case "up": return "↑"
        case "down": return "↓"
        default: return name
        }
    }

    /// The canonical name of a key (what help and `keymap show` print).
    public static func format(_ key: KeyPress) -> String {
        var s = ""
        if key.control { s += "ctrl-" }
        if key.alt { s += "alt-" }
        switch key.base {
        case .character(" "): s += "space"
        case .character(let c): s += String(c)
        case .named(.backTab): s += "shift-tab"
        case .named(let n): s += n.rawValue
        }
        return s
    }
}
