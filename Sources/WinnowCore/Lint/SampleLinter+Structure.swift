// Role and image-token checks: the dialogue's shape rather than its text.
extension SampleLinter {
    /// A speaker, read leniently (case and surrounding spaces ignored) so that one misspelt role
    /// name gives a bad-role-name finding rather than a cascade of alternation findings too.
    enum Speaker { case human, gpt, system, tool, unknown }

    static func normalisedRole(_ name: String) -> Speaker {
        // The usual spellings first: no allocation for them.
        switch name {
        case "human", "user": return .human
        case "gpt", "assistant": return .gpt
        case "system": return .system
        default: break
        }
        switch name.trimmingSpaces.lowercased() {
        case "human", "user": return .human
        case "gpt", "assistant", "model", "bot", "ai": return .gpt
        case "system": return .system
        case "tool", "function", "observation", "ipython": return .tool
        default: return .unknown
        }
    }

    private static func isLLaVAName(_ name: String) -> Bool {
        switch name {
        case "human", "gpt", "system": return true
        default: return false
        }
    }

    private static func isMessagesName(_ name: String) -> Bool {
        switch name {
        case "user", "assistant", "system", "tool", "function", "observation", "ipython": return true
        default: return false
        }
    }

    func checkRoles(_ sample: Sample, into out: inout [LintFinding]) {
        // Each schema has its normal names; a sample that uses the other schema's names
        // throughout follows a convention (LLaMA-Factory allows either), so only names outside
        // both sets, or a mix of the two, are flagged.
        let normal = sample.schema == .llava ? Self.isLLaVAName : Self.isMessagesName
        let other = sample.schema == .llava ? Self.isMessagesName : Self.isLLaVAName
        let names = sample.turns.map(\.roleName)
        let consistentOther = !names.allSatisfy(normal) && names.allSatisfy(other)
        if wants(.badRoleName), !consistentOther {
            let expected = sample.schema == .llava ? "human/gpt" : "user/assistant"
            for (k, name) in names.enumerated() where !normal(name) {
                add(.badRoleName, k, "turn \(k + 1) has role \"\(name)\" (expected \(expected))", into: &out)
            }
        }
        guard wants(.rolesNotAlternating) else { return }
        let speakers = names.map(Self.normalisedRole)
        if speakers.contains(.tool) || speakers.contains(.unknown) { return }
        var expected = Speaker.human
        var seenDialogue = false
        for (k, speaker) in speakers.enumerated() {
            if speaker == .system, !seenDialogue { continue }
            seenDialogue = true
            if speaker != expected {
                let message: String
                if k > 0, speakers[k - 1] == speaker {
                    message = "turns \(k) and \(k + 1) are both \(speaker == .gpt ? "answers" : speaker == .human ? "questions" : "system")"
                } else if speaker == .gpt {
                    message = "turn \(k + 1): the dialogue starts with an answer"
                } else {
                    message = "turn \(k + 1) is out of order"
                }
                add(.rolesNotAlternating, k, message, into: &out)
                return
            }
            expected = expected == .human ? .gpt : .human
        }
    }

    /// Placeholders other tools put where LLaVA puts `<image>`; with one of them the sample is
    /// not expected to carry `<image>`.
    private static let otherPlaceholders = ["<IMG_CONTEXT>", "<|image_pad|>", "<img>", "<|vision_start|>", "<ImageHere>"]

    func checkImageTokens(_ sample: Sample, into out: inout [LintFinding]) {
        let counts = sample.turns.map { Self.occurrences(of: "<image>", in: $0.text) }
        var humanTurns: [Int] = []
        for (k, turn) in sample.turns.enumerated() {
            switch Self.normalisedRole(turn.roleName) {
            case .human: humanTurns.append(k)
            case .gpt where counts[k] > 0:
                add(.imageTokenInAnswer, k, "turn \(k + 1) is an answer with <image> in it", into: &out)
            default: break
            }
        }
        // Images given in content parts (xtuner, OpenAI style) need no token in the text.
        guard !sample.images.isEmpty, sample.json["image"] != nil || sample.json["images"] != nil,
              let first = humanTurns.first else { return }
        let total = humanTurns.reduce(0) { $0 + counts[$1] }
        // Checked only when about to report: a byte search per turn, but rarely needed.
        func usesOtherPlaceholder() -> Bool {
            sample.turns.contains { turn in Self.otherPlaceholders.contains { Self.occurrences(of: $0, in: turn.text) > 0 } }
        }
        if sample.schema == .llava, sample.images.count == 1 {
            let clean = counts[first] == 1 && total == 1
            if clean || usesOtherPlaceholder() { return }
            if counts[first] == 0 {
                let elsewhere = humanTurns.first { counts[$0] > 0 }
                let broken = Self.occurrences(of: "<image>", in: Self.withoutInvisibles(sample.turns[first].text)) > 0
                add(.missingImageToken, first, broken ? "turn \(first + 1) has <image> broken by an invisible character"
                    : elsewhere.map { "turn \(first + 1) has no <image> (it is in turn \($0 + 1))" } ?? "turn \(first + 1) has no <image>", into: &out)
            } else if counts[first] > 1 {
                add(.duplicateImageToken, first, "turn \(first + 1) has <image> \(counts[first]) times", into: &out)
            }
            for k in humanTurns.dropFirst() where counts[k] > 0 && counts[first] > 0 {
                add(.duplicateImageToken, k, "turn \(k + 1) has another <image>", into: &out)
            }
            return
        }
        if total == 0 || total > sample.images.count, usesOtherPlaceholder() { return }
        if total == 0 {
            add(.missingImageToken, first, "no <image> in any question for \(sample.images.count) image(s)", into: &out)
        } else if total > sample.images.count {
            var running = 0
            for k in humanTurns {
                running += counts[k]
                if running > sample.images.count {
                    add(.duplicateImageToken, k, "turn \(k + 1) has <image> beyond the \(sample.images.count) image(s) listed", into: &out)
                    break
                }
            }
        }
    }

    static func withoutInvisibles(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !TextProfile.isBlankScalar(scalar.value) || scalar == " " || scalar == "\n" {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    static func occurrences(of needle: String, in text: String) -> Int {
        let n = Array(needle.utf8)
        guard let firstByte = n.first else { return 0 }
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { bytes -> Int in
            var count = 0, i = 0
            while i + n.count <= bytes.count {
                if bytes[i] == firstByte, bytes[i..<(i + n.count)].elementsEqual(n) {
                    count += 1
                    i += n.count
                } else {
                    i += 1
                }
            }
            return count
        } ?? 0
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: Substring {
        var s = self[...]
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return s
    }
}
