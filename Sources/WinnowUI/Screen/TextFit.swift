import WinnowCore

/// Fitting one line of text into a width without cutting a word in half.
public enum TextFit {
    /// `text` if it fits in `width` display columns; else its longest beginning that ends at
    /// a word boundary (a space, after `/`, `,`, `;`, `-`, or beside a wide CJK character),
    /// followed by `…`. A single word longer than the whole width is cut where it must.
    public static func words(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        let limit = width - 1   // room for the ellipsis
        var used = 0
        var lastBreak: String.Index? = nil
        var hardCut = text.startIndex
        var previous: Character? = nil
        var previousWide = false
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            let w = DisplayWidth.of(String(c))
            if let p = previous, isBreak(after: p, before: c, previousWide: previousWide, wide: w > 1) {
                lastBreak = index
            }
            if used + w > limit { break }
            used += w
            previous = c
            previousWide = w > 1
            index = text.index(after: index)
            hardCut = index
        }
        let cut = lastBreak ?? hardCut
        var head = String(text[..<cut])
        while head.last == " " { head.removeLast() }
        if head.isEmpty { head = String(text[..<hardCut]) }
        return head + "…"
    }

    private static func isBreak(after p: Character, before c: Character, previousWide: Bool, wide: Bool) -> Bool {
        if c == " " || p == " " { return true }
        if previousWide || wide { return true }
        return p == "/" || p == "," || p == ";" || p == "-" || p == "—"
    }
}
