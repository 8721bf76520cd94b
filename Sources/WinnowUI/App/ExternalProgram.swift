/// A program to run without a shell.
public struct ExternalProgram: Sendable, Equatable {
    public var arguments: [String]
    /// Whether it takes over the terminal (an editor) or runs detached (an image viewer).
    public var takesTerminal: Bool
    /// An opaque tag the app uses to know what finished.
    public var purpose: String

    public init(arguments: [String], takesTerminal: Bool, purpose: String) {
        self.arguments = arguments
        self.takesTerminal = takesTerminal
        self.purpose = purpose
    }
}
