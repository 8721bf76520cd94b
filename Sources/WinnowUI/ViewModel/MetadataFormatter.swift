import WinnowCore

/// Short, one-line renderings of JSON values and the metadata rows of a sample.
public enum MetadataFormatter {
    /// A JSON value on one line (strings unquoted at the top, nested values as JSON),
    /// cut to `limit` characters.
    public static func inline(_ value: JSONValue, limit: Int = 400) -> String {
        var out = ""
        append(value, to: &out, top: true, limit: limit)
        if out.count > limit { return String(out.prefix(limit)) + "…" }
        return out
    }

    private static func append(_ v: JSONValue, to out: inout String, top: Bool, limit: Int) {
        if out.count > limit { return }
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): out += top ? s : "\"\(s)\""
        case .array(let a):
            out += "["
            for (i, e) in a.enumerated() {
                if i > 0 { out += ", " }
                append(e, to: &out, top: false, limit: limit)
                if out.count > limit { return }
            }
            out += "]"
        case .object(let m):
            out += "{"
            for (i, e) in m.enumerated() {
                if i > 0 { out += ", " }
                out += "\"\(e.key)\": "
                append(e.value, to: &out, top: false, limit: limit)
                if out.count > limit { return }
            }
            out += "}"
        }
    }

    /// "12.3 KB" style sizes.
    public static func byteSize(_ n: Int) -> String {
        if n < 1024 { return "\(n) B" }
        let units = ["KB", "MB", "GB", "TB"]
        var v = Double(n) / 1024
        var u = 0
        while v >= 1024 && u < units.count - 1 { v /= 1024; u += 1 }
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[u])"
    }
}
