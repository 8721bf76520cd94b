/// Writes a `JSONValue` in a given `JSONStyle`, so that a rewritten sample looks like its
/// neighbours: same indentation, separators, escaping, key order and number lexemes.
public struct JSONWriter: Sendable {
    public var style: JSONStyle
    /// Whether `\u` escapes use upper-case hex digits (`\u4E2D`); Python writes lower case.
    public var uppercaseHex: Bool

    public init(style: JSONStyle, uppercaseHex: Bool = false) {
        self.style = style
        self.uppercaseHex = uppercaseHex
    }

    /// The writer that reproduces the style of `sampleBytes` (one sample as it sits in its
    /// file), falling back to `fallback` for what the sample does not show.
    public init(matching sampleBytes: UnsafeRawBufferPointer, baseIndent: String, fallback: JSONStyle) {
        let sniffed = JSONStyleSniffer.sniff(sampleBytes, baseIndent: baseIndent, fallback: fallback)
        self.init(style: sniffed.style, uppercaseHex: sniffed.uppercaseHex)
    }

    /// `value` as UTF-8 bytes. `baseIndent` is the indentation of the line where the value
    /// starts; nested lines get it plus one indent unit per level.
    public func bytes(_ value: JSONValue, baseIndent: String = "") -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, baseIndent: Array(baseIndent.utf8), into: &out)
        return out
    }

    /// `value` as a `String` (see `bytes(_:baseIndent:)`).
    public func string(_ value: JSONValue, baseIndent: String = "") -> String {
        String(decoding: bytes(value, baseIndent: baseIndent), as: UTF8.self)
    }

    /// Appends `value` to `out`.
    public func write(_ value: JSONValue, baseIndent: [UInt8], into out: inout [UInt8]) {
        let unit = style.indent.map { Array($0.utf8) }
        // With indentation, Python drops the trailing space of ", " (it would end each line).
        var item = Array(style.itemSeparator.utf8)
        if unit != nil { while item.last == 0x20 || item.last == 0x09 { item.removeLast() } }
        let key = Array(style.keySeparator.utf8)
        emit(value, indent: baseIndent, unit: unit, item: item, key: key, into: &out)
    }

    private func newline(_ indent: [UInt8], _ out: inout [UInt8]) {
        out.append(0x0A)
        out.append(contentsOf: indent)
    }

    private func emit(_ value: JSONValue, indent: [UInt8], unit: [UInt8]?, item: [UInt8], key: [UInt8],
                      into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let lexeme): out.append(contentsOf: lexeme.utf8)
        case .string(let s): escape(s, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            if elements.isEmpty { out.append(UInt8(ascii: "]")); return }
            let inner = unit.map { indent + $0 } ?? indent
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(contentsOf: item) }
                if unit != nil { newline(inner, &out) }
                emit(element, indent: inner, unit: unit, item: item, key: key, into: &out)
            }
            if unit != nil { newline(indent, &out) }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            if members.isEmpty { out.append(UInt8(ascii: "}")); return }
            let inner = unit.map { indent + $0 } ?? indent
            for (i, member) in members.enumerated() {
                if i > 0 { out.append(contentsOf: item) }
                if unit != nil { newline(inner, &out) }
                escape(member.key, into: &out)
                out.append(contentsOf: key)
                emit(member.value, indent: inner, unit: unit, item: item, key: key, into: &out)
            }
            if unit != nil { newline(indent, &out) }
            out.append(UInt8(ascii: "}"))
        }
    }

    private func hexDigit(_ v: UInt32) -> UInt8 {
        v < 10 ? UInt8(0x30 + v) : UInt8((uppercaseHex ? 0x41 : 0x61) + v - 10)
    }

    private func unicodeEscape(_ unit: UInt16, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        out.append(UInt8(ascii: "u"))
        let v = UInt32(unit)
        out.append(hexDigit(v >> 12 & 0xF))
        out.append(hexDigit(v >> 8 & 0xF))
        out.append(hexDigit(v >> 4 & 0xF))
        out.append(hexDigit(v & 0xF))
    }

    /// Appends `s` as a JSON string literal, escaping like Python's `json.dumps` does with the
    /// style's `ensure_ascii` (non-ASCII and DEL as `\uXXXX`, surrogate pairs beyond the BMP).
    public func escape(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if !style.ensureASCII {
            for b in s.utf8 {
                switch b {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x2F where style.escapesSlash: out.append(0x5C); out.append(0x2F)
                case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
                case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
                case 0x08: out.append(0x5C); out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(0x5C); out.append(UInt8(ascii: "f"))
                case 0..<0x20: unicodeEscape(UInt16(b), &out)
                default: out.append(b)
                }
            }
        } else {
            for u in s.utf16 {
                switch u {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x2F where style.escapesSlash: out.append(0x5C); out.append(0x2F)
                case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
                case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
                case 0x08: out.append(0x5C); out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(0x5C); out.append(UInt8(ascii: "f"))
                case 0x20...0x7E: out.append(UInt8(u))
                default: unicodeEscape(u, &out)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
