/// The byte strings a phrase can appear as inside a JSON file: the phrase as a JSON string
/// body (quotes, backslashes and control characters escaped as writers do), and, for files
/// written with `ensure_ascii`, the same with every non-ASCII character as `\uXXXX`.
public struct SearchPattern: Sendable, Equatable {
    /// The distinct needles to look for (any one is a hit).
    public let needles: [[UInt8]]

    /// Builds the needles for `phrase` in a file of the given style.
    ///
    /// With `ensureASCII`, only the lowercase-hex escaped form is searched (Python's
    /// `json.dumps` writes lowercase); an uppercase-hex file would cost a second pass over the
    /// whole file, so it is not tried.
    public init(phrase: String, style: JSONStyle) {
        var set: [[UInt8]] = []
        let raw = SearchPattern.jsonBody(phrase, asciiOnly: false, escapeSlash: style.escapesSlash)
        let escaped = SearchPattern.jsonBody(phrase, asciiOnly: true, escapeSlash: style.escapesSlash)
        if style.ensureASCII {
            set.append(escaped)
        } else {
            set.append(raw)
        }
        needles = set.filter { !$0.isEmpty }
    }

    /// The phrase as it is written between the quotes of a JSON string.
    static func jsonBody(_ phrase: String, asciiOnly: Bool, escapeSlash: Bool) -> [UInt8] {
        var out: [UInt8] = []
        func hex(_ v: UInt32) {
            out += Array("\\u".utf8)
            let s = String(v, radix: 16)
            out += Array((String(repeating: "0", count: max(0, 4 - s.count)) + s).utf8)
        }
        for scalar in phrase.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x22: out += Array("\\\"".utf8)
            case 0x5C: out += Array("\\\\".utf8)
            case 0x2F where escapeSlash: out += Array("\\/".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x08: out += Array("\\b".utf8)
            case 0x0C: out += Array("\\f".utf8)
            case 0..<0x20: hex(v)
            case 0x80... where asciiOnly:
                if v > 0xFFFF {
                    let u = v - 0x10000
                    hex(0xD800 + (u >> 10))
                    hex(0xDC00 + (u & 0x3FF))
                } else {
                    hex(v)
                }
            default: out += Array(String(scalar).utf8)
            }
        }
        return out
    }
}
