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
    /// Bytes that draw the whole screen instead of a grid (the full-screen image), or nil to
    /// draw the grid. Asked for on every frame, so a resize redraws at the new size at once.
    func rawFrame(width: Int, height: Int) -> [UInt8]?
}

extension TerminalApp {
    /// No raw frames: always the grid.
    public func rawFrame(width: Int, height: Int) -> [UInt8]? { nil }
}
