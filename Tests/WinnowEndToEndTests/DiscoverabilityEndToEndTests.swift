import Foundation
import Testing

/// The which-key popup, the `:` command line and the filterable help in a real terminal
/// (tmux, 80x24): the built binary, real ncurses, real keys.
@Suite(.serialized, .enabled(if: Prerequisite.tmux, Prerequisite.tmuxReason)) struct DiscoverabilityEndToEndTests {
    @Test func prefixPopupCommandLineAndHelpFilter() throws {
        let (t, path) = try ReviewEndToEndTests.start()
        defer { t.close() }
        #expect(t.waitFor("id s0"), "\(t.capture())")
        // The footer at 80 columns: movement first, help pinned at the right.
        let footer = t.capture().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(footer.contains { $0.contains("→ next") && $0.contains("? help") }, "\(t.capture())")

        // z: the popup lists what can follow; m hides the metadata.
        t.sendKeys("z")
        #expect(t.waitFor("z …"), "\(t.capture())")
        #expect(t.capture().contains("show or hide the image preview"))
        t.sendKeys("Escape")
        #expect(t.waitForAbsence("z …"), "\(t.capture())")

        // The command line: tab completes a name, enter runs it (accept saves).
        t.sendKeys(":")
        t.type("acc")
        t.sendKeys("Tab")
        #expect(t.waitFor(":accept"), "\(t.capture())")
        t.sendKeys("Enter")
        #expect(t.waitFor("saved: accepted #0"), "\(t.capture())")
        #expect(ReviewEndToEndTests.journalText(path).contains("\"accept\""))
        // A number goes to that index.
        t.sendKeys(":")
        t.type("4")
        t.sendKeys("Enter")
        #expect(t.waitFor("id s4"), "\(t.capture())")

        // Help, filtered by typing after /.
        t.sendKeys("?")
        #expect(t.waitFor("help ·"), "\(t.capture())")
        t.sendKeys("/")
        t.type("undo")
        #expect(t.waitFor("filter: undo"), "\(t.capture())")
        #expect(t.capture().contains("undo the last decision"))
        #expect(!t.capture().contains("accept the sample"))
        t.sendKeys("Enter")
        t.sendKeys("q")
        #expect(t.waitFor("id s4"), "\(t.capture())")
        t.sendKeys("q")
        #expect(t.waitForExit() == 0, "\(t.capture())")
    }
}
