import Testing
import WinnowUI
@testable import WinnowTerminal

/// An app that shows a raw frame (like the full-screen image) after `v` until another key.
final class RawFrameApp: TerminalApp {
    var showing = false
    var events: [InputEvent] = []
    /// Run on idle ticks (tests change the driver's size here, as a terminal would before
    /// reporting a resize).
    var onTick: (() -> Void)?

    func handle(_ event: InputEvent) -> Effect {
        events.append(event)
        if case .key(let key) = event {
            showing = key == .char("v")
        }
        return .redraw
    }

    func render(width: Int, height: Int) -> ScreenGrid {
        var grid = ScreenGrid(width: width, height: height)
        grid.write("g", row: 0, column: 0)
        return grid
    }

    func rawFrame(width: Int, height: Int) -> [UInt8]? {
        showing ? Array("IMG \(width)x\(height)".utf8) : nil
    }

    func externalProgramFinished(_ program: ExternalProgram, exitStatus: Int32) -> Effect { .redraw }
    func tick() -> Effect {
        onTick?()
        return .none
    }
}

struct RawFrameBackendTests {
    func raws(_ driver: RecordingDriver) -> [String] {
        driver.calls.compactMap { if case .writeRaw(let b) = $0 { return String(decoding: b, as: UTF8.self) } else { return nil } }
    }

    /// Issue 14: a resize while the full view is open redraws it at the new size at once,
    /// without waiting for a key; the keys after it reach the app.
    @Test func aResizeRedrawsTheRawFrameAtTheNewSize() throws {
        let driver = RecordingDriver(RecordingDriver.characters("v") + [.none, .resize, .none] + RecordingDriver.characters("x"))
        driver.size = TerminalSize(width: 80, height: 24)
        let app = RawFrameApp()
        app.onTick = { [unowned driver, unowned app] in
            if app.showing { driver.size = TerminalSize(width: 120, height: 40) }
        }
        try TerminalBackend(app: app, driver: driver).run()
        #expect(app.events == [.key(.char("v")), .resize(width: 120, height: 40), .key(.char("x"))])
        let frames = raws(driver).filter { $0.hasPrefix("IMG") }
        #expect(frames == ["IMG 80x24", "IMG 120x40"])
        // Idle ticks (`.none` reads) and redraws with unchanged bytes write nothing again;
        // closing clears the screen and repaints the grid in full.
        #expect(raws(driver).last == "\u{1B}[0m\u{1B}[2J")
        #expect(driver.draws.last?.fullRepaint == true)
    }
}
