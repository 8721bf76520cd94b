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

/// The wrapped dialogue of one sample at one width, wrapped lazily: only as far as a frame
/// or a key needs (the screen and the lines above it), resumed where it stopped, and kept
/// while the sample stays near the screen. A 200,000-character turn thus costs a screenful
/// on its first frame; the rest is wrapped when scrolled to (or counted on idle ticks).
public final class DialogueLayout: @unchecked Sendable {
    public let sampleIndex: Int
    /// The pane width it was wrapped for.
    public let width: Int
    /// The screen lines wrapped so far, in order.
    public private(set) var wrapped: [DialogueLine] = []
    /// The texts the ranges point into: a layout is reused only for these exact texts, so a
    /// range can never index a different string.
    let texts: [String]
    private let turnCount: Int
    /// The turn being wrapped and its wrapper (nil: the next turn starts with its label).
    private var turnInProgress: (turn: Int, wrapper: LineWrapper)?
    private var nextTurn = 0
    /// Image placeholder tokens and Markdown emphasis per turn, found on first use.
    private var markerCache: [Int: [Range<String.Index>]] = [:]
    private var emphasisCache: [Int: MarkdownEmphasis] = [:]
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

    /// A layout of `sample`'s turns for a pane `width` columns wide; nothing is wrapped yet.
    public init(sample: Sample, width: Int) {
        self.sampleIndex = sample.index
        self.width = width
        self.texts = sample.turns.map(\.text)
        self.turnCount = sample.turns.count
        if sample.turns.isEmpty { wrapped = [.blank] }
    }

    /// Whether every line has been wrapped.
    public var isComplete: Bool { nextTurn >= turnCount && turnInProgress == nil }

    /// Wraps until line `n` exists (or the dialogue ends).
    public func ensure(through n: Int) {
        // In steps of 512 lines (about 2 ms of wrapping): an ordinary sample is wrapped whole
        // at once, so its line count is exact, and scrolling does not resume the wrapper per
        // line; only a very long turn is left partly unwrapped.
        while wrapped.count <= n && !isComplete { wrapMore(lines: max(512, n + 1 - wrapped.count)) }
    }

    /// Every screen line (wraps whatever is left).
    public var lines: [DialogueLine] {
        ensure(through: Int.max - 1)
        return wrapped
    }

    /// The number of lines, exact once complete; before that an estimate from the share of
    /// the text wrapped so far (and at least the lines known).
    public var lineCount: (count: Int, exact: Bool) {
        if isComplete { return (wrapped.count, true) }
        var doneBytes = 0
        var totalBytes = 0
        for (t, text) in texts.enumerated() {
            let n = text.utf8.count
            totalBytes += n
            if t < nextTurn - (turnInProgress == nil ? 0 : 1) { doneBytes += n }
        }
        if let progress = turnInProgress { doneBytes += progress.wrapper.consumedUTF8 }
        let known = wrapped.count
        guard doneBytes > 0 else { return (max(known, totalBytes / max(1, width)), false) }
        let estimate = known * totalBytes / doneBytes + 2 * (turnCount - nextTurn)
        return (max(known + 1, estimate), false)
    }

    /// Wraps about `lines` more lines.
    private func wrapMore(lines: Int) {
        let goal = wrapped.count + lines
        let textWidth = Self.textWidth(forLayoutWidth: width)
        while wrapped.count < goal {
            if case var (t, wrapper)? = turnInProgress {
                wrapper.next(lines: goal - wrapped.count) { wrapped.append(.text(turn: t, range: $0.range)) }
                turnInProgress = wrapper.isFinished ? nil : (t, wrapper)
                continue
            }
            guard nextTurn < turnCount else { return }
            let t = nextTurn
            nextTurn += 1
            if t > 0 { wrapped.append(.blank) }
            wrapped.append(.label(turn: t))
            turnInProgress = (t, LineWrapper(texts[t], width: textWidth, tabStops: true))
        }
    }

    /// Image placeholder tokens (`<image>` for LLaVA, `<IMG_CONTEXT>` for InternVL and
    /// XTuner) in turn `t`, in text order.
    func imageMarkers(turn t: Int) -> [Range<String.Index>] {
        if let m = markerCache[t] { return m }
        guard texts.indices.contains(t) else { return [] }
        let m = Self.imageTokens.flatMap { Self.asciiRanges(of: $0, in: texts[t]) }.sorted { $0.lowerBound < $1.lowerBound }
        markerCache[t] = m
        return m
    }

    /// Markdown headings and bold in turn `t`.
    func emphasis(turn t: Int) -> MarkdownEmphasis? {
        if let e = emphasisCache[t] { return e }
        guard texts.indices.contains(t) else { return nil }
        let e = MarkdownEmphasis(texts[t])
        emphasisCache[t] = e
        return e
    }

    /// Every occurrence of an ASCII `token` in `text`, found on the UTF-8 bytes (a
    /// 200,000-character turn in well under a millisecond; `firstRange(of:)` compares
    /// `Character`s and takes tens of milliseconds).
    static func asciiRanges(of token: String, in text: String) -> [Range<String.Index>] {
        let pattern = Array(token.utf8)
        guard let first = pattern.first, text.utf8.count >= pattern.count else { return [] }
        var result: [Range<String.Index>] = []
        let u = text.utf8
        var i = u.startIndex
        while let start = u[i...].firstIndex(of: first) {
            var j = start
            var k = 0
            while k < pattern.count, j < u.endIndex, u[j] == pattern[k] { j = u.index(after: j); k += 1 }
            if k == pattern.count {
                result.append(start..<j)
                i = j
            } else {
                i = u.index(after: start)
            }
        }
        return result
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
