/// Reads the writing style off one sample's own bytes, so that a rewritten sample matches the
/// sample it replaces even where the file-level style detection had to guess.
enum JSONStyleSniffer {
    struct Result {
        var style: JSONStyle
        var uppercaseHex: Bool
    }

    static func sniff(_ bytes: UnsafeRawBufferPointer, baseIndent: String, fallback: JSONStyle) -> Result {
        var style = fallback
        var uppercaseHex = false
        var sawNonASCII = false, sawHighEscape = false, sawHexCase = false
        var sawEscapedSlash = false, sawRawSlash = false
        var keySeparator: [UInt8]? = nil
        var itemSeparator: [UInt8]? = nil
        var memberIndent: [UInt8]? = nil
        var inString = false
        var i = 0
        let n = bytes.count
        var firstBrace = true
        while i < n {
            let b = bytes[i]
            if inString {
                if b >= 0x80 { sawNonASCII = true }
                if b == UInt8(ascii: "/") { sawRawSlash = true }
                if b == UInt8(ascii: "\"") { inString = false }
                if b == UInt8(ascii: "\\"), i + 1 < n {
                    let e = bytes[i + 1]
                    if e == UInt8(ascii: "/") { sawEscapedSlash = true }
                    if e == UInt8(ascii: "u"), i + 5 < n {
                        let hex = UnsafeRawBufferPointer(rebasing: bytes[(i + 2)..<(i + 6)])
                        if hex[0] != 0x30 || hex[1] != 0x30 { sawHighEscape = true }
                        if !sawHexCase, let upper = hexCase(hex) { uppercaseHex = upper; sawHexCase = true }
                        i += 6
                        continue
                    }
                    i += 2
                    continue
                }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: ":") where keySeparator == nil:
                keySeparator = [b] + run(bytes, from: i + 1, spacesOnly: true)
            case UInt8(ascii: ",") where itemSeparator == nil:
                itemSeparator = [b] + run(bytes, from: i + 1, spacesOnly: true)
            case UInt8(ascii: "{") where firstBrace:
                firstBrace = false
                let ws = run(bytes, from: i + 1, spacesOnly: false)
                if let nl = ws.firstIndex(of: 0x0A) {
                    memberIndent = Array(ws[(nl + 1)...].filter { $0 != 0x0A && $0 != 0x0D })
                }
            default: break
            }
            i += 1
        }
        if let keySeparator { style.keySeparator = String(decoding: keySeparator, as: UTF8.self) }
        if let itemSeparator { style.itemSeparator = String(decoding: itemSeparator, as: UTF8.self) }
        if firstBrace == false {
            if let memberIndent {
                let base = Array(baseIndent.utf8)
                if memberIndent.count > base.count, memberIndent.starts(with: base) {
                    style.indent = String(decoding: memberIndent[base.count...], as: UTF8.self)
                } else if !memberIndent.isEmpty, base.isEmpty {
                    style.indent = String(decoding: memberIndent, as: UTF8.self)
                }
            } else {
                style.indent = nil
            }
        }
        if sawNonASCII { style.ensureASCII = false } else if sawHighEscape { style.ensureASCII = true }
        if sawEscapedSlash { style.escapesSlash = true } else if sawRawSlash { style.escapesSlash = false }
        return Result(style: style, uppercaseHex: uppercaseHex)
    }

    /// Whitespace right after `from` (spaces and tabs only, or any whitespace).
    private static func run(_ bytes: UnsafeRawBufferPointer, from: Int, spacesOnly: Bool) -> [UInt8] {
        var out: [UInt8] = []
        var j = from
        while j < bytes.count {
            let c = bytes[j]
            if c == 0x20 || c == 0x09 || (!spacesOnly && (c == 0x0A || c == 0x0D)) { out.append(c); j += 1 } else { break }
        }
        return out
    }

    private static func hexCase(_ hex: UnsafeRawBufferPointer) -> Bool? {
        for c in hex {
            if (0x41...0x46).contains(c) { return true }
            if (0x61...0x66).contains(c) { return false }
        }
        return nil
    }
}
