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
    /// Phrases shorter than this (in letters and digits) are never "near", only found or not.
    public var minNearLength: Int
    /// OCR lines under this confidence are not trusted to contradict a quote.
    public var minConfidence: Double

    /// Phrases of at least this many letters and digits may differ by ``maxEditsLong``
    /// edits, shorter ones by ``maxEditsShort`` (a look-alike counts half, a swap one).
    public var longPhraseLength = 8
    public var maxEditsShort = 1
    public var maxEditsLong = 2
    /// Share of the phrase's characters that must be equal for "near".
    public var minNearMatchFraction = 0.6
    /// OCR lines under this confidence may confirm a quote (found) but not contradict it
    /// (near): Tesseract's misreads come with lower confidence.
    public var minNearConfidence = 88.0
    /// The same when the quote only lacks characters the line has or swaps two neighbours
    /// (edits OCR seldom makes).
    public var minNearConfidenceForDrops = 60.0
    /// Share that must be equal for a phrase only cut at its ends to count as found.
    public var minEdgeMatchFraction = 0.5

    public init(minNearLength: Int = 3, minConfidence: Double = 0) {
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
        /// Per folded character, the folded characters OCR also considered for it.
        var alternatives: [Set<Character>]

        init(lineIndices: [Int], text: [Character], alternatives: [String]) {
            self.lineIndices = lineIndices
            self.text = text
            folded = FoldedText(text)
            self.alternatives = folded.origin.map { i in
                guard alternatives.indices.contains(i) else { return [] }
                return Set(alternatives[i].flatMap { FoldedText.fold($0) })
            }
        }
    }

    static func targets(_ lines: [OCRLine], minConfidence: Double) -> [Target] {
        var out: [Target] = []
        for (i, line) in lines.enumerated() where line.confidence >= minConfidence {
            let text = Array(line.text)
            let alternatives = Self.alternatives(of: line, count: text.count)
            out.append(Target(lineIndices: [i], text: text, alternatives: alternatives))
            if i + 1 < lines.count, lines[i + 1].confidence >= minConfidence {
                let next = lines[i + 1]
                let nextText = Array(next.text)
                out.append(Target(lineIndices: [i, i + 1], text: text + nextText,
                                  alternatives: alternatives + Self.alternatives(of: next, count: nextText.count)))
            }
        }
        return out
    }

    /// A line's alternatives, one per character (empty strings when it has none or they do
    /// not fit its text).
    static func alternatives(of line: OCRLine, count: Int) -> [String] {
        line.alternatives.count == count ? line.alternatives : [String](repeating: "", count: count)
    }

    func match(_ phrase: QuotedPhrase, targets: [Target], lines: [OCRLine]) -> QuoteMatch {
        let quoteChars = Array(phrase.text)
        let quote = FoldedText(quoteChars)
        guard !quote.chars.isEmpty else { return QuoteMatch(phrase: phrase, status: .notFound) }
        var best: (target: Target, alignment: Alignment)?
        for target in targets where !target.folded.chars.isEmpty {
            let a = Alignment.best(quote.chars, in: target.folded.chars, alternatives: target.alternatives)
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
        let n = quote.chars.count
        if alignment.cost == 0 {
            // The whole line but one character at an end: a sign quoted with its first or
            // last character dropped (a quote of part of a long line leaves out more).
            if target.lineIndices.count == 1, n >= 2 {
                let t = target.folded.chars
                let before = alignment.start, after = t.count - alignment.end
                // The extra character must touch the match in the OCR text: in "太平大道 →一"
                // the 一 is the arrow's tail, not a character the quote left out.
                let touching = before == 1
                    ? target.folded.origin[1] == target.folded.origin[0] + 1
                    : after == 1 && target.folded.origin[t.count - 1] == target.folded.origin[t.count - 2] + 1
                // Nor may the quote have a symbol on that side ("← 泰州路" against "所← 泰州路":
                // the 所 is the arrow misread).
                let quoteEdge = before == 1 ? quoteChars.first : quoteChars.last
                let symbolAtEdge = quoteEdge.map { !($0.isLetter || $0.isNumber) } ?? false
                if before + after == 1, touching, !symbolAtEdge {
                    let extra = before == 1 ? t[0] : t[t.count - 1]
                    if !extra.isASCII {
                        let char = String(before == 1 ? target.text[target.folded.origin[0]] : target.text[target.folded.origin[t.count - 1]])
                        let suggestion = before == 1 ? char + phrase.text : phrase.text + char
                        let whole = String(target.text[target.folded.originalRange(0..<t.count)])
                        return QuoteMatch(phrase: phrase, status: .near, lineIndices: target.lineIndices, ocrText: whole,
                                          suggestion: suggestion, box: box, distance: 1,
                                          diff: GraphemeDiff.diff(phrase.text, suggestion))
                    }
                }
            }
            return QuoteMatch(phrase: phrase, status: .found, lineIndices: target.lineIndices, ocrText: ocrText, box: box)
        }
        let matched = alignment.equalCount
        let inner = alignment.innerOps
        let innerCost = Alignment.cost(inner, quote: quote.chars, target: target.folded.chars)
        // Only characters missing at the ends: the image shows the rest; OCR cut the line.
        if innerCost == 0, matched >= 3, Double(matched) >= Double(n) * minEdgeMatchFraction {
            return QuoteMatch(phrase: phrase, status: .found, lineIndices: target.lineIndices, ocrText: ocrText,
                              box: box, distance: distance)
        }
        let allowed = n >= longPhraseLength ? 2 * maxEditsLong : 2 * maxEditsShort
        // A short phrase is near only a whole line: "单菜" for the sign "菜单", not any line
        // that happens to hold one of its characters.
        let wholeLine = target.lineIndices.count == 1 && alignment.start == 0 && alignment.end == target.folded.chars.count
        // OCR misreads a character (a substitution) far more often than it invents one in
        // the middle of a line or swaps two: a quote that only lacks characters the line has,
        // or has two of them swapped, may be contradicted by a less confident line.
        let onlyDropsOrSwaps = inner.allSatisfy { op in
            switch op {
            case .equal, .alternative, .insertTarget, .swap: return true
            case .substitute, .dropQuote: return false
            }
        }
        let needed = onlyDropsOrSwaps ? min(minNearConfidence, minNearConfidenceForDrops) : minNearConfidence
        let confident = target.lineIndices.allSatisfy { lines.indices.contains($0) && lines[$0].confidence >= needed }
        // A quote character the OCR line lacks is more likely a character OCR lost than one
        // the answer made up: not reported as near.
        let quoteLonger = inner.contains { if case .dropQuote = $0 { return true }; return false }
        guard confident, !quoteLonger, n >= minNearLength || wholeLine, n >= 2, innerCost <= allowed,
              Double(matched) >= Double(n) * minNearMatchFraction || (n == 2 && wholeLine),
              !Self.mixesScripts(inner, quote: quote.chars, target: target.folded.chars) else {
            return QuoteMatch(phrase: phrase, status: .notFound, distance: distance)
        }
        let suggestion = alignment.rewrite(quote: quoteChars, quoteFold: quote, target: target.text, targetFold: target.folded)
        guard suggestion != phrase.text else {
            return QuoteMatch(phrase: phrase, status: .found, lineIndices: target.lineIndices, ocrText: ocrText, box: box, distance: distance)
        }
        return QuoteMatch(phrase: phrase, status: .near, lineIndices: target.lineIndices, ocrText: ocrText,
                          suggestion: suggestion, box: box, distance: distance,
                          diff: GraphemeDiff.diff(phrase.text, suggestion))
    }

    /// Whether a substitution puts a Latin letter or digit for a Chinese character or back,
    /// or a Latin letter appears in a phrase that has none: that is OCR reading noise ("地点"
    /// read as "he", "¥68" as "¥Y68"), not a misquote.
    static func mixesScripts(_ ops: ArraySlice<Alignment.Op>, quote: [Character], target: [Character]) -> Bool {
        let quoteHasLatin = quote.contains { $0.isASCII && $0.isLetter }
        return ops.contains { op in
            switch op {
            case .substitute(let a, let b): return quote[a].isASCII != target[b].isASCII
            case .insertTarget(let b): return !quoteHasLatin && target[b].isASCII && target[b].isLetter
            default: return false
            }
        }
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

/// The cheapest alignment of a whole quote against a stretch of a target. Costs are doubled
/// so a look-alike substitution is 1 and any other edit (substitution, a character missing on
/// either side, two neighbours swapped) 2; among equal costs the alignment with more equal
/// characters wins, so "亲子动" against "亲子活动" inserts 活 rather than substituting 动.
struct Alignment {
    enum Op: Equatable {
        case equal(q: Int, t: Int)
        /// The quote character is one OCR considered for this place but ranked lower: counts
        /// as equal (the image may well show it), and the quote keeps it.
        case alternative(q: Int, t: Int)
        case substitute(q: Int, t: Int)
        /// Quote characters q and q+1 appear as target t and t+1 in the other order.
        case swap(q: Int, t: Int)
        case dropQuote(Int)
        case insertTarget(Int)
    }
    var cost: Int
    var start: Int
    var end: Int
    var ops: [Op]
    /// Folded length of the target.
    var targetLength: Int

    var equalCount: Int {
        ops.reduce(0) { n, op in
            switch op {
            case .equal, .alternative: return n + 1
            default: return n
            }
        }
    }

    /// The ops without the quote characters missing where the OCR text itself starts or
    /// ends: OCR often cuts a line short, or reads its first or last character into another
    /// line. (Missing before a character the OCR did read, they count.)
    var innerOps: ArraySlice<Op> {
        var slice = ops[...]
        if start == 0 { while case .dropQuote? = slice.first { slice = slice.dropFirst() } }
        if end == targetLength { while case .dropQuote? = slice.last { slice = slice.dropLast() } }
        return slice
    }

    /// Doubled edit cost of ops.
    static func cost(_ ops: some Sequence<Op>, quote q: [Character], target t: [Character]) -> Int {
        ops.reduce(0) { n, op in
            switch op {
            case .equal, .alternative: return n
            case .substitute(let a, let b): return n + (Confusables.areConfusable(q[a], t[b]) ? 1 : 2)
            case .swap, .dropQuote, .insertTarget: return n + 2
            }
        }
    }

    private static let scale = 256

    /// `alternatives`, when given, holds per target character the characters OCR also
    /// considered there; a quote character among them aligns like an equal one.
    static func best(_ q: [Character], in t: [Character], alternatives: [Set<Character>] = []) -> Alignment {
        let m = q.count, n = t.count
        let width = n + 1
        let hasAlternatives = alternatives.count == n
        func isAlternative(_ i: Int, _ j: Int) -> Bool { hasAlternatives && alternatives[j].contains(q[i]) }
        // Composite score: doubled cost * 256 - equal characters (a quote is at most 40).
        var d = [Int](repeating: 0, count: (m + 1) * width)
        func sub(_ i: Int, _ j: Int) -> Int {
            q[i] == t[j] || isAlternative(i, j) ? -1 : (Confusables.areConfusable(q[i], t[j]) ? scale : 2 * scale)
        }
        if m > 0 {
            for i in 1...m {
                d[i * width] = 2 * scale * i
                for j in stride(from: 1, through: n, by: 1) {
                    var v = min(d[(i - 1) * width + j - 1] + sub(i - 1, j - 1),
                                d[(i - 1) * width + j] + 2 * scale,
                                d[i * width + j - 1] + 2 * scale)
                    if i >= 2, j >= 2, q[i - 1] == t[j - 2], q[i - 2] == t[j - 1], q[i - 1] != q[i - 2] {
                        // Counted as two equal characters, so a swap beats one equal plus one
                        // dropped character ("单菜" against "菜单").
                        v = min(v, d[(i - 2) * width + j - 2] + 2 * scale - 2)
                    }
                    d[i * width + j] = v
                }
            }
        }
        // On a tie the later end wins: "许记饺子管" against "许记饺子馆" substitutes the last
        // character rather than dropping it and stopping short.
        var end = 0
        for j in 0...n where d[m * width + j] <= d[m * width + end] { end = j }
        var ops: [Op] = []
        var i = m, j = end
        while i > 0 {
            let here = d[i * width + j]
            if j > 0, here == d[(i - 1) * width + j - 1] + sub(i - 1, j - 1) {
                ops.append(q[i - 1] == t[j - 1] ? .equal(q: i - 1, t: j - 1)
                           : isAlternative(i - 1, j - 1) ? .alternative(q: i - 1, t: j - 1) : .substitute(q: i - 1, t: j - 1))
                i -= 1; j -= 1; continue
            }
            if i >= 2, j >= 2, q[i - 1] == t[j - 2], q[i - 2] == t[j - 1], q[i - 1] != q[i - 2],
               here == d[(i - 2) * width + j - 2] + 2 * scale - 2 {
                ops.append(.swap(q: i - 2, t: j - 2))
                i -= 2; j -= 2; continue
            }
            if j > 0, here == d[i * width + j - 1] + 2 * scale { ops.append(.insertTarget(j - 1)); j -= 1; continue }
            ops.append(.dropQuote(i - 1)); i -= 1
        }
        ops.reverse()
        return Alignment(cost: cost(ops, quote: q, target: t), start: j, end: end, ops: ops, targetLength: n)
    }

    /// The quote with its letters and digits replaced by the aligned target characters; the
    /// quote's punctuation and spaces stay where they were, and so do quote characters
    /// missing at the ends of the match (the OCR line may be cut short).
    func rewrite(quote: [Character], quoteFold: FoldedText, target: [Character], targetFold: FoldedText) -> String {
        var replacement = [String?](repeating: nil, count: quoteFold.chars.count)
        var before = [String](repeating: "", count: quoteFold.chars.count + 1)
        var nextQuote = 0
        let inner = innerOps
        for (k, op) in ops.enumerated() {
            let isInner = k >= inner.startIndex && k < inner.endIndex
            switch op {
            case .equal(let q, _), .alternative(let q, _):
                nextQuote = q + 1
            case .substitute(let q, let t):
                replacement[q] = String(target[targetFold.origin[t]]); nextQuote = q + 1
            case .swap(let q, let t):
                replacement[q] = String(target[targetFold.origin[t]])
                replacement[q + 1] = String(target[targetFold.origin[t + 1]])
                nextQuote = q + 2
            case .dropQuote(let q):
                if isInner { replacement[q] = "" }
                nextQuote = q + 1
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
