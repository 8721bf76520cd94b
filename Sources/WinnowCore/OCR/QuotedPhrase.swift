/// A phrase a dialogue turn quotes: the text between a pair of quotation marks.
public struct QuotedPhrase: Sendable, Equatable, Hashable {
    /// The text between the marks.
    public var text: String
    /// The 0-based turn it is in.
    public var turn: Int
    /// Where the text (marks excluded) is in the turn, in grapheme clusters (Swift
    /// `Character`s) from the turn's start, the unit the editor's cursor uses.
    public var start: Int
    public var length: Int
    /// The opening mark (`“`, `"`, `「`, `『`, `《`).
    public var openingMark: Character

    public init(text: String, turn: Int, start: Int, length: Int, openingMark: Character) {
        self.text = text
        self.turn = turn
        self.start = start
        self.length = length
        self.openingMark = openingMark
    }

    /// The pairs of marks Chinese and English answers quote signs with.
    public static let pairs: [Character: Character] = ["“": "”", "\"": "\"", "「": "」", "『": "』", "《": "》"]

    /// Longest phrase taken as a quote: a longer stretch between marks is more likely a
    /// stray mark pairing with a far one than a quoted sign.
    public static let maxLength = 40

    /// The quoted phrases of one turn's text, in order. An unclosed mark, a line break
    /// inside the marks, an empty or overlong span is not a quote.
    public static func find(in text: String, turn: Int) -> [QuotedPhrase] {
        let chars = Array(text)
        var out: [QuotedPhrase] = []
        var i = 0
        while i < chars.count {
            guard let close = pairs[chars[i]] else { i += 1; continue }
            var j = i + 1
            while j < chars.count, chars[j] != close, chars[j] != "\n", j - i <= maxLength + 1 { j += 1 }
            if j < chars.count, chars[j] == close, j - i - 1 >= 1, j - i - 1 <= maxLength {
                out.append(QuotedPhrase(text: String(chars[(i + 1)..<j]), turn: turn, start: i + 1,
                                        length: j - i - 1, openingMark: chars[i]))
                i = j + 1
            } else {
                // Not a quote from this mark: a straight quote may still open a later one.
                i += 1
            }
        }
        return out
    }
}
