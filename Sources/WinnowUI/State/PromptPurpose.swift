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
    /// The `:` command line.
    case command

    /// The label shown before the input.
    var label: String {
        switch self {
        case .goTo: return "go to index (or id): "
        case .goToID: return "go to id: "
        case .search(let forward): return forward ? "/" : "?"
        case .note: return "note: "
        case .flag: return "flag: "
        case .rejectNote: return "reject note: "
        case .command: return ":"
        }
    }
}
