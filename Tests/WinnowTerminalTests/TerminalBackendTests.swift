import Testing
import WinnowUI
@testable import WinnowTerminal

/// The run loop on a recording driver: what reaches the app, what reaches the terminal, and
/// in which order the terminal is handed over and taken back.
struct TerminalBackendTests {
    func run(_ driver: RecordingDriver, _ app: RecordingApp = RecordingApp()) throws -> RecordingApp {
        try TerminalBackend(app: app, driver: driver).run()
        return app
    }

    /// The calls other than drawing, which most tests do not care about.
    func handovers(_ driver: RecordingDriver) -> [RecordingDriver.Call] {
        driver.calls.filter { if case .draw = $0 { return false } else { return true } }
    }

    @Test func keysReachTheAppAndOnlyChangesAreRedrawn() throws {
        let driver = RecordingDriver(RecordingDriver.characters("ab"))
        let app = try run(driver)
        #expect(app.events == [.key(.char("a")), .key(.char("b"))])
        #expect(driver.draws.count == 3)
        #expect(driver.draws.first?.fullRepaint == true)
        #expect(driver.draws.first?.writes.count == 30)        // 10x3, every cell
        // "n0" -> "n1" -> "n2": one cell each time.
        #expect(driver.draws.dropFirst().map { $0.fullRepaint } == [false, false])
        #expect(driver.draws.dropFirst().map { $0.writes.map(\.column) } == [[1], [1]])
        #expect(driver.calls.first == .start)
        #expect(driver.calls.last == .stop)
    }

    @Test func ctrlCQuitsWithoutReachingTheApp() throws {
        let driver = RecordingDriver(RecordingDriver.characters("a\u{03}b"))
        let app = try run(driver)
        #expect(app.events == [.key(.char("a"))])
        #expect(driver.input == [.character(0x62)])   // never read past Ctrl-C
        #expect(driver.calls.last == .stop)
    }

    @Test func aQuitEffectEndsTheLoop() throws {
        let app = RecordingApp()
        app.effects[.char("q")] = .quit
        let driver = RecordingDriver(RecordingDriver.characters("qz"))
        _ = try run(driver, app)
        #expect(app.events == [.key(.char("q"))])
        #expect(driver.calls.last == .stop)
    }

    @Test func aResizeRendersAtTheNewSizeInFull() throws {
        let driver = RecordingDriver([.resize])
        driver.size = TerminalSize(width: 10, height: 3)
        let app = RecordingApp()
        let backend = TerminalBackend(app: app, driver: driver)
        var resized = false
        backend.onFirstFrame = { driver.size = TerminalSize(width: 4, height: 2); resized = true }
        try backend.run()
        #expect(resized)
        #expect(app.events == [.resize(width: 4, height: 2)])
        #expect(app.renderSizes == [TerminalSize(width: 10, height: 3), TerminalSize(width: 4, height: 2)])
        #expect(driver.draws.last?.fullRepaint == true)
        #expect(driver.draws.last?.writes.count == 8)
    }

    @Test func suspendGivesTheTerminalBackThenRepaintsInFull() throws {
        let app = RecordingApp()
        app.effects[.ctrl("z")] = .suspend
        let driver = RecordingDriver(RecordingDriver.characters("\u{1A}"))
        _ = try run(driver, app)
        #expect(handovers(driver) == [.start, .suspend, .stopProcess, .resume, .stop])
        #expect(driver.draws.count == 2)
        #expect(driver.draws.last?.fullRepaint == true)
    }

    @Test func anEditorTakesTheTerminalAndItsStatusReachesTheApp() throws {
        let program = ExternalProgram(arguments: ["vi", "f.txt"], takesTerminal: true, purpose: "edit")
        let app = RecordingApp()
        app.effects[.char("e")] = .runExternal(program)
        let driver = RecordingDriver(RecordingDriver.characters("e"))
        driver.exitStatuses[101] = 3
        _ = try run(driver, app)
        #expect(handovers(driver) == [.start, .suspend, .spawn(["vi", "f.txt"], detached: false),
                                      .wait(101, block: true), .resume, .stop])
        #expect(app.finished.map(\.1) == [3])
        #expect(driver.draws.last?.fullRepaint == true)
    }

    @Test func aDetachedViewerIsReapedWithoutBlocking() throws {
        let program = ExternalProgram(arguments: ["feh", "x.jpg"], takesTerminal: false, purpose: "view")
        let app = RecordingApp()
        app.effects[.char("o")] = .runExternal(program)
        let driver = RecordingDriver(RecordingDriver.characters("o") + [.none, .none])
        _ = try run(driver, app)
        #expect(!driver.calls.contains(.suspend))
        #expect(driver.calls.contains(.spawn(["feh", "x.jpg"], detached: true)))
        #expect(driver.calls.contains(.wait(101, block: false)))
        #expect(!driver.calls.contains(.wait(101, block: true)))
        #expect(app.finished.isEmpty)   // still running when the script ended
    }

    @Test func aSignalEndsTheLoopAndRestoresTheTerminal() throws {
        let driver = RecordingDriver(RecordingDriver.characters("a"))
        driver.pendingSignal = 1
        let app = try run(driver)
        #expect(app.events.isEmpty)
        #expect(driver.calls == [.start, .stop])
    }

    @Test func aTerminalThatCannotStartIsAnErrorAndNothingIsDrawn() {
        let driver = RecordingDriver()
        driver.startError = .unusableTerminal(term: "dumb")
        #expect(throws: TerminalError.unusableTerminal(term: "dumb")) {
            try TerminalBackend(app: RecordingApp(), driver: driver).run()
        }
        #expect(driver.calls.isEmpty)
    }

    @Test func withoutColoursThePainterDropsThem() throws {
        let driver = RecordingDriver()
        driver.usesColor = false
        let app = RecordingApp()
        app.style = CellStyle(background: .indexed(4))
        _ = try run(driver, app)
        #expect(driver.draws.first?.writes.first?.style == CellStyle(attributes: .reverse))
    }

    @Test func idleReadsTickTheApp() throws {
        let driver = RecordingDriver([.none, .none])
        let app = try run(driver)
        #expect(app.ticks == 2)
    }
}
