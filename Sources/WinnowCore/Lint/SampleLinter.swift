/// Per-sample content lints for machine-written LLaVA data: leaked prompt prefixes, image-token
/// mistakes, empty or truncated turns, wrong language, repetition loops, role problems, mojibake,
/// invisible and control characters. Pure and allocation-light; tuned for precision, since a
/// reviewer stops trusting a lint that cries wolf.
public struct SampleLinter: Sendable {
    /// Only findings of these kinds are reported (all when nil).
    public var kinds: Set<LintKind>?

    public init(kinds: Set<LintKind>? = nil) {
        self.kinds = kinds
    }

    /// Every finding for `sample`, in turn order within each check.
    public func lint(_ sample: Sample) -> [LintFinding] {
        var out: [LintFinding] = []
        checkRoles(sample, into: &out)
        checkImageTokens(sample, into: &out)
        let questionLanguage = Self.language(ofHumanTurnsIn: sample)
        var lastHuman: TextProfile?
        for (k, turn) in sample.turns.enumerated() {
            let isAnswer = Self.normalisedRole(turn.roleName) == .gpt
            let profile = TextProfile(turn.text)
            checkCharacters(profile, turn: k, into: &out)
            if profile.isBlank {
                add(.emptyTurn, k, turn.text.isEmpty ? "turn \(k + 1) is empty" : "turn \(k + 1) has only white space", into: &out)
                continue
            }
            if let prefix = Self.leakedPrefix(turn.text) {
                add(.leakedPrefix, k, "turn \(k + 1) starts with \(prefix)", into: &out)
            } else if let (line, prefix) = Self.leakedSpeakerLine(turn.text) {
                add(.leakedPrefix, k, "turn \(k + 1) line \(line + 1) starts with \(prefix)", into: &out)
            }
            if isAnswer {
                var looping = false
                if let loop = Self.repetitionLoop(turn.text) {
                    looping = true
                    add(.repetitionLoop, k, "turn \(k + 1) ends with a \(loop.unitCharacters)-character passage repeated \(loop.repeats) times",
                        at: max(0, turn.text.unicodeScalars.count - 1), into: &out)
                }
                if !looping, let ending = Self.truncatedEnding(turn.text, profile: profile) {
                    add(.truncated, k, "turn \(k + 1) ends mid-sentence: …\(ending)", at: max(0, turn.text.unicodeScalars.count - 1), into: &out)
                }
                let question = lastHuman.map(\.language) ?? .unknown
                let asked = question == .unknown ? questionLanguage : question
                if asked == .chinese, profile.language == .english {
                    add(.wrongLanguage, k, "turn \(k + 1) answers a Chinese question in English", into: &out)
                }
            } else if Self.normalisedRole(turn.roleName) == .human {
                lastHuman = profile
            }
        }
        return out
    }

    func add(_ kind: LintKind, _ turn: Int?, _ message: String, at character: Int? = nil, into out: inout [LintFinding]) {
        if let kinds, !kinds.contains(kind) { return }
        out.append(LintFinding(kind: kind, turn: turn, message: message, character: character))
    }

    func wants(_ kind: LintKind) -> Bool { kinds?.contains(kind) ?? true }
}
