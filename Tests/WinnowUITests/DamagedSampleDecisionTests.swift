import Testing
import WinnowCore
@testable import WinnowUI

/// A sample with a part that cannot be read can be rejected but not accepted or edited.
@Suite struct DamagedSampleDecisionTests {
    func damagedApp() -> (ReviewApp, FakeJournal) {
        var bad = makeSample(0, gpt: "42")
        bad.damage = [SampleProblem(message: "conversations[1]: the text is a number, expected a string or a list of parts")]
        let (app, _, journal) = makeApp(samples: [bad, makeSample(1)])
        guard let journal else { fatalErrorInTest("no journal"); return (app, FakeJournal()) }
        return (app, journal)
    }

    @Test func acceptIsRefusedRejectIsSaved() {
        let (app, journal) = damagedApp()
        app.press("a")
        #expect(journal.all.isEmpty)
        #expect(app.state.message?.isError == true)
        #expect(app.state.message?.text.contains("can be rejected but not accepted") == true)
        _ = app.record(.reject(reasons: ["broken"], note: nil), at: 0)
        #expect(journal.all.count == 1)
        #expect(journal.review(at: 0).status == .rejected)
    }

    @Test func editIsRefused() {
        let (app, journal) = damagedApp()
        app.press("e")
        #expect(app.state.message?.text.contains("cannot be edited") == true)
        _ = app.record(.edit(.turns([1: "fixed"]), note: nil), at: 0)
        #expect(journal.all.isEmpty)
    }
}
