import CNcursesw
import WinnowUI

/// Placeholder so the target compiles; the backend work replaces it.
public enum TerminalBackend {
    public static func curses() -> Int32 { Int32(NCURSES_VERSION_MAJOR) }
}
