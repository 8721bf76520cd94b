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
