@preconcurrency import CNcursesw
import Glibc
import WinnowUI

/// Set by the signal handler; a constant-initialised global, so no lazy initialisation can
/// run inside the handler.
nonisolated(unsafe) private var pendingSignal: Int32 = 0

/// Every ncurses and terminal C call Winnow makes, in one place (as swift-system keeps its
/// syscalls behind one file), so the rest of the backend is plain Swift.
enum Curses {
    /// What `get_wch` returned.
    enum Read: Equatable {
        case none
        case character(UInt32)
        case keyCode(Int32)
    }

    /// Whether standard input and output are both terminals.
    static func stdioAreTerminals() -> Bool { isatty(0) == 1 && isatty(1) == 1 }

    /// Applies the user's locale so ncursesw reads and writes UTF-8.
    static func setLocale() { _ = setlocale(LC_ALL, "") }

    /// Starts curses on stdin/stdout; false when TERM is unusable (newterm returns NULL
    /// where initscr would print and exit the process).
    static func start() -> Bool {
        guard let output = fdopen(1, "w"), let input = fdopen(0, "r") else { return false }
        // Extended names (kUP5, kDN3…) give modified keys their own key codes; they must be
        // on before the terminal description is read.
        _ = use_extended_names(true)
        guard newterm(nil, output, input) != nil else { return false }
        raw()
        noecho()
        nonl()
        keypad(stdscr, true)
        set_escdelay(25)
        timeout(100)
        _ = has_colors() ? start_color() : OK
        if has_colors() { use_default_colors() }
        return true
    }

    static func stop() { endwin() }
    static func isStopped() -> Bool { isendwin() }
    static func refreshScreen() { refresh() }
    static func clearScreen() { clearok(stdscr, true) }
    /// Empties the window and the screen now, leaving curses nothing to repaint.
    static func eraseAndRefresh() {
        werase(stdscr)
        refresh()
    }
    static func saveProgramMode() { def_prog_mode() }
    static func restoreProgramMode() { reset_prog_mode() }

    /// The terminal size in cells.
    static func size() -> (width: Int, height: Int) { (Int(COLS), Int(LINES)) }

    /// Reads one key or character, waiting at most `milliseconds` (negative: forever).
    static func read(timeoutMilliseconds milliseconds: Int32) -> Read {
        timeout(milliseconds)
        var wch: wint_t = 0
        let rc = get_wch(&wch)
        if rc == KEY_CODE_YES { return .keyCode(Int32(wch)) }
        if rc == OK { return .character(UInt32(wch)) }
        return .none
    }

    static var keyResize: Int32 { KEY_RESIZE }

    /// Pushes a character back so the next read returns it.
    static func unread(_ scalar: UInt32) { unget_wch(wchar_t(bitPattern: scalar)) }

    /// The named key for one of ncurses' standard key codes (shift is dropped: Winnow
    /// reads shifted arrows as arrows).
    static func standardKey(_ code: Int32) -> NamedKey? {
        switch code {
        case KEY_UP, KEY_SR: return .up
        case KEY_DOWN, KEY_SF: return .down
        case KEY_LEFT, KEY_SLEFT: return .left
        case KEY_RIGHT, KEY_SRIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_IC: return .insert
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case (KEY_F0 + 1)...(KEY_F0 + 12): return NamedKey(rawValue: "f\(code - KEY_F0)")
        default: return nil
        }
    }

    /// The key code the running terminal's description gives the extended capability
    /// `name` (`kUP5`), or nil when the description lacks it.
    static func extendedKeyCode(_ name: String) -> Int32? {
        guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return nil }
        let code = key_defined(value)
        return code > 0 ? code : nil
    }

    /// Loads `term`'s description on a screen writing to /dev/null and runs `body` with it
    /// current, so tests can read key codes without a terminal (as tig's tests do); nil
    /// when the description cannot be loaded.
    static func withTerminalDescription<T>(_ term: String, _ body: () -> T) -> T? {
        guard let output = fopen("/dev/null", "w") else { return nil }
        defer { fclose(output) }
        guard let input = fopen("/dev/null", "r") else { return nil }
        defer { fclose(input) }
        _ = use_extended_names(true)
        guard let screen = newterm(term, output, input) else { return nil }
        // The key table is built when keypad mode is first switched on.
        keypad(stdscr, true)
        defer {
            endwin()
            delscreen(screen)
        }
        return body()
    }

    // MARK: Processes

    /// Spawns `arguments` (looked up on PATH, no shell). With `detached`, standard streams go
    /// to /dev/null and the child gets its own session so terminal signals do not reach it.
    static func spawn(_ arguments: [String], detached: Bool) -> pid_t? {
        guard let program = arguments.first else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGWINCH, SIGPIPE] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if detached {
            for fd: Int32 in [0, 1, 2] {
                posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
            }
            flags |= 0x80  // POSIX_SPAWN_SETSID (glibc), not imported into Swift
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, program, &actions, &attributes, argv, environ)
        return rc == 0 ? pid : nil
    }

    /// Waits for `pid`; with `block == false` returns nil if it is still running.
    /// The result is the exit code, or 128 + signal number.
    static func wait(_ pid: pid_t, block: Bool) -> Int32? {
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, block ? 0 : WNOHANG)
            if r == 0 { return nil }
            if r < 0 {
                if errno == EINTR { continue }
                return -1
            }
            break
        }
        if (status & 0x7f) == 0 { return (status >> 8) & 0xff }
        return 128 + (status & 0x7f)
    }

    // MARK: Signals

    /// Routes SIGTERM, SIGHUP and SIGINT to a flag the main loop polls (the handler only
    /// stores a number, which is async-signal-safe).
    static func installSignalHandlers() {
        for s in [SIGTERM, SIGHUP, SIGINT] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in pendingSignal = number }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(s, &action, nil)
        }
        signal(SIGPIPE, SIG_IGN)
    }

    /// The last terminating signal received, or 0.
    static var receivedSignal: Int32 { pendingSignal }

    /// Stops the process as Ctrl-Z would, returning once it is continued.
    static func suspendProcess() {
        signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)
    }

    /// Writes raw bytes straight to the terminal (escape sequences we built ourselves).
    static func writeRaw(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let n = write(1, base + offset, buffer.count - offset)
                if n <= 0 { if errno == EINTR { continue }; break }
                offset += n
            }
        }
    }

    // MARK: Colours

    static func hasColors() -> Bool { has_colors() }
    static func colorCount() -> Int { Int(COLORS) }
    static func pairCapacity() -> Int { Int(COLOR_PAIRS) }

    /// Defines pair `pair` as (fg, bg); -1 is the terminal's default colour.
    static func definePair(_ pair: Int32, foreground: Int32, background: Int32) -> Bool {
        init_extended_pair(pair, foreground, background) == OK
    }

    // MARK: Drawing

    static let bold = attr_t(NCURSES_BITS(1, 13))
    static let dim = attr_t(NCURSES_BITS(1, 12))
    static let underline = attr_t(NCURSES_BITS(1, 9))
    static let reverse = attr_t(NCURSES_BITS(1, 10))
    static let italic = attr_t(NCURSES_BITS(1, 23))

    private static func NCURSES_BITS(_ mask: UInt32, _ shift: UInt32) -> UInt32 {
        mask << (shift + 8)
    }

    /// Draws one cluster (already safe to print) at (row, column).
    static func draw(_ scalars: [UInt32], row: Int32, column: Int32, attributes: attr_t,
                     pair: Int32) {
        var wide = scalars.prefix(4).map { wchar_t(bitPattern: $0) }
        wide.append(0)
        var cell = cchar_t()
        var pairValue = pair
        _ = wide.withUnsafeBufferPointer { buffer in
            withUnsafeMutablePointer(to: &pairValue) { pairPointer in
                setcchar(&cell, buffer.baseAddress, attributes, 0, pairPointer)
            }
        }
        mvadd_wch(row, column, &cell)
    }

    /// Shows the hardware cursor at (row, column), or hides it.
    static func placeCursor(row: Int32, column: Int32, visible: Bool) {
        curs_set(visible ? 1 : 0)
        if visible { move(row, column) }
    }

    /// Marks every line as needing a full repaint on the next refresh.
    static func touchAll() { clearok(curscr, true) }

    /// Reads the environment variable `name`.
    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}
