import WinnowCore

/// The quoted phrase the editor's cursor is in or touching, found with the same rules as the
/// quote check (`QuotedPhrase.find`: “…”, "…", 「…」, 『…』, 《…》 on one line).
public struct QuoteAtCursor: Sendable, Equatable {
    /// The phrase (character offsets, as the quote check counts).
    public var phrase: QuotedPhrase
    /// The phrase's text without its marks, as UTF-8 offsets (the editor's unit).
    public var utf8Range: Range<Int>
    /// Its number among the text's quotes (0-based) and how many there are.
    public var ordinal: Int
    public var count: Int

    /// The quote around `cursor` (a UTF-8 offset on a character boundary): the cursor is
    /// between the marks, on the opening mark or just after the closing one.
    public static func find(in text: String, cursor: Int, turn: Int = 0) -> QuoteAtCursor? {
        let phrases = QuotedPhrase.find(in: text, turn: turn)
        guard !phrases.isEmpty else { return nil }
        let utf8 = text.utf8
        let clamped = min(max(0, cursor), utf8.count)
        let cursorIndex = utf8.index(utf8.startIndex, offsetBy: clamped)
        let at = text.distance(from: text.startIndex, to: cursorIndex)
        guard let ordinal = phrases.firstIndex(where: { $0.start - 1 <= at && at <= $0.start + $0.length + 1 }) else {
            return nil
        }
        let p = phrases[ordinal]
        guard let lower = text.index(text.startIndex, offsetBy: p.start, limitedBy: text.endIndex),
              let upper = text.index(lower, offsetBy: p.length, limitedBy: text.endIndex) else { return nil }
        let start = utf8.distance(from: utf8.startIndex, to: lower)
        let end = utf8.distance(from: utf8.startIndex, to: upper)
        return QuoteAtCursor(phrase: p, utf8Range: start..<end, ordinal: ordinal, count: phrases.count)
    }
}
