import Foundation
import Testing
import WinnowStore

/// The review screen on the team store in a real 80x24 terminal, against a throw-away
/// PostgreSQL (the Debian package `postgresql`; without it the test fails naming it).
@Suite(.serialized, .enabled(if: Prerequisite.tmux, Prerequisite.tmuxReason))
struct StoreReviewEndToEndTests {
    /// Runs SQL on the test database and returns the one number it prints.
    static func number(_ server: ScratchPostgres, _ database: String, _ sql: String) throws -> Int {
        Int(try server.psql(sql, database: database).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func assignedReviewWalksClaimedBatchesAndItsDecisionsLandInTheStore() throws {
        let server = try ScratchPostgres()
        defer { server.stop() }
        let database = try server.createDatabase()
        let url = server.url(database: database)
        let dir = E2ETempDir()
        let data = try dir.dataset(count: 5)
        for args in [["store", "init", "--store", url, data], ["assign", "--store", url, data, "--overlap", "2"]] {
            let r = try WinnowCLI.run(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        // bob has reviewed samples 0 and 1 already: the team is at 2 of 10 reviews.
        #expect(try WinnowCLI.run(["team", "claim", "--store", url, data, "--reviewer", "bob", "--batch", "2"]).status == 0)
        let bob = try WinnowCLI.run(["decide", data, "--store", url, "--reviewer", "bob", "--from", "-"],
                                    input: #"{"index": 0, "decision": "accept"}"# + "\n" + #"{"index": 1, "decision": "skip"}"# + "\n")
        #expect(bob.status == 0, "\(bob.stderr)")

        let t = try TmuxSession(arguments: ["review", data, "--store", url, "--reviewer", "ann", "--assigned", "--batch", "2"])
        defer { t.close() }
        #expect(t.waitFor("id s0 "), "\(t.capture())")
        #expect(t.waitFor("team 2/10"), "\(t.capture())")
        var screen = t.capture()
        #expect(screen.contains("1 / 2"), "\(screen)")
        #expect(screen.contains("assigned"), "\(screen)")
        #expect(screen.contains("ann → team store"), "\(screen)")
        t.sendKeys("a")
        #expect(t.waitFor("id s1 "), "\(t.capture())")
        t.sendKeys("a")
        // The batch is done: the next one is claimed in the background and the screen moves on.
        #expect(t.waitFor("id s2 "), "\(t.capture())")
        #expect(t.waitFor("3 / 4"), "\(t.capture())")
        t.sendKeys("a")
        #expect(t.waitFor("id s3 "), "\(t.capture())")
        t.sendKeys("a")
        #expect(t.waitFor("id s4 "), "\(t.capture())")
        t.sendKeys("x")  // reject: the reason picker
        t.sendKeys("1")
        t.sendKeys("Enter")
        #expect(t.waitFor("no more work"), "\(t.capture())")
        #expect(t.waitFor("team 7/10", timeout: 15), "\(t.capture())")
        screen = t.capture()
        #expect(screen.contains("5/5 decided"), "\(screen)")
        t.sendKeys("q")
        #expect(t.waitForExit() == 0, "\(t.capture())")
        #expect(try Self.number(server, database, "SELECT count(*) FROM winnow_entries WHERE reviewer = 'ann'") == 5)
        #expect(try Self.number(server, database, "SELECT count(*) FROM winnow_entries WHERE reviewer = 'ann' AND kind = 'reject'") == 1)
        #expect(try Self.number(server, database, "SELECT count(*) FROM winnow_slots WHERE done_at IS NOT NULL") == 7)
        #expect(try Self.number(server, database, "SELECT count(DISTINCT sample_index) FROM winnow_slots WHERE reviewer = 'ann'") == 5)
    }

    @Test func theStatusRowSaysOfflineWithUnsyncedEntriesAndQuittingSaysWhereTheyAre() throws {
        let server = try ScratchPostgres()
        defer { server.stop() }
        let database = try server.createDatabase()
        let url = server.url(database: database)
        let dir = E2ETempDir()
        let data = try dir.dataset(count: 3)
        #expect(try WinnowCLI.run(["store", "init", "--store", url, data]).status == 0)
        let t = try TmuxSession(arguments: ["review", data, "--store", url, "--reviewer", "ann"])
        defer { t.close() }
        #expect(t.waitFor("team 0/3"), "\(t.capture())")
        t.sendKeys("a")
        #expect(t.waitFor("team 1/3", timeout: 15), "\(t.capture())")
        try server.stopServer()
        t.sendKeys("a")
        #expect(t.waitFor("offline: 1 unsynced", timeout: 15), "\(t.capture())")
        t.sendKeys("q")
        #expect(t.waitForExit() == 0, "\(t.capture())")
        // What the shell printed after the screen closed, wrapped lines joined (-J), with the
        // lines that scrolled above the pane (-S).
        let after = (try? TmuxSession.run(["tmux", "-L", t.socket, "capture-pane", "-p", "-J", "-S", "-100", "-t", "main"]).output) ?? ""
        #expect(after.contains("offline: 1 unsynced entry kept in"), "\(after)")
        #expect(after.contains("data.jsonl.winnow-spool-ann.jsonl; they are sent at the next start"), "\(after)")
    }
}
