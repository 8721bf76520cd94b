/// The language a text is mostly written in, as far as lints need to know.
enum TextLanguage { case chinese, english, unknown }

/// What one pass over a turn's scalars learns: script counts, blank or not, the first invisible
/// and control characters, and whether a stretch looks like UTF-8 read as GBK.
struct TextProfile {
    var scalarCount = 0
    var han = 0
    var latinLetters = 0
    var isBlank = true
    var hasSentencePunctuation = false
    /// First odd invisible character: its scalar and 0-based character position.
    var invisible: (scalar: Unicode.Scalar, position: Int)?
    var invisibleCount = 0
    var control: (scalar: Unicode.Scalar, position: Int)?
    var controlCount = 0
    var replacementCharacters = 0
    /// Most rare Han characters in any window of eight consecutive Han characters.
    var rareHanInWindow = 0
    var mojibakePosition: Int?

    init(_ text: String) {
        var previous: Unicode.Scalar = "\n"
        var inTag = false
        var window: UInt8 = 0  // bit i: the i-th latest Han character is rare
        var windowLength = 0
        let scalars = text.unicodeScalars
        var iterator = scalars.makeIterator()
        var pending = iterator.next()
        var position = 0
        while let scalar = pending {
            let next = iterator.next()
            defer { previous = scalar; pending = next; position += 1 }
            let v = scalar.value
            scalarCount += 1
            if !Self.isBlankScalar(v) { isBlank = false }
            // Han and mojibake windows.
            let isHan = (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || v == 0xFFFD
            if isHan {
                if v != 0xFFFD { han += 1 }
                let rare = v == 0xFFFD || !CommonHanzi.contains(v)
                window = (window << 1) | (rare ? 1 : 0)
                windowLength = min(8, windowLength + 1)
                let rareCount = (window & (windowLength == 8 ? 0xFF : UInt8((1 << windowLength) - 1))).nonzeroBitCount
                if rareCount > rareHanInWindow {
                    rareHanInWindow = rareCount
                    if rareCount >= TextProfile.mojibakeThreshold, mojibakePosition == nil { mojibakePosition = max(0, position - 7) }
                }
            } else {
                window = 0
                windowLength = 0
            }
            if v == 0xFFFD { replacementCharacters += 1; if mojibakePosition == nil { mojibakePosition = position } }
            // Letters outside <tags> (the <image> token is not English).
            if v == 0x3C { inTag = true } else if v == 0x3E || v == 0x20 || v == 0x0A { inTag = false }
            if !inTag, (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) { latinLetters += 1 }
            switch v {
            case 0x3002, 0xFF0C, 0xFF01, 0xFF1F, 0xFF1B, 0x2E, 0x2C, 0x21, 0x3F, 0x3B: hasSentencePunctuation = true
            default: break
            }
            if Self.isInvisible(v, previous: previous.value, next: next?.value) {
                invisibleCount += 1
                if invisible == nil { invisible = (scalar, position) }
            } else if Self.isControl(v) {
                controlCount += 1
                if control == nil { control = (scalar, position) }
            }
        }
    }

    /// Four rare characters in eight: real Chinese text has at most two (measured on the 2k
    /// set and the full 641k set), mojibake has four or more.
    static let mojibakeThreshold = 4

    var language: TextLanguage {
        if latinLetters >= 16, han * 10 <= latinLetters { return .english }
        if han >= 2, han * 2 >= latinLetters { return .chinese }
        return .unknown
    }

    var looksLikeMojibake: Bool { replacementCharacters > 0 || rareHanInWindow >= Self.mojibakeThreshold }

    static func isBlankScalar(_ v: UInt32) -> Bool {
        switch v {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x3000, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x2028, 0x2029:
            return true
        default:
            return false
        }
    }

    /// Characters a reader cannot see that have no business in instruction text. The
    /// ideographic space is fine as paragraph indentation (two at a line start, "　　"),
    /// odd elsewhere; CR is fine only before LF; ZWJ is left alone (emoji sequences use it).
    static func isInvisible(_ v: UInt32, previous: UInt32, next: UInt32?) -> Bool {
        switch v {
        case 0x200B, 0x200C, 0x2060, 0xFEFF, 0xA0, 0xAD, 0x202F, 0x180E, 0x2028, 0x2029: return true
        case 0x3000: return !((previous == 0x0A && next == 0x3000) || previous == 0x3000)
        case 0x0D: return next != 0x0A
        default: return false
        }
    }

    /// C0 controls other than tab, LF and CR; DEL; C1 controls; bidi embeddings, overrides,
    /// isolates and marks (they can reorder what a reviewer sees).
    static func isControl(_ v: UInt32) -> Bool {
        switch v {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: return true
        default: return false
        }
    }

    /// `U+200B ZERO WIDTH SPACE`-style name for messages.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let name: String?
        switch scalar.value {
        case 0x1B: name = "ESCAPE"
        case 0x0D: name = "bare CR"
        case 0x3000: name = "IDEOGRAPHIC SPACE"
        case 0xA0: name = "NO-BREAK SPACE"
        case 0xFEFF: name = "BYTE ORDER MARK"
        case 0x200B: name = "ZERO WIDTH SPACE"
        case 0x202E: name = "RIGHT-TO-LEFT OVERRIDE"
        default: name = scalar.properties.name
        }
        return name.map { "\(code) \($0)" } ?? code
    }
}


extension CommonHanzi {
    private static let bits: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: (0x9FFF - 0x4E00) / 64 + 1)
        for scalar in text.unicodeScalars where (0x4E00...0x9FFF).contains(scalar.value) {
            let i = Int(scalar.value - 0x4E00)
            bits[i >> 6] |= 1 << UInt64(i & 63)
        }
        return bits
    }()

    /// Whether `v` is one of the 3,755 most common characters.
    static func contains(_ v: UInt32) -> Bool {
        guard (0x4E00...0x9FFF).contains(v) else { return false }
        let i = Int(v - 0x4E00)
        return bits[i >> 6] & (1 << UInt64(i & 63)) != 0
    }
}
