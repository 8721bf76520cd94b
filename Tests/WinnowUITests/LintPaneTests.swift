import Testing
@testable import WinnowCore
@testable import WinnowUI

/// Lint findings in the metadata pane and the `has-lints` filter.
@Suite struct LintPaneTests {
    let samples = [
        makeSample(0),
        makeSample(1, gpt: "助手：图片中有一只猫。"),
        makeSample(2),
        makeSample(3, gpt: "The picture shows a cat sitting on a red sofa."),
    ]

    @Test func metadataPaneListsFindingsInTheWarningStyle() {
        let (app, _, _) = makeApp(samples: samples, width: 140, height: 30)
        let lines = app.metadataLines(sample: samples[1], unreadable: nil)
        let lint = lines.filter(\.isWarning)
        #expect(lint.map(\.value) == ["leaked-prefix: turn 2 starts with 助手："])
        #expect(lint.first?.label == "lint")
        #expect(app.metadataLines(sample: samples[0], unreadable: nil).allSatisfy { !$0.isWarning })
        app.press("tab")
        let grid = app.render(width: 140, height: 30)
        #expect(grid.trimmedRows.contains { $0.hasSuffix("│ lint: leaked-prefix: turn 2 starts with") }, "\(grid.trimmedRows.joined(separator: "\n"))")
    }

    @Test func hasLintsFilter() {
        let (app, _, _) = makeApp(samples: samples)
        app.press("L")
        #expect(app.state.filter.hasLints)
        #expect(app.state.visible == .list([1, 3]))
        #expect(app.render(width: 80, height: 24).trimmedRows[1].contains("has-lints"))
        app.press("L")
        #expect(app.state.visible.count == 4)
    }
}
