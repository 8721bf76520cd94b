extension JSONStyle {
    /// Detects indentation, separators, `ensure_ascii` and `\/` from the first sample's bytes.
    /// `sample` is the sample object; `lineIndent` the whitespace before it on its line.
    static func detect(sample: UnsafeRawBufferPointer, lineIndent: Int) -> JSONStyle {
        var style = JSONStyle(indent: nil, ensureASCII: false, keySeparator: ":", itemSeparator: ",", escapesSlash: false)
        var sawNonASCII = false
        var sawUnicodeEscape = false
        var sawKeySeparator = false
        var sawItemSeparator = false
        var inString = false
        var i = 0
        let n = sample.count
        while i < n {
            let b = sample[i]
            if inString {
                if b == 0x5C, i + 1 < n {
                    let e = sample[i + 1]
                    if e == UInt8(ascii: "u"), i + 5 < n, sample[i + 2] != UInt8(ascii: "0") || sample[i + 3] != UInt8(ascii: "0") {
                        sawUnicodeEscape = true
                    }
                    if e == UInt8(ascii: "/") { style.escapesSlash = true }
                    i += 2
                    continue
                }
                if b == 0x22 { inString = false }
                if b >= 0x80 { sawNonASCII = true }
                i += 1
                continue
            }
            switch b {
            case 0x22: inString = true
            case UInt8(ascii: ":") where !sawKeySeparator:
                sawKeySeparator = true
                style.keySeparator = (i + 1 < n && sample[i + 1] == 0x20) ? ": " : ":"
            case UInt8(ascii: ",") where !sawItemSeparator:
                sawItemSeparator = true
                style.itemSeparator = (i + 1 < n && sample[i + 1] == 0x20) ? ", " : ","
            case 0x0A where style.indent == nil:
                var k = i + 1
                while k < n, sample[k] == 0x20 || sample[k] == 0x09 { k += 1 }
                let width = k - (i + 1)
                if width > lineIndent {
                    let unit = UnsafeRawBufferPointer(rebasing: sample[(i + 1 + lineIndent)..<k])
                    style.indent = String(decoding: unit, as: UTF8.self)
                } else {
                    style.indent = ""
                }
            default: break
            }
            i += 1
        }
        style.ensureASCII = sawUnicodeEscape && !sawNonASCII
        return style
    }
}
