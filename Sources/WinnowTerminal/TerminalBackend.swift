import WinnowUI

/// Why the terminal could not be used.
public enum TerminalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal (a pipe, a file, a cron job).
    case notATerminal
    /// curses could not start with this TERM.
    case unusableTerminal(term: String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "winnow review needs a terminal: standard input and output must be a terminal (not a pipe or a file)"
        case .unusableTerminal(let term):
            return "cannot use the terminal type TERM=\(term.isEmpty ? "(unset)" : term); set TERM to a known type such as xterm-256color"
        }
    }
}

/// Runs a `TerminalApp` on the real terminal through ncurses: reads keys, copies the app's
/// grid to the screen, and carries out effects.
public final class TerminalBackend {
    private let app: any TerminalApp
    private var painter = GridPainter()
    private var decoder = KeyDecoder()
    private var needsRedraw = true
    private var detachedChildren: [(pid: Int32, program: ExternalProgram)] = []
    /// Called once, right after the first frame reached the terminal (benchmarks, tests).
    public var onFirstFrame: (() -> Void)?
    private var firstFrameDone = false

    public init(app: any TerminalApp) {
        self.app = app
    }

    /// Takes over the terminal until the app quits or a terminating signal arrives; the
    /// terminal is restored on every way out.
    public func run() throws(TerminalError) {
        guard Curses.stdioAreTerminals() else { throw .notATerminal }
        Curses.setLocale()
        guard Curses.start() else {
            throw .unusableTerminal(term: Curses.environment("TERM") ?? "")
        }
        Curses.installSignalHandlers()
        painter.monochrome = !Curses.hasColors() || !(Curses.environment("NO_COLOR") ?? "").isEmpty
        Curses.writeRaw(Array("\u{1B}[?2004h".utf8))  // bracketed paste on
        defer {
            Curses.writeRaw(Array("\u{1B}[?2004l".utf8))
            Curses.stop()
        }
        loop()
    }

    private func loop() {
        while true {
            if Curses.receivedSignal != 0 { return }
            if needsRedraw {
                draw()
                needsRedraw = false
            }
            let events = decoder.next()
            if Curses.receivedSignal != 0 { return }
            var effect = Effect.none
            if events.isEmpty {
                effect = app.tick()
                reapDetached(&effect)
            }
            for event in events {
                if case .resize = event { painter.invalidate() }
                // Ctrl-C always leaves (raw mode turns SIGINT into this key); every decision
                // the screen called saved is already durable in the journal.
                if case .key(let key) = event, key.control, key.base == .character("c") {
                    _ = perform(effect)
                    return
                }
                let result = app.handle(event)
                effect = combine(effect, result)
                if case .resize = event { effect = combine(effect, .redraw) }
            }
            if perform(effect) == .stop { return }
        }
    }

    private func combine(_ a: Effect, _ b: Effect) -> Effect {
        if a == .none { return b }
        if b == .none { return a }
        return .sequence([a, b])
    }

    private enum Flow { case goOn, stop }

    private func perform(_ effect: Effect) -> Flow {
        switch effect {
        case .none:
            return .goOn
        case .redraw:
            needsRedraw = true
            return .goOn
        case .quit:
            return .stop
        case .suspend:
            Curses.saveProgramMode()
            Curses.writeRaw(Array("\u{1B}[?2004l".utf8))
            Curses.stop()
            Curses.suspendProcess()
            Curses.restoreProgramMode()
            Curses.writeRaw(Array("\u{1B}[?2004h".utf8))
            painter.invalidate()
            needsRedraw = true
            return .goOn
        case .runExternal(let program):
            return perform(runExternal(program))
        case .showFullScreen(let bytes):
            showFullScreen(bytes)
            return .goOn
        case .sequence(let effects):
            for e in effects where perform(e) == .stop { return .stop }
            return .goOn
        }
    }

    private func runExternal(_ program: ExternalProgram) -> Effect {
        if !program.takesTerminal {
            guard let pid = Curses.spawn(program.arguments, detached: true) else {
                return app.externalProgramFinished(program, exitStatus: 127)
            }
            detachedChildren.append((pid, program))
            return .none
        }
        Curses.saveProgramMode()
        Curses.writeRaw(Array("\u{1B}[?2004l".utf8))
        Curses.stop()
        var status: Int32 = 127
        if let pid = Curses.spawn(program.arguments, detached: false) {
            status = Curses.wait(pid, block: true) ?? 127
        }
        Curses.restoreProgramMode()
        Curses.writeRaw(Array("\u{1B}[?2004h".utf8))
        painter.invalidate()
        needsRedraw = true
        return app.externalProgramFinished(program, exitStatus: status)
    }

    private func reapDetached(_ effect: inout Effect) {
        var still: [(pid: Int32, program: ExternalProgram)] = []
        for child in detachedChildren {
            if let status = Curses.wait(child.pid, block: false) {
                effect = combine(effect, app.externalProgramFinished(child.program, exitStatus: status))
            } else {
                still.append(child)
            }
        }
        detachedChildren = still
    }

    /// Paints trusted bytes from the image layer over the whole screen, waits for a key,
    /// then repaints the app.
    private func showFullScreen(_ bytes: [UInt8]) {
        Curses.writeRaw(Array("\u{1B}[0m\u{1B}[2J\u{1B}[H".utf8))
        Curses.writeRaw(bytes)
        waiting: while Curses.receivedSignal == 0 {
            switch Curses.read(timeoutMilliseconds: 100) {
            case .none: continue
            case .keyCode(let code) where code == Curses.keyResize: continue
            default: break waiting
            }
        }
        Curses.writeRaw(Array("\u{1B}[0m\u{1B}[2J".utf8))
        painter.invalidate()
        needsRedraw = true
    }

    private func draw() {
        let (width, height) = Curses.size()
        let grid = app.render(width: width, height: height)
        painter.paint(grid)
        if !firstFrameDone {
            firstFrameDone = true
            onFirstFrame?()
        }
    }
}
