import Foundation

/// Matches quoted phrases against OCR lines at character level. Pure, no engine: give it the
/// lines from the cache or from a live engine.
///
/// Policy: both sides are compared on letters and digits only, after compatibility folding
/// (full-width `：２` is `:2`) and lower-casing Latin letters, because OCR output and answers
/// disagree on spaces and punctuation far more often than on the sign's words. The phrase is
/// aligned against any stretch of a line (or of two adjacent lines: signs wrap) with edit
/// costs of 1, and 0.5 for a look-alike pair from ``Confusables``. Short phrases get few
/// edits: a two-character quote with one edit allowed would be "near" half the lines of a
/// poster.
public struct QuoteMatcher: Sendable {
    /// Largest share of the phrase's characters that may differ for "near".
    public var maxEditFraction: Double
    /// Phrases shorter than this (in letters and digits) are never "near", only found or not.
    public var minNearLength: Int
    /// OCR lines under this confidence are not trusted to contradict a quote.
    public var minConfidence: Double

    public init(maxEditFraction: Double = 0.34, minNearLength: Int = 3, minConfidence: Double = 0) {
        self.maxEditFraction = maxEditFraction
        self.minNearLength = minNearLength
        self.minConfidence = minConfidence
    }

    /// Every quoted phrase of the turns, matched against `lines`.
    public func matches(turns: [String], lines: [OCRLine]) -> [QuoteMatch] {
        let targets = Self.targets(lines, minConfidence: minConfidence)
        var out: [QuoteMatch] = []
        for (k, text) in turns.enumerated() {
            for phrase in QuotedPhrase.find(in: text, turn: k) { out.append(match(phrase, targets: targets, lines: lines)) }
        }
        return out
    }

    /// One phrase against `lines`.
    public func match(_ phrase: QuotedPhrase, lines: [OCRLine]) -> QuoteMatch {
        match(phrase, targets: Self.targets(lines, minConfidence: minConfidence), lines: lines)
    }

    // MARK: - Alignment

    /// A text to search: one line or two adjacent ones, folded.
    struct Target {
        var lineIndices: [Int]
        var text: [Character]
        var folded: FoldedText
    }

    static func targets(_ lines: [OCRLine], minConfidence: Double) -> [Target] {
        var out: [Target] = []
        for (i, line) in lines.enumerated() where line.confidence >= minConfidence {
            let text = Array(line.text)
            out.append(Target(lineIndices: [i], text: text, folded: FoldedText(text)))
            if i + 1 < lines.count, lines[i + 1].confidence >= minConfidence {
                let joined = text + Array(lines[i + 1].text)
                out.append(Target(lineIndices: [i, i + 1], text: joined, folded: FoldedText(joined)))
            }
        }
        return out
    }

    func match(_ phrase: QuotedPhrase, targets: [Target], lines: [OCRLine]) -> QuoteMatch {
        let quoteChars = Array(phrase.text)
        let quote = FoldedText(quoteChars)
        guard !quote.chars.isEmpty else { return QuoteMatch(phrase: phrase, status: .notFound) }
        var best: (target: Target, alignment: Alignment)?
        for target in targets where !target.folded.chars.isEmpty {
            let a = Alignment.best(quote.chars, in: target.folded.chars)
            if best == nil || a.cost < best!.alignment.cost
                || (a.cost == best!.alignment.cost && target.lineIndices.count < best!.target.lineIndices.count) {
                best = (target, a)
            }
        }
        guard let (target, alignment) = best else { return QuoteMatch(phrase: phrase, status: .notFound) }
        let distance = Double(alignment.cost) / 2
        let span = target.folded.originalRange(alignment.start..<alignment.end)
        let ocrText = String(target.text[span])
        let box = Self.union(target.lineIndices.compactMap { lines.indices.contains($0) ? lines[$0].box : nil })
        if alignment.cost == 0 {
            return QuoteMatch(phrase: phrase, status: .found, lineIndices: target.lineIndices, ocrText: ocrText, box: box)
        }
        let allowed = Double(max(1, Int(Double(quote.chars.count) * maxEditFraction)))
        let matched = alignment.equalCount
        guard quote.chars.count >= minNearLength, distance <= allowed, matched * 2 > quote.chars.count else {
            return QuoteMatch(phrase: phrase, status: .notFound, distance: distance)
        }
        let suggestion = alignment.rewrite(quote: quoteChars, quoteFold: quote, target: target.text, targetFold: target.folded)
        return QuoteMatch(phrase: phrase, status: .near, lineIndices: target.lineIndices, ocrText: ocrText,
                          suggestion: suggestion, box: box, distance: distance,
                          diff: GraphemeDiff.diff(phrase.text, suggestion))
    }

    static func union(_ boxes: [OCRBox]) -> OCRBox? {
        guard let first = boxes.first else { return nil }
        var x0 = first.x, y0 = first.y, x1 = first.x + first.width, y1 = first.y + first.height
        for b in boxes.dropFirst() {
            x0 = min(x0, b.x); y0 = min(y0, b.y)
            x1 = max(x1, b.x + b.width); y1 = max(y1, b.y + b.height)
        }
        return OCRBox(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}

/// Letters and digits of a text, compatibility-folded and with Latin lower-cased, each with
/// the index of the character it came from.
struct FoldedText {
    var chars: [Character] = []
    var origin: [Int] = []

    init(_ text: [Character]) {
        for (i, c) in text.enumerated() {
            for f in Self.fold(c) {
                chars.append(f)
                origin.append(i)
            }
        }
    }

    static func fold(_ c: Character) -> [Character] {
        if c.isASCII {
            guard c.isLetter || c.isNumber else { return [] }
            return [Character(c.lowercased())]
        }
        let folded = String(c).precomposedStringWithCompatibilityMapping
        return folded.compactMap { f in
            guard f.isLetter || f.isNumber else { return nil }
            return f.isASCII ? Character(f.lowercased()) : f
        }
    }

    /// The range of original characters that folded range `r` came from.
    func originalRange(_ r: Range<Int>) -> Range<Int> {
        guard !r.isEmpty, r.lowerBound < origin.count, r.upperBound - 1 < origin.count else { return 0..<0 }
        return origin[r.lowerBound]..<(origin[r.upperBound - 1] + 1)
    }
}

/// The cheapest alignment of a whole quote against a stretch of a target (costs doubled so a
/// look-alike substitution is 1 and any other edit 2).
struct Alignment {
    enum Op { case equal(q: Int, t: Int), substitute(q: Int, t: Int), dropQuote(Int), insertTarget(Int) }
    var cost: Int
    var start: Int
    var end: Int
    var ops: [Op]

    var equalCount: Int { ops.reduce(0) { n, op in if case .equal = op { return n + 1 }; return n } }

    static func best(_ q: [Character], in t: [Character]) -> Alignment {
        let m = q.count, n = t.count
        let width = n + 1
        var d = [Int](repeating: 0, count: (m + 1) * width)
        for i in 1...max(1, m) where i <= m { d[i * width] = 2 * i }
        if m > 0 {
            for i in 1...m {
                for j in 1...max(1, n) where j <= n {
                    let sub = q[i - 1] == t[j - 1] ? 0 : (Confusables.areConfusable(q[i - 1], t[j - 1]) ? 1 : 2)
                    d[i * width + j] = min(d[(i - 1) * width + j - 1] + sub,
                                           d[(i - 1) * width + j] + 2,
                                           d[i * width + j - 1] + 2)
                }
            }
        }
        var end = 0
        for j in 0...n where d[m * width + j] < d[m * width + end] { end = j }
        // Walk back to where the quote starts in the target.
        var ops: [Op] = []
        var i = m, j = end
        while i > 0 {
            let here = d[i * width + j]
            if j > 0 {
                let sub = q[i - 1] == t[j - 1] ? 0 : (Confusables.areConfusable(q[i - 1], t[j - 1]) ? 1 : 2)
                if here == d[(i - 1) * width + j - 1] + sub {
                    ops.append(sub == 0 ? .equal(q: i - 1, t: j - 1) : .substitute(q: i - 1, t: j - 1))
                    i -= 1; j -= 1; continue
                }
                if here == d[i * width + j - 1] + 2 { ops.append(.insertTarget(j - 1)); j -= 1; continue }
            }
            ops.append(.dropQuote(i - 1)); i -= 1
        }
        return Alignment(cost: d[m * width + end], start: j, end: end, ops: ops.reversed())
    }

    /// The quote with its letters and digits replaced by the aligned target characters; the
    /// quote's punctuation and spaces stay where they were.
    func rewrite(quote: [Character], quoteFold: FoldedText, target: [Character], targetFold: FoldedText) -> String {
        // What each folded quote character becomes, and what is inserted before it.
        var replacement = [String?](repeating: nil, count: quoteFold.chars.count)
        var before = [String](repeating: "", count: quoteFold.chars.count + 1)
        var nextQuote = 0
        for op in ops {
            switch op {
            case .equal(let q, _):
                replacement[q] = nil; nextQuote = q + 1
            case .substitute(let q, let t):
                replacement[q] = String(target[targetFold.origin[t]]); nextQuote = q + 1
            case .dropQuote(let q):
                replacement[q] = ""; nextQuote = q + 1
            case .insertTarget(let t):
                before[nextQuote] += String(target[targetFold.origin[t]])
            }
        }
        var out = ""
        var foldIndex = 0
        for (i, c) in quote.enumerated() {
            var consumed = false
            while foldIndex < quoteFold.origin.count, quoteFold.origin[foldIndex] == i {
                out += before[foldIndex]
                if !consumed { out += replacement[foldIndex] ?? String(c) }
                consumed = true
                foldIndex += 1
            }
            if !consumed { out.append(c) }
        }
        out += before[quoteFold.chars.count]
        return out
    }
}
