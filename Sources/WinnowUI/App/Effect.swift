/// What the main loop must do after the app handled an event. Handlers never touch the
/// terminal themselves; the backend carries these out.
public enum Effect: Sendable, Equatable {
    /// Nothing changed on screen.
    case none
    /// Re-render and copy the grid to the terminal.
    case redraw
    /// Leave the app (the journal is already durable: every saved entry was fsynced).
    case quit
    /// Suspend the process (Ctrl-Z); the backend restores the terminal first.
    case suspend
    /// Leave curses mode, run a program (argv, no shell) attached to the terminal, come back
    /// and call `ReviewApp.externalProgramFinished(exitStatus:)`.
    case runExternal(ExternalProgram)
    /// Leave curses mode and show an image over the whole terminal with the given bytes
    /// (escape sequences already built by the image layer), then wait for any key and restore.
    case showFullScreen(bytes: [UInt8])
    /// Several effects in order.
    indirect case sequence([Effect])
}

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

/// The contract between the pure UI and a terminal backend.
public protocol TerminalApp: AnyObject {
    /// Handles one input event and says what the loop must do.
    func handle(_ event: InputEvent) -> Effect
    /// Renders the current state into a grid of the given size.
    func render(width: Int, height: Int) -> ScreenGrid
    /// Called when a `.runExternal` program ended.
    func externalProgramFinished(_ program: ExternalProgram, exitStatus: Int32) -> Effect
    /// Called periodically when idle (about every 100 ms) so background work (image decoding,
    /// search progress) can show up; returns `.redraw` when something changed.
    func tick() -> Effect
}
