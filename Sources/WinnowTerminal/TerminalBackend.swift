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

/// Runs a `TerminalApp` on a terminal driver (ncurses by default): reads keys, copies the
/// app's grid to the screen, and carries out effects.
public final class TerminalBackend {
    private let app: any TerminalApp
    private let driver: any TerminalDriver
    private var painter = GridPainter()
    private var decoder = KeyDecoder()
    private var needsRedraw = true
    private var detachedChildren: [(pid: Int32, program: ExternalProgram)] = []
    /// Called once, right after the first frame reached the terminal (benchmarks, tests).
    public var onFirstFrame: (() -> Void)?
    private var firstFrameDone = false
    /// The raw frame (full-screen image) on the terminal now, nil while the grid is shown.
    private var rawShown: [UInt8]?

    /// A backend on the real terminal.
    public convenience init(app: any TerminalApp) {
        self.init(app: app, driver: CursesDriver())
    }

    /// A backend on any driver (a recording fake in tests).
    public init(app: any TerminalApp, driver: any TerminalDriver) {
        self.app = app
        self.driver = driver
    }

    /// Takes over the terminal until the app quits or a terminating signal arrives; the
    /// terminal is restored on every way out.
    public func run() throws(TerminalError) {
        try driver.start()
        defer { driver.stop() }
        painter.monochrome = !driver.usesColor
        painter.invalidate()
        loop()
    }

    private func loop() {
        while true {
            if driver.pendingSignal != 0 { return }
            if needsRedraw {
                draw()
                needsRedraw = false
            }
            let events = decoder.next(from: driver)
            if driver.pendingSignal != 0 { return }
            var effect = Effect.none
            if events.isEmpty {
                effect = app.tick()
                reapDetached(&effect)
            }
            for event in events {
                if case .resize = event {
                    painter.invalidate()
                    // The terminal reflowed or cleared: a raw frame must be written again.
                    rawShown = nil
                }
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
            driver.suspend()
            driver.stopProcess()
            driver.resume()
            painter.invalidate()
            needsRedraw = true
            return .goOn
        case .runExternal(let program):
            return perform(runExternal(program))
        case .sequence(let effects):
            for e in effects where perform(e) == .stop { return .stop }
            return .goOn
        }
    }

    private func runExternal(_ program: ExternalProgram) -> Effect {
        if !program.takesTerminal {
            guard let pid = driver.spawn(program.arguments, detached: true) else {
                return app.externalProgramFinished(program, exitStatus: 127)
            }
            detachedChildren.append((pid, program))
            return .none
        }
        driver.suspend()
        var status: Int32 = 127
        if let pid = driver.spawn(program.arguments, detached: false) {
            status = driver.wait(pid, block: true) ?? 127
        }
        driver.resume()
        painter.invalidate()
        needsRedraw = true
        return app.externalProgramFinished(program, exitStatus: status)
    }

    private func reapDetached(_ effect: inout Effect) {
        var still: [(pid: Int32, program: ExternalProgram)] = []
        for child in detachedChildren {
            if let status = driver.wait(child.pid, block: false) {
                effect = combine(effect, app.externalProgramFinished(child.program, exitStatus: status))
            } else {
                still.append(child)
            }
        }
        detachedChildren = still
    }

    private func draw() {
        let size = driver.size
        if let raw = app.rawFrame(width: size.width, height: size.height) {
            if raw != rawShown {
                // After a resize curses would repaint its old grid at the next read, over
                // the image: leave it an empty window instead.
                driver.blankForRaw()
                driver.writeRaw(Array("\u{1B}[0m\u{1B}[2J\u{1B}[H".utf8))
                driver.writeRaw(raw)
                rawShown = raw
            }
            // Whatever the grid was, the screen no longer shows it.
            painter.invalidate()
            return
        }
        if rawShown != nil {
            driver.writeRaw(Array("\u{1B}[0m\u{1B}[2J".utf8))
            rawShown = nil
            painter.invalidate()
        }
        let grid = app.render(width: size.width, height: size.height)
        driver.draw(painter.update(to: grid))
        if !firstFrameDone {
            firstFrameDone = true
            onFirstFrame?()
        }
    }
}
