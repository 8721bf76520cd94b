/// Where the light Markdown that detail answers use (`### 标题`, `**要点**`) is emphasised in
/// the reading view. The markup itself stays on screen, dim: reviewers judge the text the
/// model will be trained on, so nothing is hidden or rewritten.
struct MarkdownEmphasis: Sendable {
    /// Heading lines and the inside of `**...**` pairs: drawn bold.
    var strong: [Range<String.Index>] = []
    /// The `#` run of a heading and the `**` around bold text: drawn dim.
    var markup: [Range<String.Index>] = []

    /// Scans `text` once (bytes, so a 200,000-character turn costs well under a millisecond).
    init(_ text: String) {
        let u = text.utf8
        var lineStart = u.startIndex
        while true {
            let lineEnd = u[lineStart...].firstIndex(of: 0x0A) ?? u.endIndex
            scanLine(u, lineStart, lineEnd)
            guard lineEnd < u.endIndex else { break }
            lineStart = u.index(after: lineEnd)
        }
    }

    private mutating func scanLine(_ u: String.UTF8View, _ start: String.Index, _ end: String.Index) {
        // `#` to `######` then a space: a heading.
        var i = start
        var hashes = 0
        while i < end, u[i] == 0x23, hashes < 7 { hashes += 1; i = u.index(after: i) }
        if (1...6).contains(hashes), i < end, u[i] == 0x20 {
            markup.append(start..<i)
            strong.append(u.index(after: i)..<end)
        }
        // `**` pairs within the line; an unpaired one is left alone.
        var open: String.Index? = nil
        var j = start
        while j < end {
            let next = u.index(after: j)
            if u[j] == 0x2A, next < end, u[next] == 0x2A {
                let after = u.index(after: next)
                if let o = open {
                    let inner = u.index(o, offsetBy: 2)
                    if inner < j {
                        markup.append(o..<inner)
                        strong.append(inner..<j)
                        markup.append(j..<after)
                    }
                    open = nil
                } else {
                    open = j
                }
                j = after
            } else {
                j = next
            }
        }
    }
}
