import WinnowCore

/// What a prompt is asking for.
public enum PromptPurpose: Sendable, Equatable {
    case goTo
    case goToID
    case search(forward: Bool)
    case note
    case flag
    /// The note attached to a rejection being made in the picker.
    case rejectNote(ReasonPicker)

    /// The label shown before the input.
    var label: String {
        switch self {
        case .goTo: return "go to index (or id): "
        case .goToID: return "go to id: "
        case .search(let forward): return forward ? "/" : "?"
        case .note: return "note: "
        case .flag: return "flag: "
        case .rejectNote: return "reject note: "
        }
    }
}

/// A prompt in progress.
public struct PromptState: Sendable, Equatable {
    /// What the answer is for.
    public var purpose: PromptPurpose
    /// The text typed so far.
    public var input: LineInput
    /// Position in the history while browsing it (nil: editing a new line).
    public var historyIndex: Int?
}

/// The reject-reason picker: a list of reasons, some ticked, one highlighted.
public struct ReasonPicker: Sendable, Equatable {
    /// The reasons offered, in order.
    public var reasons: [String]
    /// Indices of ticked reasons.
    public var ticked: Set<Int> = []
    /// The highlighted reason.
    public var selected: Int = 0
    /// A note to journal with the rejection.
    public var note: String?
    /// The sample being rejected.
    public var sampleIndex: Int

    /// Reasons to submit: the ticked ones, else the highlighted one.
    public var chosen: [String] {
        let picked = ticked.sorted().compactMap { reasons.indices.contains($0) ? reasons[$0] : nil }
        if !picked.isEmpty { return picked }
        return reasons.indices.contains(selected) ? [reasons[selected]] : []
    }
}

/// Editing a sample's turns (see Editor/ReviewApp+Editing.swift).
public struct EditingState: Sendable, Equatable {
    /// The sample being edited.
    public var sampleIndex: Int
    /// The editor session; nil shows the placeholder (no journal, unreadable sample).
    public var session: EditorSession?
    /// The external editor run in progress, if any.
    public var external: ExternalEdit?
    /// Leave editing when the external editor returns (it was started from reading mode).
    public var returnToReading = false
    public init(sampleIndex: Int) { self.sampleIndex = sampleIndex }
}

/// What the screen is doing; decides the key context.
public enum AppMode: Sendable, Equatable {
    case reading
    case prompt(PromptState)
    case reasonPicker(ReasonPicker)
    case help(scroll: Int)
    case editing(EditingState)

    /// The keymap context for this mode.
    public var keyContext: KeyContext {
        switch self {
        case .reading: return .review
        case .prompt: return .prompt
        case .reasonPicker: return .picker
        case .help: return .help
        case .editing: return .editor
        }
    }
}
