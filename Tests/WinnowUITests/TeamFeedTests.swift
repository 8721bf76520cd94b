import Testing
import WinnowCore
@testable import WinnowUI

/// A team feed whose readings the test sets (the shell's is a background task).
final class FakeTeamFeed: TeamFeed {
    var view = TeamView()
    func current() -> TeamView { view }
}

@Suite struct TeamFeedTests {
    /// The screen as `review --assigned` opens it: the first batch as the base order.
    func assignedApp(_ first: [Int], feed: FakeTeamFeed) -> ReviewApp {
        var options = ReviewOptions(theme: .monochrome)
        options.baseOrder = first
        options.baseLabel = "assigned"
        let (app, _, _) = makeApp(samples: (0..<12).map { makeSample($0) }, options: options)
        feed.view = TeamView(queue: first, generation: 1)
        app.team = feed
        _ = app.tick()
        return app
    }

    @Test func theNextBatchJoinsTheQueueAndTheScreenMovesOnToIt() throws {
        let feed = FakeTeamFeed()
        let app = assignedApp([3, 5], feed: feed)
        #expect(app.state.currentIndex == 3)
        app.press("a")
        app.press("a")
        // Both decided: the screen stays on the last one until the next batch arrives.
        #expect(app.state.currentIndex == 5)
        #expect(app.tick() == .none)
        feed.view = TeamView(queue: [3, 5, 8, 9], generation: 2)
        #expect(app.tick() == .redraw)
        #expect(app.state.currentIndex == 8)
        #expect(app.state.base == .list([3, 5, 8, 9]))
        #expect(app.state.decidedInBase == 2)
        let screen = app.render(width: 80, height: 24).rows.joined(separator: "\n")
        #expect(screen.contains("2/4 decided"), "\(screen)")
    }

    @Test func aClaimLostToAnotherReviewerLeavesTheQueue() throws {
        let feed = FakeTeamFeed()
        let app = assignedApp([1, 2, 4], feed: feed)
        #expect(app.state.currentIndex == 1)
        // The lease of sample 1 ran out while idle and someone else took it.
        feed.view = TeamView(queue: [2, 4], generation: 2)
        _ = app.tick()
        #expect(app.state.currentIndex == 2)
        #expect(app.state.base.count == 2)
    }

    @Test func theStatusRowShowsTeamProgressAndWhatWaitsOffline() throws {
        let feed = FakeTeamFeed()
        let (app, _, _) = makeApp(samples: (0..<4).map { makeSample($0) })
        app.team = feed
        feed.view = TeamView(done: 12_345, total: 641_868)
        #expect(app.tick() == .redraw)
        var screen = app.render(width: 80, height: 24).rows.joined(separator: "\n")
        #expect(screen.contains("team 12,345/641,868"), "\(screen)")
        #expect(!screen.contains("offline"))
        feed.view = TeamView(done: 12_346, total: 641_868, unsynced: 3, offline: true)
        _ = app.tick()
        screen = app.render(width: 80, height: 24).rows.joined(separator: "\n")
        #expect(screen.contains("team 12,346/641,868 · offline: 3 unsynced"), "\(screen)")
        // Nothing new: no redraw.
        #expect(app.tick() == .none)
    }

    @Test func groupingOfLargeCounts() {
        #expect(TeamView.grouped(0) == "0")
        #expect(TeamView.grouped(999) == "999")
        #expect(TeamView.grouped(1_000) == "1,000")
        #expect(TeamView.grouped(641_868) == "641,868")
        #expect(TeamView.grouped(1_283_736) == "1,283,736")
    }
}
