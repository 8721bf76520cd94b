import WinnowCore

/// One screen line of the dialogue pane.
public enum DialogueLine: Sendable, Equatable {
    /// The role label that starts a turn.
    case label(turn: Int)
    /// A wrapped line of turn `turn`'s text.
    case text(turn: Int, range: Range<String.Index>)
    /// Space between turns.
    case blank
}

/// The wrapped dialogue of one sample at one width: built once, reused while scrolling.
public final class DialogueLayout: @unchecked Sendable {
    public let sampleIndex: Int
    /// The pane width it was wrapped for.
    public let width: Int
    /// Every screen line of the dialogue, in order.
    public let lines: [DialogueLine]
    /// The texts the ranges point into: a layout is reused only for these exact texts, so a
    /// range can never index a different string.
    let texts: [String]
    /// Image placeholder tokens per turn: `<image>` (LLaVA) and `<IMG_CONTEXT>` (InternVL,
    /// XTuner), in text order.
    let imageMarkers: [[Range<String.Index>]]
    /// Markdown headings and bold per turn.
    let emphasis: [MarkdownEmphasis]
    /// Search matches per turn for `matchPhrase`, computed on first use.
    private var matchPhrase: String?
    private var matches: [Int: [Range<String.Index>]] = [:]

    /// The placeholder tokens marked like an image in the dialogue.
    static let imageTokens = ["<image>", "<IMG_CONTEXT>"]

    /// Columns of indent before turn text.
    public static let indent = 2
    /// Columns kept free at the right for a hanging closing mark.
    public static let hangMargin = 2
    /// The widest measure turn text is wrapped to, in display columns. Why 100: readable
    /// line lengths are about 45-90 Latin letters and 35-50 CJK characters; 100 columns is
    /// 50 Chinese characters (the upper end) or ~100 Latin letters, which still fits a
    /// 120-column side-by-side screen untouched, while a 300-column terminal no longer runs
    /// a line of 80+ characters the eye must track back across. Wider panes keep their
    /// width; the rest of the row is left blank.
    public static let maxTextWidth = 100

    /// The columns turn text is wrapped to in a layout `width` columns wide (the pane less
    /// its scroll bar): the one place the reading view and the editor take it from.
    public static func textWidth(forLayoutWidth width: Int) -> Int {
        min(maxTextWidth, max(2, width - indent - hangMargin))
    }

    /// Wraps every turn of `sample` for a pane `width` columns wide.
    public init(sample: Sample, width: Int) {
        self.sampleIndex = sample.index
        self.width = width
        // Two spare columns on the right for punctuation that hangs (see TextWrapper).
        let textWidth = Self.textWidth(forLayoutWidth: width)
        var lines: [DialogueLine] = []
        var markers: [[Range<String.Index>]] = []
        var emphasis: [MarkdownEmphasis] = []
        for (t, turn) in sample.turns.enumerated() {
            if t > 0 { lines.append(.blank) }
            lines.append(.label(turn: t))
            TextWrapper.wrap(turn.text, width: textWidth) { lines.append(.text(turn: t, range: $0.range)) }
            markers.append(Self.imageTokens.flatMap { Self.ranges(of: $0, in: turn.text) }
                .sorted { $0.lowerBound < $1.lowerBound })
            emphasis.append(MarkdownEmphasis(turn.text))
        }
        if sample.turns.isEmpty { lines.append(.blank) }
        self.lines = lines
        self.imageMarkers = markers
        self.emphasis = emphasis
        self.texts = sample.turns.map(\.text)
    }

    /// Every occurrence of `phrase` in `text`, in order.
    static func ranges(of phrase: String, in text: String) -> [Range<String.Index>] {
        guard !phrase.isEmpty, text.utf8.count >= phrase.utf8.count else { return [] }
        var result: [Range<String.Index>] = []
        var from = text.startIndex
        while from < text.endIndex, let r = text.range(of: phrase, from: from) {
            result.append(r)
            from = r.upperBound
        }
        return result
    }

    /// Matches of `phrase` in turn `turn` (cached for the last phrase asked).
    func matches(of phrase: String, turn: Int, in sample: Sample) -> [Range<String.Index>] {
        if matchPhrase != phrase {
            matchPhrase = phrase
            matches = [:]
            matchLineCache = nil
        }
        if let m = matches[turn] { return m }
        guard sample.turns.indices.contains(turn) else { return [] }
        let m = Self.ranges(of: phrase, in: sample.turns[turn].text)
        matches[turn] = m
        return m
    }

    /// The first line showing `phrase`.
    public func firstLine(containing phrase: String, in sample: Sample) -> Int? {
        matchLines(of: phrase, in: sample).first
    }

    /// Match number `n` (0-based, in dialogue order) of `phrase`: its turn and range.
    public func match(_ n: Int, of phrase: String, in sample: Sample) -> (turn: Int, range: Range<String.Index>)? {
        var left = n
        for t in sample.turns.indices {
            let m = matches(of: phrase, turn: t, in: sample)
            if left < m.count { return (t, m[left]) }
            left -= m.count
        }
        return nil
    }

    /// The lines on which a match of `phrase` starts, in order (one entry per match).
    public func matchLines(of phrase: String, in sample: Sample) -> [Int] {
        if matchPhrase == phrase, let cached = matchLineCache { return cached }
        var result: [Int] = []
        var turn = -1
        var pending: ArraySlice<Range<String.Index>> = []
        for (n, line) in lines.enumerated() {
            guard case .text(let t, let r) = line else { continue }
            if t != turn {
                turn = t
                pending = matches(of: phrase, turn: t, in: sample)[...]
            }
            while let m = pending.first, m.lowerBound < r.upperBound || (r.isEmpty && m.lowerBound == r.lowerBound) {
                result.append(n)
                pending = pending.dropFirst()
            }
        }
        matchLineCache = result
        return result
    }
    private var matchLineCache: [Int]?
}

/// The few most recent dialogue layouts, keyed by (sample, width).
struct DialogueLayoutCache {
    private var entries: [DialogueLayout] = []
    let capacity = 6

    mutating func layout(for sample: Sample, width: Int) -> DialogueLayout {
        if let i = entries.firstIndex(where: { $0.sampleIndex == sample.index && $0.width == width
                                               && $0.texts == sample.turns.map(\.text) }) {
            let hit = entries.remove(at: i)
            entries.append(hit)
            return hit
        }
        let made = DialogueLayout(sample: sample, width: width)
        entries.append(made)
        if entries.count > capacity { entries.removeFirst() }
        return made
    }

    /// Forgets layouts of one sample (after an edit changes its text).
    mutating func invalidate(sampleIndex: Int) {
        entries.removeAll { $0.sampleIndex == sampleIndex }
    }
}

private extension String {
    func range(of phrase: String, from: String.Index) -> Range<String.Index>? {
        self[from...].firstRange(of: phrase)
    }
}
