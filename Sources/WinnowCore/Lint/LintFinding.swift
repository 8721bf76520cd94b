/// What kind of machine-written-data error a lint found; raw values are stable kebab-case names
/// used on the command line (`--kind`), in JSON output and in filters.
public enum LintKind: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    case leakedPrefix = "leaked-prefix"
    case missingImageToken = "missing-image-token"
    case imageTokenInAnswer = "image-token-in-answer"
    case duplicateImageToken = "duplicate-image-token"
    case emptyTurn = "empty-turn"
    case truncated
    case wrongLanguage = "wrong-language"
    case repetitionLoop = "repetition-loop"
    case rolesNotAlternating = "roles-not-alternating"
    case badRoleName = "bad-role-name"
    case mojibake
    case invisibleChar = "invisible-char"
    case controlChar = "control-char"
    /// Cross-sample (``DatasetLinter``): the id of an earlier or later sample.
    case duplicateID = "duplicate-id"
    /// Cross-sample (``DatasetLinter``): the image of another sample.
    case duplicateImage = "duplicate-image"
    /// Needs OCR results (``OCRMismatchLinter``): a quoted phrase near, but not equal to, the
    /// text OCR read in the image.
    case ocrMismatch = "ocr-mismatch"

    /// The reject reason tag a reviewer would most likely pick for this kind.
    public var suggestedReason: String {
        switch self {
        case .leakedPrefix: return "leaked-prefix"
        case .truncated: return "truncated"
        case .wrongLanguage: return "wrong-language"
        default: return "other"
        }
    }
}

/// One problem a lint found in a sample.
public struct LintFinding: Sendable, Equatable, Hashable {
    public var kind: LintKind
    /// The 0-based turn it is in, when it is in one turn (as `decide --edit --turn` counts).
    public var turn: Int?
    /// A short human message, e.g. "turn 2 starts with 助手：", counting turns and characters
    /// from 1 like the review screen (may quote dataset text: sanitise before printing it).
    public var message: String
    /// A reject reason tag (leaked-prefix, truncated, wrong-language, other), if rejecting fits.
    public var suggestedReason: String?
    /// A replacement that would fix it (an OCR'd sign text for a misquoted one), if known.
    public var fix: LintFix?
    /// Where in `turn` it is, when one place is known: a 0-based offset in Unicode scalars
    /// (the review screen's `next-finding` scrolls there).
    public var character: Int?

    public init(kind: LintKind, turn: Int? = nil, message: String, suggestedReason: String? = nil, fix: LintFix? = nil,
                character: Int? = nil) {
        self.kind = kind
        self.turn = turn
        self.character = character
        self.message = message
        self.suggestedReason = suggestedReason ?? kind.suggestedReason
        self.fix = fix
    }
}

/// Replace `length` characters (grapheme clusters) at `start` in turn `turn` with `text`.
public struct LintFix: Sendable, Equatable, Hashable {
    public var turn: Int
    public var start: Int
    public var length: Int
    /// What the characters are now (to check the turn has not changed since).
    public var original: String
    public var text: String

    public init(turn: Int, start: Int, length: Int, original: String, text: String) {
        self.turn = turn
        self.start = start
        self.length = length
        self.original = original
        self.text = text
    }

    /// Applies fixes of one turn to its text, right to left so earlier offsets stay valid;
    /// nil when a fix no longer matches the text or two fixes overlap.
    public static func apply(_ fixes: [LintFix], to text: String) -> String? {
        var chars = Array(text)
        var limit = chars.count
        for fix in fixes.sorted(by: { $0.start > $1.start }) {
            let end = fix.start + fix.length
            guard fix.start >= 0, end <= limit, String(chars[fix.start..<end]) == fix.original else { return nil }
            chars.replaceSubrange(fix.start..<end, with: Array(fix.text))
            limit = fix.start
        }
        return String(chars)
    }
}

/// A finding with the sample it belongs to (cross-sample checks may report an earlier sample).
public struct IndexedLintFinding: Sendable, Equatable, Hashable {
    public var index: Int
    public var finding: LintFinding

    public init(index: Int, finding: LintFinding) {
        self.index = index
        self.finding = finding
    }
}
