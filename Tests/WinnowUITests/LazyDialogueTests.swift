import Testing
import WinnowCore
@testable import WinnowUI

@Suite struct LazyDialogueTests {
    static let paragraph = String(repeating: "图片中有一只白色的猫，它正趴在窗台上晒太阳。The cat looks relaxed; 它的尾巴垂在窗台边上！", count: 2_000)

    /// Wrapping a few lines at a time gives exactly the lines of one pass.
    @Test(arguments: [2, 7, 40, 76])
    func resumedWrappingMatchesOnePass(width: Int) {
        let text = Self.paragraph + "\n\n「引号」（括号）。。。" + Self.paragraph.prefix(500)
        let whole = TextWrapper.wrap(text, width: width)
        var wrapper = LineWrapper(text, width: width)
        var pieces: [WrappedLine] = []
        var step = 1
        while !wrapper.isFinished {
            wrapper.next(lines: step) { pieces.append($0) }
            step = step % 5 + 1
        }
        #expect(pieces == whole)
    }

    /// The first frame of a long turn wraps about a screen; the title says the total is an
    /// estimate until idle ticks have counted the rest.
    @Test func aLongTurnIsWrappedAsFarAsTheScreen() {
        let (app, _, _) = makeApp(samples: [makeSample(0, gpt: Self.paragraph)])
        let (_, layout) = try! #require(app.currentDialogue())
        #expect(!layout.isComplete)
        #expect(layout.wrapped.count < 1_100)
        #expect(app.render(width: 80, height: 24).rows.contains { $0.contains(" of ~") })
        while app.tick() == .redraw {}
        #expect(layout.isComplete)
        let rows = app.render(width: 80, height: 24).rows
        #expect(rows.contains { $0.contains("of \(layout.wrapped.count) ·") })
        // Scrolling to the bottom lands where a full wrap says.
        app.press("b")
        #expect(app.state.scroll == layout.wrapped.count - app.dialogueRows)
    }

    @Test func characterCountsAgreeWithCount() {
        for text in ["", "abc\r\nd", "图片。", "e\u{301}", "👍🏽", "한국어", "ｶﾞ", Self.paragraph, "a\u{200D}b", "🇨🇳"] {
            #expect(CharacterCount.of(text) == text.count, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
