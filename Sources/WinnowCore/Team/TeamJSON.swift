/// Small builders for the team commands' JSON output (compact, raw UTF-8, stable key order).
enum TeamJSON {
    static let writer = JSONWriter(style: JSONStyle(indent: nil, ensureASCII: false, keySeparator: ":", itemSeparator: ","))

    static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(members.map { JSONMember(key: $0.0, value: $0.1) })
    }

    static func int(_ v: Int) -> JSONValue { .number(String(v)) }

    /// A figure rounded to 6 decimals; null when undefined.
    static func number(_ v: Double?) -> JSONValue {
        guard let v, v.isFinite else { return .null }
        let r = (v * 1_000_000).rounded() / 1_000_000
        return .number(r == r.rounded() && abs(r) < 1e15 ? String(Int(r)) : String(r))
    }

    static func string(_ s: String) -> JSONValue { .string(s) }
    static func strings(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }
    static func ints(_ list: [Int]) -> JSONValue { .array(list.map(int)) }

    static func text(_ v: JSONValue) -> String { writer.string(v) }

    /// A figure for people: 3 decimals, or "n/a".
    static func figure(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "n/a" }
        let r = (v * 1000).rounded() / 1000
        var s = String(r)
        if let dot = s.firstIndex(of: ".") {
            let decimals = s.distance(from: dot, to: s.endIndex) - 1
            if decimals < 3 { s += String(repeating: "0", count: 3 - decimals) }
        }
        return s
    }
}
