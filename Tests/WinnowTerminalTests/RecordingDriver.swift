import WinnowUI
@testable import WinnowTerminal

/// A terminal driver for tests: input comes from a script, every call is recorded. When the
/// script runs out, reads report SIGTERM so a run loop under test always ends.
final class RecordingDriver: TerminalDriver {
    enum Call: Equatable {
        case start, stop, suspend, resume, stopProcess
        case draw(FrameUpdate)
        case writeRaw([UInt8])
        case spawn([String], detached: Bool)
        case wait(Int32, block: Bool)
    }

    var input: [TerminalInput]
    var size: TerminalSize
    var usesColor = true
    var pendingSignal: Int32 = 0
    var startError: TerminalError?
    /// What `wait` returns for a pid (nil: still running).
    var exitStatuses: [Int32: Int32] = [:]
    var nextPid: Int32 = 100
    private(set) var calls: [Call] = []
    /// The timeouts of every read, in order.
    private(set) var readTimeouts: [Int32] = []

    init(_ input: [TerminalInput] = [], size: TerminalSize = TerminalSize(width: 10, height: 3)) {
        self.input = input
        self.size = size
    }

    /// A script typing `text` character by character.
    static func characters(_ text: String) -> [TerminalInput] {
        text.unicodeScalars.map { .character($0.value) }
    }

    var draws: [FrameUpdate] {
        calls.compactMap { if case .draw(let u) = $0 { return u } else { return nil } }
    }

    func start() throws(TerminalError) {
        if let startError { throw startError }
        calls.append(.start)
    }

    func stop() { calls.append(.stop) }
    func suspend() { calls.append(.suspend) }
    func resume() { calls.append(.resume) }
    func stopProcess() { calls.append(.stopProcess) }

    func read(timeoutMilliseconds: Int32) -> TerminalInput {
        readTimeouts.append(timeoutMilliseconds)
        guard !input.isEmpty else {
            pendingSignal = 15
            return .none
        }
        return input.removeFirst()
    }

    func draw(_ update: FrameUpdate) { calls.append(.draw(update)) }
    func writeRaw(_ bytes: [UInt8]) { calls.append(.writeRaw(bytes)) }

    func spawn(_ arguments: [String], detached: Bool) -> Int32? {
        calls.append(.spawn(arguments, detached: detached))
        nextPid += 1
        return nextPid
    }

    func wait(_ pid: Int32, block: Bool) -> Int32? {
        calls.append(.wait(pid, block: block))
        return exitStatuses[pid] ?? (block ? 0 : nil)
    }
}

/// An app for backend tests: records what it was given and answers with scripted effects.
final class RecordingApp: TerminalApp {
    var events: [InputEvent] = []
    var finished: [(ExternalProgram, Int32)] = []
    var effects: [KeyPress: Effect] = [:]
    var ticks = 0
    var renderSizes: [TerminalSize] = []
    /// The style of the text `render` writes.
    var style = CellStyle.plain

    func handle(_ event: InputEvent) -> Effect {
        events.append(event)
        if case .key(let key) = event, let effect = effects[key] { return effect }
        return .redraw
    }

    /// The number of events seen so far, written at the top left.
    func render(width: Int, height: Int) -> ScreenGrid {
        renderSizes.append(TerminalSize(width: width, height: height))
        var grid = ScreenGrid(width: width, height: height)
        grid.write("n\(events.count)", row: 0, column: 0, style: style)
        return grid
    }

    func externalProgramFinished(_ program: ExternalProgram, exitStatus: Int32) -> Effect {
        finished.append((program, exitStatus))
        return .redraw
    }

    func tick() -> Effect {
        ticks += 1
        return .none
    }
}
