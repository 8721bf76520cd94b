/// A prompt in progress.
public struct PromptState: Sendable, Equatable {
    /// What the answer is for.
    public var purpose: PromptPurpose
    /// The text typed so far.
    public var input: LineInput
    /// Position in the history while browsing it (nil: editing a new line).
    public var historyIndex: Int?
    /// The command line's place in its completions while `tab` cycles them (nil: not cycling).
    public var completionIndex: Int?
    /// What was typed before cycling began (the matches `tab` steps through).
    public var completionBase: String?
}
