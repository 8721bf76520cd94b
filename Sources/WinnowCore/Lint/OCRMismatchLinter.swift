/// The `ocr-mismatch` lint: a phrase a turn quotes that is near, but not equal to, a line OCR
/// read in the sample's image (a misread or mistyped sign), with the OCR'd text as the fix.
/// Pure: the caller passes the OCR lines in (from the cache `winnow ocr` writes), so the core
/// never links an OCR engine.
public struct OCRMismatchLinter: Sendable {
    public var matcher: QuoteMatcher

    public init(matcher: QuoteMatcher = QuoteMatcher()) {
        self.matcher = matcher
    }

    /// Findings for `sample` given the OCR lines of its images (all images' lines together).
    public func lint(_ sample: Sample, ocrLines: [OCRLine]) -> [LintFinding] {
        guard !ocrLines.isEmpty else { return [] }
        return lint(turns: sample.turns.map(\.text), ocrLines: ocrLines)
    }

    /// Findings for dialogue turns given OCR lines.
    public func lint(turns: [String], ocrLines: [OCRLine]) -> [LintFinding] {
        var out: [LintFinding] = []
        var seen = Set<LintFix>()
        for match in matcher.matches(turns: turns, lines: ocrLines) where match.status == .near {
            guard let suggestion = match.suggestion else { continue }
            let p = match.phrase
            let fix = LintFix(turn: p.turn, start: p.start, length: p.length, original: p.text, text: suggestion)
            guard seen.insert(fix).inserted else { continue }
            out.append(LintFinding(
                kind: .ocrMismatch, turn: p.turn,
                message: "turn \(p.turn + 1) quotes “\(p.text)” but the image reads “\(suggestion)”",
                suggestedReason: "other", fix: fix))
        }
        return out
    }
}
