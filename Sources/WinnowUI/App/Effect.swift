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
    /// Several effects in order.
    indirect case sequence([Effect])
}
