import WinnowCore

/// The quotes of a sample's turns matched against one image's OCR lines (`QuoteMatcher`, the
/// same rules as the `ocr-mismatch` lint), with where each quote sits in its turn's text so
/// the dialogue can highlight it.
struct OCRQuoteCheck: Sendable {
    /// One per quoted phrase, in turn order then text order.
    var matches: [QuoteMatch]
    /// `ranges[i]`: the text of `matches[i]` (marks excluded) in its turn.
    var ranges: [Range<String.Index>]

    static let matcher = QuoteMatcher()

    /// Checks `turns` against `lines` (already in reading order).
    static func make(turns: [Turn], lines: [OCRLine]) -> OCRQuoteCheck {
        let matches = matcher.matches(turns: turns.map(\.text), lines: lines)
        var ranges: [Range<String.Index>] = []
        ranges.reserveCapacity(matches.count)
        // Phrases come in text order per turn: walk each turn once, not once per quote.
        var turn = -1
        var index = "".startIndex
        var offset = 0
        for m in matches {
            let p = m.phrase
            guard turns.indices.contains(p.turn) else { ranges.append("".startIndex..<"".startIndex); continue }
            let text = turns[p.turn].text
            if p.turn != turn || p.start < offset {
                turn = p.turn
                index = text.startIndex
                offset = 0
            }
            index = text.index(index, offsetBy: p.start - offset, limitedBy: text.endIndex) ?? text.endIndex
            offset = p.start
            let end = text.index(index, offsetBy: p.length, limitedBy: text.endIndex) ?? text.endIndex
            ranges.append(index..<end)
        }
        return OCRQuoteCheck(matches: matches, ranges: ranges)
    }

    /// The quote shown when the reviewer has not chosen one: the first near one, else the
    /// first not found, else the first.
    var defaultFocus: Int? {
        matches.firstIndex { $0.status == .near } ?? matches.firstIndex { $0.status == .notFound }
            ?? (matches.isEmpty ? nil : 0)
    }

    /// Quotes the dialogue highlights (near or not found) in turn `turn`, with their index.
    func highlights(turn: Int) -> [(index: Int, range: Range<String.Index>, status: QuoteMatch.Status)] {
        matches.indices.compactMap { i in
            let m = matches[i]
            guard m.phrase.turn == turn, m.status != .found, ranges.indices.contains(i) else { return nil }
            return (i, ranges[i], m.status)
        }
    }
}
