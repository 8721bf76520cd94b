/// Stand-ins that make untrusted characters visible instead of writing them raw.
///
/// Policy: C0 controls show as their Control Pictures (U+2400 block, so ESC is `␛`), DEL as
/// `␡`, a tab as `→`; C1 controls, bidi embeddings/overrides/isolates/marks, zero-width
/// space, BOM and interlinear annotation characters as `¿`. A line break is left to the
/// caller (it is layout, not a glyph).
public enum VisibleGlyph {
    /// The stand-in for a cluster that must not be written raw, or nil when it is printable.
    public static func standIn(for c: Character) -> String? {
        guard needsStandIn(c) else { return nil }
        guard let s = c.unicodeScalars.first else { return "¿" }
        switch s.value {
        case 0x09: return "→"
        case 0x00...0x1F: return Unicode.Scalar(0x2400 + s.value).map { String(Character($0)) } ?? "¿"
        case 0x7F: return "␡"
        default: return "¿"
        }
    }

    /// Whether a cluster holds anything that must not be written raw to a terminal.
    public static func needsStandIn(_ c: Character) -> Bool {
        c.unicodeScalars.contains { s in
            let v = s.value
            return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
                || v == 0x200B || v == 0xFEFF || (0xFFF9...0xFFFB).contains(v)
        }
    }

    /// `text` with every cluster needing one replaced by its stand-in; line breaks (`\n`,
    /// `\r\n`) are kept when `keepLineBreaks` is true.
    public static func sanitize(_ text: String, keepLineBreaks: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            if keepLineBreaks && (c == "\n" || c == "\r\n") {
                out.append("\n")
            } else if let s = standIn(for: c) {
                out += s
            } else {
                out.append(c)
            }
        }
        return out
    }
}
