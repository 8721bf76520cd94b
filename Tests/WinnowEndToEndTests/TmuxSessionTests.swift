import Foundation
import Testing

/// The harness itself works: a program runs in a real terminal, sees our keys, and its exit
/// status is readable.
@Suite(.serialized, .enabled(if: Prerequisite.tmux, Prerequisite.tmuxReason)) struct TmuxSessionTests {
    @Test func echoesTypedChineseAndReportsExit() throws {
        let t = try TmuxSession(
            arguments: ["-c", "printf 'ready\\n'; read line; printf 'got:%s\\n' \"$line\"; exit 3"],
            executable: "/bin/sh")
        defer { t.close() }
        #expect(t.waitFor("ready"))
        t.type("你好")
        t.sendKeys("Enter")
        #expect(t.waitFor("got:你好"))
        let status = t.waitForExit()
        #expect(status == 3, "pane: \(t.paneFormat("#{pane_dead}/#{pane_dead_status}/#{pane_dead_signal}/#{pane_pid}")) screen: \(t.capture())")
    }
}
