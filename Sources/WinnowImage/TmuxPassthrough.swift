/// Wraps terminal graphics sequences so tmux forwards them to the outer terminal.
public enum TmuxPassthrough {
    private static let esc: UInt8 = 0x1B
    private static let bel: UInt8 = 0x07

    /// Each APC, OSC or DCS sequence in `bytes` becomes `ESC P tmux; <sequence, ESC doubled>
    /// ESC \`; other bytes (cursor moves, text) stay as they are for tmux itself to draw.
    public static func wrap(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8 + 16)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            guard byte == esc, i + 1 < bytes.count, [UInt8(ascii: "_"), UInt8(ascii: "]"), UInt8(ascii: "P")].contains(bytes[i + 1]) else {
                out.append(byte)
                i += 1
                continue
            }
            let end = sequenceEnd(bytes, from: i + 2)
            out.append(contentsOf: Array("\u{1B}Ptmux;".utf8))
            for b in bytes[i..<end] {
                out.append(b)
                if b == esc { out.append(esc) }
            }
            out.append(contentsOf: [esc, UInt8(ascii: "\\")])
            i = end
        }
        return out
    }

    /// Index just past the string terminator (ESC \ or BEL) of a sequence, or the end.
    private static func sequenceEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var j = start
        while j < bytes.count {
            if bytes[j] == bel { return j + 1 }
            if bytes[j] == esc, j + 1 < bytes.count, bytes[j + 1] == UInt8(ascii: "\\") { return j + 2 }
            j += 1
        }
        return bytes.count
    }
}
