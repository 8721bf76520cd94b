/// A fast, allocation-free answer to "would this sample decode cleanly?" for merge, which
/// must know that of every sample it writes (641,868 of them in 1.26 GB).
///
/// It answers yes only for the plain shape: a valid JSON object with one `conversations` (or
/// one `messages`) list of objects, each with one string role (`from` or `role`) and one string
/// text (`value` or `content`). Anything else (parts lists, repeated keys, missing members)
/// answers no, and the caller asks the full decoder, whose verdict is the real one; so the
/// quick check can only save time, never change an answer.
extension SampleDecoder {
    static func isPlainAndReadable(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var p = JSONParser(bytes: bytes)
        do {
            guard p.consume(UInt8(ascii: "{")) else { return false }
            var dialogues = 0
            if p.consume(UInt8(ascii: "}")) { return false }
            while true {
                guard p.peekAfterWhitespace() == UInt8(ascii: "\"") else { return false }
                let key = try p.readStringValue()
                guard p.consume(UInt8(ascii: ":")) else { return false }
                if key == "conversations" || key == "messages" {
                    dialogues += 1
                    guard dialogues == 1, try plainTurns(&p) else { return false }
                } else {
                    // Nesting is counted as the full parser counts it (the sample is level 1).
                    p.depth = 1
                    try p.skipValue()
                }
                if p.consume(UInt8(ascii: ",")) { continue }
                guard p.consume(UInt8(ascii: "}")) else { return false }
                break
            }
            return dialogues == 1 && p.isAtEndAfterWhitespace()
        } catch {
            return false
        }
    }

    /// A list of turns, each an object with exactly one string role member and one string
    /// text member (other members are skipped, validated).
    private static func plainTurns(_ p: inout JSONParser) throws(JSONParseError) -> Bool {
        guard p.consume(UInt8(ascii: "[")) else { return false }
        if p.consume(UInt8(ascii: "]")) { return true }
        while true {
            guard p.consume(UInt8(ascii: "{")) else { return false }
            var roles = 0, texts = 0
            if !p.consume(UInt8(ascii: "}")) {
                while true {
                    guard p.peekAfterWhitespace() == UInt8(ascii: "\"") else { return false }
                    let key = try p.readStringValue()
                    guard p.consume(UInt8(ascii: ":")) else { return false }
                    let isRole = key == "from" || key == "role", isText = key == "value" || key == "content"
                    if isRole || isText {
                        guard p.peekAfterWhitespace() == UInt8(ascii: "\"") else { return false }
                        try p.skipString()
                        if isRole { roles += 1 } else { texts += 1 }
                    } else {
                        p.depth = 3  // sample, list, turn
                        try p.skipValue()
                    }
                    if p.consume(UInt8(ascii: ",")) { continue }
                    guard p.consume(UInt8(ascii: "}")) else { return false }
                    break
                }
            }
            guard roles == 1, texts == 1 else { return false }
            if p.consume(UInt8(ascii: ",")) { continue }
            return p.consume(UInt8(ascii: "]"))
        }
    }
}

extension Dataset {
    /// Whether sample `index` certainly decodes without any damage, answered without
    /// decoding it where its shape is plain (see `SampleDecoder.isPlainAndReadable`).
    func isPlainAndReadable(at index: Int) -> Bool {
        let range = byteRange(at: index)
        guard file.isStillBacked(upTo: range.upperBound) else { return false }
        return SampleDecoder.isPlainAndReadable(UnsafeRawBufferPointer(rebasing: file.bytes[range]))
    }
}
