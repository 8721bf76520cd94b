import WinnowUI

/// The terminal size in cells.
public struct TerminalSize: Sendable, Hashable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// One unit of input as the driver read it, before `KeyDecoder` assembles escape sequences,
/// Alt prefixes and pastes.
public enum TerminalInput: Sendable, Hashable {
    /// Nothing arrived within the timeout.
    case none
    /// A character (control characters included), as a Unicode scalar value.
    case character(UInt32)
    /// A key the terminal description named (keypad mode), modifiers included.
    case key(KeyPress)
    /// A key code the driver has no name for (dropped by the decoder).
    case unnamedKey
    /// The terminal changed size; `size` has the new one.
    case resize
}

/// The cells of one frame that must be written, in row-major order, and where the cursor
/// goes. `GridPainter` computes it from two grids; the driver only copies it out.
public struct FrameUpdate: Sendable, Hashable {
    /// One cell to write: the lead cell of a wide glyph covers its continuation cell.
    public struct CellWrite: Sendable, Hashable {
        public var row: Int
        public var column: Int
        /// The cluster's scalars, never a control character (see `GridPainter.printable`).
        public var scalars: [UInt32]
        /// Colours already reduced for a monochrome terminal when colours are off.
        public var style: CellStyle

        public init(row: Int, column: Int, scalars: [UInt32], style: CellStyle) {
            self.row = row
            self.column = column
            self.scalars = scalars
            self.style = style
        }
    }

    /// Whether the terminal must be cleared and repainted in full (first frame, a new
    /// size, after suspend or an external program).
    public var fullRepaint: Bool
    public var writes: [CellWrite]
    /// Where the hardware cursor sits (shown), or nil to hide it.
    public var cursor: CursorPosition?

    public init(fullRepaint: Bool, writes: [CellWrite], cursor: CursorPosition?) {
        self.fullRepaint = fullRepaint
        self.writes = writes
        self.cursor = cursor
    }
}

/// What `TerminalBackend`'s run loop draws into and reads from: the real terminal
/// (`CursesDriver`, the only user of ncurses) or a recording fake in tests.
public protocol TerminalDriver: AnyObject {
    /// Takes over the terminal: raw keys, keypad, bracketed paste, colours.
    func start() throws(TerminalError)
    /// Gives the terminal back as it was found; safe to call twice.
    func stop()
    /// Leaves program mode for a while (Ctrl-Z, an editor that takes the terminal).
    func suspend()
    /// Comes back after `suspend`; the caller repaints in full.
    func resume()
    /// The current size in cells.
    var size: TerminalSize { get }
    /// Whether the painter may use colours (false under NO_COLOR or without colours).
    var usesColor: Bool { get }
    /// Waits at most `timeoutMilliseconds` (negative: forever) for one unit of input.
    func read(timeoutMilliseconds: Int32) -> TerminalInput
    /// Writes the changed cells and places the cursor.
    func draw(_ update: FrameUpdate)
    /// Writes bytes built by Winnow itself (image escape sequences), never dataset text.
    func writeRaw(_ bytes: [UInt8])
    /// Blanks the screen through the driver, so that nothing it still means to repaint
    /// (curses redraws its own copy after a resize, at the next read) covers raw bytes
    /// written next.
    func blankForRaw()
    /// The terminating signal (SIGTERM, SIGHUP, SIGINT) received since start, or 0.
    var pendingSignal: Int32 { get }
    /// Stops the process as Ctrl-Z would; returns once it is continued.
    func stopProcess()
    /// Starts `arguments` (PATH lookup, no shell); detached programs get /dev/null for
    /// stdio and their own session. nil when it could not start.
    func spawn(_ arguments: [String], detached: Bool) -> Int32?
    /// The exit status of `pid` (128 + signal), nil while it runs and `block` is false.
    func wait(_ pid: Int32, block: Bool) -> Int32?
}

extension TerminalDriver {
    /// Drivers that repaint nothing on their own need nothing.
    public func blankForRaw() {}
}
