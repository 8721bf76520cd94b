/// Makes untrusted dataset text safe for a terminal: control characters, escape sequences,
/// C1 controls and bidi overrides are shown visibly instead of being obeyed.
enum VisibleText {
    /// Keeps newlines (and tabs when `keepTabs`); C0 controls become their control pictures
    /// (ESC -> `␛`), DEL `␡`, C1 controls and bidi/zero-width format characters `\u{XXXX}`.
    static func sanitize(_ text: String, keepNewlines: Bool = true, keepTabs: Bool = true) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x0A where keepNewlines, 0x09 where keepTabs:
                out.append(scalar)
            case 0x00...0x1F:
                out.append(Unicode.Scalar(0x2400 + v) ?? "?")
            case 0x7F:
                out.append("\u{2421}")
            case 0x80...0x9F, 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C, 0xFEFF:
                out.append(contentsOf: "\\u{\(String(v, radix: 16, uppercase: true))}".unicodeScalars)
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }
}
