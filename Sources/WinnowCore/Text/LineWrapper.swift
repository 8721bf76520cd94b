/// `TextWrapper`'s algorithm with its state kept between calls, so that a long text can be
/// wrapped only as far as the screen needs and resumed later. Resuming gives exactly the
/// lines of one pass: the state carried across a line start (characters kinsoku moved down,
/// the break found so far) is kept, not recomputed. `TextWrapper.wrap` is one call that runs
/// to the end.
public struct LineWrapper: Sendable {
    /// The text being wrapped.
    public let text: String
    private let limit: Int
    private var lineStart: String.Index
    private var used = 0
    /// The characters of the current line (only they can move to the next line).
    private var chars: [(index: String.Index, width: Int, cls: LineBreakClass)] = []
    /// Latest allowed break: before chars[breakAt].
    private var breakAt = 0
    private var hung = false
    /// The next character to look at.
    private var position: String.Index
    /// Whether every line has been emitted.
    public private(set) var isFinished = false
    /// A tab goes to the next multiple of `DisplayWidth.tabWidth` columns from the screen
    /// line's start (as `ScreenGrid.write(tabStops: true)` draws it), instead of a fixed
    /// `tabWidth` columns.
    private let tabStops: Bool

    /// A wrapper at the start of `text`, for lines at most `width` columns (at least 2).
    /// `tabStops`: tabs expand to tab stops (the reading view), not to a fixed width.
    public init(_ text: String, width: Int, tabStops: Bool = false) {
        self.tabStops = tabStops
        self.text = text
        self.limit = max(2, width)
        self.lineStart = text.startIndex
        self.position = text.startIndex
        chars.reserveCapacity(limit + 4)
    }

    /// How far into the text the wrapper has read, in UTF-8 bytes (for progress estimates).
    public var consumedUTF8: Int { text.utf8.distance(from: text.startIndex, to: position) }

    /// Emits the next screen lines until at least `lines` were emitted or the text ended.
    public mutating func next(lines: Int, emit: (WrappedLine) -> Void) {
        next(lines: lines) { line, _ in emit(line) }
    }

    /// Like `next(lines:emit:)`, also saying for each line whether the line after it starts
    /// clean: nothing carried over (no characters moved down by the break), so wrapping
    /// afresh from that line's start gives exactly the same lines as going on. An editor
    /// re-wraps from such a line after an edit and stops at the next one it meets again.
    public mutating func next(lines: Int, emit: (WrappedLine, _ nextStartsClean: Bool) -> Void) {
        guard !isFinished else { return }
        var emitted = 0
        let utf8 = text.utf8
        var i = position

        func breakLine(before k: Int, at index: String.Index) {
            var w = 0
            for c in chars[..<k] { w += c.width }
            emit(WrappedLine(range: lineStart..<index, width: w), k == chars.count)
            emitted += 1
            chars.removeFirst(k)
            lineStart = index
            used -= w
            breakAt = 0
            hung = false
        }

        for c in text[position...] {
            let next = utf8.index(i, offsetBy: c.utf8.count)
            defer { i = next }
            if c == "\n" || c == "\r\n" {
                emit(WrappedLine(range: lineStart..<i, width: used), true)
                emitted += 1
                lineStart = next
                used = 0
                chars.removeAll(keepingCapacity: true)
                breakAt = 0
                hung = false
                if emitted >= lines { position = next; return }
                continue
            }
            let w = tabStops && c == "\t" ? DisplayWidth.tabWidth - used % DisplayWidth.tabWidth : DisplayWidth.of(c)
            let cls = LineBreakClass(c, width: w)
            let prevCls = chars.last?.cls ?? .space
            if !chars.isEmpty, LineBreakClass.allowsBreak(between: prevCls, and: cls) {
                breakAt = chars.count
            }
            if cls == .space && used + w > limit {
                // Hang the space past the edge (uncounted); the next word breaks after it.
                chars.append((i, 0, cls))
                continue
            }
            if used + w > limit && !chars.isEmpty {
                if breakAt > 0 && breakAt < chars.count {
                    breakLine(before: breakAt, at: chars[breakAt].index)
                } else if breakAt == chars.count && breakAt > 0 {
                    breakLine(before: breakAt, at: i)
                }
            }
            if used + w > limit && !chars.isEmpty {
                // No allowed break: the latest position that keeps kinsoku (not before
                // closing, not after opening), even inside a word.
                var k = chars.count
                var found = -1
                if cls != .closing && chars[k - 1].cls != .opening { found = k }
                while found < 0 && k > 1 {
                    k -= 1
                    if chars[k].cls != .closing && chars[k - 1].cls != .opening { found = k }
                }
                if found == chars.count {
                    breakLine(before: found, at: i)
                } else if found > 0 {
                    breakLine(before: found, at: chars[found].index)
                } else if cls == .closing && !hung {
                    // Nothing can move down with it: the punctuation hangs past the edge.
                    hung = true
                } else {
                    breakLine(before: chars.count, at: i)
                }
            }
            chars.append((i, w, cls))
            used += w
            if emitted >= lines { position = next; return }
        }
        emit(WrappedLine(range: lineStart..<text.endIndex, width: used), true)
        position = text.endIndex
        isFinished = true
    }
}
