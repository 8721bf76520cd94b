// Text checks on one turn: characters, leaked prefixes, endings, repetition.
extension SampleLinter {
    func checkCharacters(_ p: TextProfile, turn k: Int, into out: inout [LintFinding]) {
        if p.looksLikeMojibake {
            let what = p.replacementCharacters > 0 ? "U+FFFD replacement characters" : "a run of rare characters like UTF-8 read as GBK"
            add(.mojibake, k, "turn \(k + 1) has \(what) at character \((p.mojibakePosition ?? 0) + 1)", at: p.mojibakePosition ?? 0, into: &out)
        }
        if let (scalar, position) = p.invisible {
            let more = p.invisibleCount > 1 ? " (\(p.invisibleCount) in all)" : ""
            add(.invisibleChar, k, "turn \(k + 1) has \(TextProfile.describe(scalar)) at character \(position + 1)\(more)", at: position, into: &out)
        }
        if let (scalar, position) = p.control {
            let more = p.controlCount > 1 ? " (\(p.controlCount) in all)" : ""
            let what = scalar.value == 0x1B ? "an escape sequence (\(TextProfile.describe(scalar)))" : TextProfile.describe(scalar)
            add(.controlChar, k, "turn \(k + 1) has \(what) at character \(position + 1)\(more)", at: position, into: &out)
        }
    }

    /// Prompt-format speaker labels that leak into values when a generator's prompt template
    /// is copied along with the answer.
    static let prefixNames = ["用户", "助手", "问题", "回答", "human", "assistant", "user", "gpt", "question", "answer"]
    /// The labels that also count at the start of a later line (another speaker's turn run in).
    static let speakerNames: Set<String> = ["用户", "助手", "human", "assistant", "user", "gpt"]

    private static let prefixBytes = prefixNames.map { Array($0.utf8) }
    private static let speakerBytes = prefixNames.filter(speakerNames.contains).map { Array($0.utf8) }

    /// The leaked label at the start of `text` (after `<image>` and white space), colon included.
    static func leakedPrefix(_ text: String) -> String? {
        withBytes(text) { bytes in
            let image = Array("<image>".utf8)
            var i = 0
            while true {
                while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
                guard i + image.count <= bytes.count, bytes[i..<(i + image.count)].elementsEqual(image) else { break }
                i += image.count
            }
            return label(in: bytes, at: i, names: prefixBytes)
        }
    }

    /// A later line that starts with a speaker label: its 0-based line number and the label.
    static func leakedSpeakerLine(_ text: String) -> (Int, String)? {
        withBytes(text) { bytes in
            var line = 0
            for i in bytes.indices where bytes[i] == 0x0A {
                line += 1
                var j = i + 1
                while j < bytes.count, bytes[j] == 0x20 { j += 1 }
                if let found = label(in: bytes, at: j, names: speakerBytes) { return (line, found) }
            }
            return nil
        }
    }

    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R?) -> R? {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable(body) ?? nil
    }

    /// A label at byte `i`: one of `names` (ASCII in any case) then `：` or `:`.
    private static func label(in bytes: UnsafeBufferPointer<UInt8>, at i: Int, names: [[UInt8]]) -> String? {
        for name in names {
            let end = i + name.count
            guard end < bytes.count else { continue }
            var same = true
            for k in 0..<name.count {
                var b = bytes[i + k]
                if b >= 0x41, b <= 0x5A { b += 0x20 }
                if b != name[k] { same = false; break }
            }
            guard same else { continue }
            let colonLength: Int
            if bytes[end] == 0x3A {
                colonLength = 1
            } else if end + 2 < bytes.count, bytes[end] == 0xEF, bytes[end + 1] == 0xBC, bytes[end + 2] == 0x9A {
                colonLength = 3
            } else {
                continue
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<(end + colonLength)]), as: UTF8.self)
        }
        return nil
    }

    /// A trailing passage repeated at least three times (possibly cut off inside the last copy):
    /// the smallest period of the text's tail, found on UTF-8 bytes.
    static func repetitionLoop(_ text: String) -> (unitCharacters: Int, repeats: Int)? {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { all -> (Int, Int)? in
            var n = all.count
            while n > 0, all[n - 1] == 0x20 || all[n - 1] == 0x0A || all[n - 1] == 0x0D || all[n - 1] == 0x09 { n -= 1 }
            guard n >= 48 else { return nil }
            let maxPeriod = min(n / 3, 2048)
            for p in 1...maxPeriod {
                var i = n - 1
                while i - p >= 0, all[i] == all[i - p] { i -= 1 }
                let run = n - 1 - i  // bytes that equal the byte one period earlier
                if run >= 2 * p, run + p >= 48 {
                    // A run of one short token (哈哈哈, !!!, ----) is emphasis or markup.
                    if p < 6 { return nil }
                    let unit = String(decoding: UnsafeBufferPointer(rebasing: all[(n - p)..<n]), as: UTF8.self)
                    return (unit.count, (run + p) / p)
                }
            }
            return nil
        } ?? nil
    }

    /// The last few characters when an answer stops mid-sentence: it ends in a letter or Han
    /// character (or a comma) after at least one sentence's worth of punctuated text. Short
    /// answers ("Yes", "红色"), list items, headings and table rows may end without a stop.
    static func truncatedEnding(_ text: String, profile: TextProfile) -> String? {
        guard profile.scalarCount >= 15, profile.hasSentencePunctuation else { return nil }
        var trimmed = text.unicodeScalars[...]
        while let last = trimmed.last, TextProfile.isBlankScalar(last.value) { trimmed.removeLast() }
        guard let last = trimmed.last else { return nil }
        let v = last.value
        let isLetter = (0x4E00...0x9FFF).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
        let isComma = v == 0xFF0C || v == 0x3001 || v == 0x2C
        guard isLetter || isComma else { return nil }
        // The last line, by scalars (Character iteration costs grapheme breaking).
        var lineStart = trimmed.endIndex
        var lineLength = 0
        while lineStart > trimmed.startIndex {
            let before = trimmed.index(before: lineStart)
            if trimmed[before] == "\n" { break }
            lineStart = before
            lineLength += 1
        }
        // A list item, table row or quote without punctuation may end bare ("- 红色"); with a
        // comma or colon inside, it was cut mid-sentence like any paragraph. Headings end bare.
        var first = lineStart
        while first < trimmed.endIndex, trimmed[first] == " " { first = trimmed.index(after: first) }
        guard first < trimmed.endIndex, lineLength >= 4 else { return nil }
        let lead = trimmed[first].value
        if lead == 0x23 { return nil }
        if [0x2D, 0x2A, 0x2B, 0x7C, 0x3E].contains(lead) || (0x30...0x39).contains(lead) {
            let punctuated = trimmed[first...].contains { [0xFF0C, 0x3002, 0xFF1A, 0xFF1B, 0x2C, 0x3A, 0x3B].contains($0.value) }
            if !punctuated { return nil }
        }
        return String(String.UnicodeScalarView(trimmed.suffix(8)))
    }

    /// The language of all human turns together, for answers whose own question is unclear
    /// (only `<image>`, or a bare number).
    static func language(ofHumanTurnsIn sample: Sample) -> TextLanguage {
        var han = 0, latin = 0
        for turn in sample.turns where normalisedRole(turn.roleName) == .human {
            let p = TextProfile(turn.text)
            han += p.han
            latin += p.latinLetters
        }
        if latin >= 16, han * 10 <= latin { return .english }
        if han >= 2, han * 2 >= latin { return .chinese }
        return .unknown
    }
}
