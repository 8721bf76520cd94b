import WinnowUI

/// The real terminal through ncurses (every C call goes through `Curses`).
public final class CursesDriver: TerminalDriver {
    private var pairs: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1
    /// Key codes of modified keys, from the terminal description's extended names.
    private var extendedKeys: [Int32: KeyPress] = [:]
    private var running = false
    public private(set) var usesColor = false

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    public init() {}

    private static let pasteOn = Array("\u{1B}[?2004h".utf8)
    private static let pasteOff = Array("\u{1B}[?2004l".utf8)

    public func start() throws(TerminalError) {
        guard Curses.stdioAreTerminals() else { throw .notATerminal }
        Curses.setLocale()
        guard Curses.start() else {
            throw .unusableTerminal(term: Curses.environment("TERM") ?? "")
        }
        running = true
        Curses.installSignalHandlers()
        usesColor = Curses.hasColors() && (Curses.environment("NO_COLOR") ?? "").isEmpty
        extendedKeys = ModifiedKeys.codes(Curses.extendedKeyCode)
        Curses.writeRaw(CursesDriver.pasteOn)
    }

    public func stop() {
        guard running else { return }
        running = false
        Curses.writeRaw(CursesDriver.pasteOff)
        Curses.stop()
    }

    public func suspend() {
        Curses.saveProgramMode()
        Curses.writeRaw(CursesDriver.pasteOff)
        Curses.stop()
    }

    public func resume() {
        Curses.restoreProgramMode()
        Curses.writeRaw(CursesDriver.pasteOn)
        Curses.touchAll()
    }

    public var size: TerminalSize {
        let (width, height) = Curses.size()
        return TerminalSize(width: width, height: height)
    }

    public func read(timeoutMilliseconds: Int32) -> TerminalInput {
        switch Curses.read(timeoutMilliseconds: timeoutMilliseconds) {
        case .none:
            return .none
        case .character(let scalar):
            return .character(scalar)
        case .keyCode(let code):
            if code == Curses.keyResize { return .resize }
            if let named = Curses.standardKey(code) { return .key(.named(named)) }
            if let key = extendedKeys[code] { return .key(key) }
            return .unnamedKey
        }
    }

    public func draw(_ update: FrameUpdate) {
        if update.fullRepaint { Curses.clearScreen() }
        for write in update.writes {
            let (attributes, pair) = cursesStyle(write.style)
            Curses.draw(write.scalars, row: Int32(clamping: write.row), column: Int32(clamping: write.column),
                        attributes: attributes, pair: pair)
        }
        if let cursor = update.cursor {
            Curses.placeCursor(row: Int32(clamping: cursor.row), column: Int32(clamping: cursor.column), visible: true)
        } else {
            Curses.placeCursor(row: 0, column: 0, visible: false)
        }
        Curses.refreshScreen()
    }

    public func writeRaw(_ bytes: [UInt8]) { Curses.writeRaw(bytes) }

    public func blankForRaw() { Curses.eraseAndRefresh() }

    public var pendingSignal: Int32 { Curses.receivedSignal }

    public func stopProcess() { Curses.suspendProcess() }

    public func spawn(_ arguments: [String], detached: Bool) -> Int32? {
        Curses.spawn(arguments, detached: detached)
    }

    public func wait(_ pid: Int32, block: Bool) -> Int32? { Curses.wait(pid, block: block) }

    /// ncurses attributes and a colour pair (allocated on first use) for a style.
    private func cursesStyle(_ style: CellStyle) -> (UInt32, Int32) {
        var attributes: UInt32 = 0
        let a = style.attributes
        if a.contains(.bold) { attributes |= Curses.bold }
        if a.contains(.dim) { attributes |= Curses.dim }
        if a.contains(.underline) { attributes |= Curses.underline }
        if a.contains(.reverse) { attributes |= Curses.reverse }
        if a.contains(.italic) { attributes |= Curses.italic }
        guard usesColor else { return (attributes, 0) }
        let available = Curses.colorCount()
        let key = PairKey(foreground: GridPainter.colorNumber(style.foreground, available: available),
                          background: GridPainter.colorNumber(style.background, available: available))
        if key.foreground == -1 && key.background == -1 { return (attributes, 0) }
        if let pair = pairs[key] { return (attributes, pair) }
        guard Int(nextPair) < Curses.pairCapacity(),
              Curses.definePair(nextPair, foreground: key.foreground, background: key.background) else {
            return (attributes, 0)
        }
        pairs[key] = nextPair
        nextPair += 1
        return (attributes, pairs[key] ?? 0)
    }
}
