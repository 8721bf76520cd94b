import WinnowCore

/// A filter typed as terms (`filter-edit`, `;`): every term must hold. Terms are written the
/// way the status line shows them, so the prompt can start from the filter in force.
///
/// - a decision state: `undecided`, `accepted`, `rejected`, `edited`, `skipped`, `decided`
/// - `flagged`, `noted`, `has-edit` (an edit in force, whatever the decision), `has-lints`
/// - `type:KIND` (or a bare task type: `detail`, `reasoning`, ...)
/// - `lint:KIND` (or a bare lint kind: `truncated`, `leaked-prefix`, ...)
/// - `reason:TAG` (or a bare reject reason of the picker: `hallucination`, ...)
///
/// A bare word that is both a lint kind and a reason (`truncated`) is the reason when the
/// filter also says `rejected`, else the lint kind; the status line shows which it became.
extension ReviewFilter {
    /// Why a typed filter was refused.
    public enum TermError: Error, Equatable, CustomStringConvertible {
        case unknown(String)
        case twoStatuses(String, String)
        case crossSample(String)

        public var description: String {
            switch self {
            case .unknown(let t): return "unknown filter term '\(DisplayText.sanitized(t))' (try undecided, rejected, flagged, noted, has-edit, has-lints, lint:KIND, reason:TAG, type:KIND)"
            case .twoStatuses(let a, let b): return "a sample has one decision state: '\(a)' and '\(b)' never both hold"
            case .crossSample(let k): return "lint kind \(k) compares samples: use `winnow lint --kind \(k)`"
            }
        }
    }

    /// The names of the terms beyond status, type and has-lints, as the status line shows them.
    var moreTermNames: [String] {
        var parts: [String] = []
        if flagged { parts.append("flagged") }
        if noted { parts.append("noted") }
        if hasEdit { parts.append("has-edit") }
        parts += reasons.map { "reason:\($0)" }
        parts += lintKinds.map { "lint:\($0.rawValue)" }
        return parts
    }

    /// The filter as terms that `parse` reads back.
    public var terms: [String] {
        var parts: [String] = []
        if let status { parts.append(status.rawValue) }
        if let taskType { parts.append("type:\(taskType.rawValue)") }
        if hasLints { parts.append("has-lints") }
        return parts + moreTermNames
    }

    /// Reads terms separated by spaces, commas or `+`; `reasons` are the picker's reasons
    /// (bare reason words are recognised against them).
    public static func parse(_ text: String, reasons: [String]) throws(TermError) -> ReviewFilter {
        var f = ReviewFilter()
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "+" || $0 == "\t" }).map(String.init)
        // Statuses first, so that a bare `truncated` after or before `rejected` reads the same.
        for w in words {
            if let s = Status(rawValue: w.lowercased()) {
                if let old = f.status, old != s { throw .twoStatuses(old.rawValue, s.rawValue) }
                f.status = s
            }
        }
        for w in words where Status(rawValue: w.lowercased()) == nil {
            let lower = w.lowercased()
            if lower == "flagged" { f.flagged = true; continue }
            if lower == "noted" { f.noted = true; continue }
            if lower == "has-edit" { f.hasEdit = true; continue }
            if lower == "has-lints" || lower == "lints" || lower == "lint" { f.hasLints = true; continue }
            if lower.hasPrefix("type:") {
                guard let t = TaskType(rawValue: String(lower.dropFirst(5))) else { throw .unknown(w) }
                f.taskType = t
                continue
            }
            if lower.hasPrefix("lint:") {
                try f.addLint(String(lower.dropFirst(5)), word: w)
                continue
            }
            if w.hasPrefix("reason:") || w.hasPrefix("REASON:") {
                let tag = String(w.dropFirst(7))
                guard !tag.isEmpty else { throw .unknown(w) }
                if !f.reasons.contains(tag) { f.reasons.append(tag) }
                continue
            }
            let isKind = LintKind(rawValue: lower) != nil
            let isReason = reasons.contains(w)
            if isReason && (!isKind || f.status == .rejected) {
                if !f.reasons.contains(w) { f.reasons.append(w) }
            } else if isKind {
                try f.addLint(lower, word: w)
            } else if let t = TaskType(rawValue: lower) {
                f.taskType = t
            } else {
                throw .unknown(w)
            }
        }
        return f
    }

    private mutating func addLint(_ name: String, word: String) throws(TermError) {
        guard let k = LintKind(rawValue: name) else { throw .unknown(word) }
        // The review screen lints one sample at a time: cross-sample and OCR findings are
        // never there, so such a filter would always be empty.
        if k == .duplicateID || k == .duplicateImage || k == .ocrMismatch { throw .crossSample(k.rawValue) }
        if !lintKinds.contains(k) { lintKinds.append(k) }
    }

    /// Whether a sample's review and findings satisfy the terms beyond status and type.
    /// `findings` is asked only when a lint term needs it (linting decodes the sample).
    func matchesMoreTerms(_ review: SampleReview, findings: () -> [LintFinding]) -> Bool {
        if flagged && review.flags.isEmpty { return false }
        if noted && review.notes.isEmpty && review.note == nil { return false }
        if hasEdit && review.edit == nil { return false }
        if !reasons.isEmpty && (review.status != .rejected || !reasons.allSatisfy(review.reasons.contains)) { return false }
        if hasLints || !lintKinds.isEmpty {
            let found = findings()
            if found.isEmpty { return false }
            let kinds = Set(found.map(\.kind))
            if !lintKinds.allSatisfy(kinds.contains) { return false }
        }
        return true
    }

    /// Whether matching needs each sample decoded (so big lists are scanned in slices).
    var needsDecoding: Bool { taskType != nil || hasLints || !lintKinds.isEmpty }
}
