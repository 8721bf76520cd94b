/// Reference answers for some samples: a file in the `winnow decide --from` format, one JSON
/// object per line, `{"index": 12}` or `{"id": "..."}` with `"decision": "accept"` or
/// `"reject"` and optional `"reason"`/`"reasons"` (other members are ignored).
public struct GoldSet: Sendable, Equatable {
    /// The reference state of each gold sample.
    public var reviews: [Int: SampleReview]

    public init(reviews: [Int: SampleReview]) { self.reviews = reviews }

    /// The gold sample indices, ascending.
    public var indices: [Int] { reviews.keys.sorted() }

    /// Parses a gold file; `index(ofID:)` resolves ids, `count` bounds indices.
    public static func parse(_ bytes: [UInt8], path: String, count: Int,
                             index ofID: (String) -> Int?) throws(TeamError) -> GoldSet {
        var reviews: [Int: SampleReview] = [:]
        var lineNo = 0
        for raw in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNo += 1
            let line = Array(raw.last == UInt8(ascii: "\r") ? raw.dropLast() : raw[...])
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let value: JSONValue
            do { value = try JSONLineDecoding.parse(line) } catch {
                throw .badLine(path: path, line: lineNo, reason: "not valid JSON: \(error.message)")
            }
            guard case .object = value else { throw .badLine(path: path, line: lineNo, reason: "expected a JSON object") }
            let index: Int
            if let id = value["id"] {
                let text: String
                switch id {
                case .string(let s): text = s
                case .number(let s): text = s
                default: throw .badLine(path: path, line: lineNo, reason: "'id' must be a string")
                }
                guard let i = ofID(text) else { throw .badLine(path: path, line: lineNo, reason: "no sample has id '\(text)'") }
                index = i
            } else if case .number(let s)? = value["index"], let i = Int(s) {
                guard i >= 0, i < count else {
                    throw .badLine(path: path, line: lineNo, reason: "sample \(i) does not exist (the dataset has \(count) samples)")
                }
                index = i
            } else {
                throw .badLine(path: path, line: lineNo, reason: "missing 'index' or 'id'")
            }
            var reasons: [String] = []
            for key in ["reason", "reasons"] {
                switch value[key] {
                case nil: break
                case .string(let s)?: reasons.append(s)
                case .array(let list)?: reasons += list.compactMap(\.stringValue)
                default: throw .badLine(path: path, line: lineNo, reason: "'\(key)' must be a string or a list of strings")
                }
            }
            switch value["decision"]?.stringValue {
            case "accept": reviews[index] = SampleReview(status: .accepted)
            case "reject": reviews[index] = SampleReview(status: .rejected, reasons: reasons)
            case let other:
                throw .badLine(path: path, line: lineNo, reason: "a gold answer is \"accept\" or \"reject\", not \(other.map { "\"\($0)\"" } ?? "missing")")
            }
        }
        return GoldSet(reviews: reviews)
    }
}
