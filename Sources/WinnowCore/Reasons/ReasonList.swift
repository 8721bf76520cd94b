/// A project's reject reasons (`--reasons FILE`, or `DATASET.reasons` / `.winnow-reasons`
/// beside the dataset): one tag per line, in the order the picker lists them (digits 1-9 tick
/// the first nine). Blank lines and lines starting with `#` are skipped.
///
/// A tag is what the journal records and what `reason:TAG` filters on, so it may not hold
/// white space, `,` or `+` (the filter's separators), control or invisible characters, and
/// is at most 64 characters; a tag may appear once.
public enum ReasonList {
    /// The longest tag accepted, in characters.
    public static let maxLength = 64

    /// A bad reasons file: where and why.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var file: String
        /// 1-based; 0 for the file as a whole.
        public var line: Int
        public var message: String

        public init(file: String, line: Int, message: String) {
            self.file = file
            self.line = line
            self.message = message
        }

        public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
    }

    /// The reasons in `bytes`, read from `file` (named in problems).
    public static func parse(_ bytes: [UInt8], file: String) throws(Problem) -> [String] {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Problem(file: file, line: 0, message: "not UTF-8 text")
        }
        var reasons: [String] = []
        var firstLine: [String: Int] = [:]
        var number = 0
        // "\r\n" is one Character in Swift: split on both spellings of a line end.
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            let line = raw.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if let bad = line.unicodeScalars.first(where: isRefused) {
                let what = bad == " " || bad == "\t" ? "white space" : bad == "," || bad == "+" ? "'\(bad)'" : "U+\(String(bad.value, radix: 16, uppercase: true))"
                throw Problem(file: file, line: number, message: "a reason is one tag without \(what) (e.g. ocr-error); write one reason per line")
            }
            if line.count > maxLength {
                throw Problem(file: file, line: number, message: "reason longer than \(maxLength) characters")
            }
            if let first = firstLine[line] {
                throw Problem(file: file, line: number, message: "reason '\(line)' already on line \(first)")
            }
            firstLine[line] = number
            reasons.append(line)
        }
        guard !reasons.isEmpty else {
            throw Problem(file: file, line: 0, message: "no reasons (one per line; # starts a comment)")
        }
        return reasons
    }

    private static func isRefused(_ s: Unicode.Scalar) -> Bool {
        if s == " " || s == "\t" || s == "," || s == "+" || s == "\r" { return true }
        switch s.properties.generalCategory {
        case .control, .format, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator, .privateUse, .surrogate:
            return true
        default:
            return false
        }
    }
}

private extension Substring {
    /// Without leading and trailing spaces, tabs and a carriage return (CRLF files).
    func trimmingWhitespace() -> String {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" || f == "\r" || f == "\r\n" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" || l == "\r\n" { s = s.dropLast() }
        return String(s)
    }
}
