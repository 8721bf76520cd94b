import Foundation
import Testing
import WinnowUI
@testable import WinnowImage

@Suite struct GraphicsDetectorTests {
    @Test func detectsFromEnvironment() {
        #expect(GraphicsDetector.detect(environment: ["TERM": "xterm-kitty", "KITTY_WINDOW_ID": "3"]) == GraphicsSupport(mode: .kitty))
        #expect(GraphicsDetector.detect(environment: ["TERM": "xterm-ghostty"]).mode == .kitty)
        #expect(GraphicsDetector.detect(environment: ["TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"]).mode == .iterm)
        #expect(GraphicsDetector.detect(environment: ["TERM": "xterm-256color", "LC_TERMINAL": "iTerm2"]).mode == .iterm)
        #expect(GraphicsDetector.detect(environment: ["TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"]).mode == .iterm)
        #expect(GraphicsDetector.detect(environment: ["TERM": "foot"]).mode == .sixel)
        #expect(GraphicsDetector.detect(environment: ["TERM": "xterm-256color", "KONSOLE_VERSION": "230804"]).mode == .sixel)
        #expect(GraphicsDetector.detect(environment: ["TERM": "xterm-256color"]) == GraphicsSupport(mode: .symbols))
        #expect(GraphicsDetector.detect(environment: ["TERM": "linux"]).mode == .symbols)
        #expect(GraphicsDetector.detect(environment: [:]).mode == .symbols)
    }

    @Test func tmuxUsesPassthroughAndScreenFallsBack() {
        let tmux = ["TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0", "TERM_PROGRAM": "tmux", "KITTY_WINDOW_ID": "1"]
        #expect(GraphicsDetector.detect(environment: tmux) == GraphicsSupport(mode: .kitty, tmuxPassthrough: true))
        let plainTmux = ["TERM": "screen-256color", "TMUX": "/tmp/tmux-0/default,1,0", "TERM_PROGRAM": "tmux"]
        #expect(GraphicsDetector.detect(environment: plainTmux) == GraphicsSupport(mode: .symbols))
        let screen = ["TERM": "screen-256color", "STY": "123.pts-0", "KITTY_WINDOW_ID": "1"]
        #expect(GraphicsDetector.detect(environment: screen).mode == .symbols)
    }

    @Test func forcedModeWins() {
        let kitty = ["TERM": "xterm-kitty"]
        #expect(GraphicsDetector.detect(environment: kitty, forced: .symbols).mode == .symbols)
        #expect(GraphicsDetector.detect(environment: kitty, forced: .off).mode == .off)
        #expect(GraphicsDetector.detect(environment: [:], forced: .sixel) == GraphicsSupport(mode: .sixel))
        #expect(GraphicsDetector.detect(environment: ["TMUX": "x"], forced: .iterm) == GraphicsSupport(mode: .iterm, tmuxPassthrough: true))
        #expect(GraphicsMode(rawValue: "iterm") == .iterm && GraphicsMode(rawValue: "none") == .off && GraphicsMode(rawValue: "bogus") == nil)
    }

    @Test func colourModeFromColorterm() {
        #expect(SymbolColorMode.detect(environment: ["COLORTERM": "truecolor"]) == .truecolor)
        #expect(SymbolColorMode.detect(environment: ["COLORTERM": "24bit"]) == .truecolor)
        #expect(SymbolColorMode.detect(environment: ["TERM": "xterm-256color"]) == .indexed256)
        #expect(SymbolColorMode.detect(environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"]) == .monochrome)
    }
}

@Suite struct TmuxPassthroughTests {
    @Test func wrapsEachSequenceAndDoublesEscapes() {
        let kitty = Array("\u{1B}_Ga=T,m=1;AAAA\u{1B}\\".utf8)
        let wrapped = TmuxPassthrough.wrap(kitty)
        #expect(String(decoding: wrapped, as: UTF8.self) == "\u{1B}Ptmux;\u{1B}\u{1B}_Ga=T,m=1;AAAA\u{1B}\u{1B}\\\u{1B}\\")
    }

    @Test func leavesPlainTextAndCursorMovesAlone() {
        let bytes = Array("\u{1B}[2;3Hhi\u{1B}]1337;File=inline=1:QUJD\u{07}end".utf8)
        let text = String(decoding: TmuxPassthrough.wrap(bytes), as: UTF8.self)
        #expect(text == "\u{1B}[2;3Hhi\u{1B}Ptmux;\u{1B}\u{1B}]1337;File=inline=1:QUJD\u{07}\u{1B}\\end")
    }

    @Test func wrapsSixelDCSAndUnterminatedTails() {
        let sixel = Array("\u{1B}Pq#0;2;0;0;0~~\u{1B}\\".utf8)
        #expect(String(decoding: TmuxPassthrough.wrap(sixel), as: UTF8.self) == "\u{1B}Ptmux;\u{1B}\u{1B}Pq#0;2;0;0;0~~\u{1B}\u{1B}\\\u{1B}\\")
        let cut = Array("\u{1B}_Gabc".utf8)
        #expect(String(decoding: TmuxPassthrough.wrap(cut), as: UTF8.self) == "\u{1B}Ptmux;\u{1B}\u{1B}_Gabc\u{1B}\\")
    }
}

@Suite struct ExternalViewerTests {
    @Test func defaultsToXdgOpenWithThePathAsOneArgument() {
        let program = ExternalViewer.program(path: "/data/a b; rm -rf ~.jpg", environment: [:])
        #expect(program.arguments == ["xdg-open", "/data/a b; rm -rf ~.jpg"])
        #expect(program.takesTerminal == false)
    }

    @Test func splitsTheConfiguredViewerWithoutAShell() {
        let env = ["WINNOW_IMAGE_VIEWER": "feh --scale-down -g '800x600' \"my title\" $HOME"]
        #expect(ExternalViewer.program(path: "x.png", environment: env).arguments
            == ["feh", "--scale-down", "-g", "800x600", "my title", "$HOME", "x.png"])
        #expect(ExternalViewer.program(path: "-rf.png", environment: ["WINNOW_IMAGE_VIEWER": "  "]).arguments == ["xdg-open", "./-rf.png"])
        #expect(ExternalViewer.words(#"a\ b c"#) == ["a b", "c"])
    }
}

@Suite struct FullScreenRendererTests {
    private func render(_ mode: GraphicsMode, tmux: Bool = false, path: String) -> String? {
        FullScreenRenderer(support: GraphicsSupport(mode: mode, tmuxPassthrough: tmux), colorMode: .truecolor)
            .render(path: path, width: 40, height: 12)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func eachModeEmitsItsProtocol() throws {
        let fixtures = try ImageFixtures()
        let path = try fixtures.gradientPNG("pic\u{1B}[31m.png", width: 80, height: 40)
        let kitty = try #require(render(.kitty, path: path))
        #expect(kitty.contains("\u{1B}_Ga=T,q=2,"))
        let sixel = try #require(render(.sixel, path: path))
        #expect(sixel.contains("\u{1B}P") && sixel.contains("q"))
        let iterm = try #require(render(.iterm, path: path))
        #expect(iterm.contains("\u{1B}]1337;File=") && iterm.contains("inline=1"))
        #expect(iterm.contains(fixtures.bytes(path).count.description))
        let symbols = try #require(render(.symbols, path: path))
        #expect(symbols.contains("\u{1B}[38;2;") || symbols.contains("\u{1B}[48;2;"))
        #expect(!symbols.contains("\u{1B}_G") && !symbols.contains("\u{1B}]1337"))
        #expect(render(.off, path: path) == nil)
        // The caption shows the file name without its escape sequence.
        #expect(symbols.contains("pic[31m.png") && symbols.contains("press any key"))
    }

    @Test func tmuxWrapsPixelSequences() throws {
        let fixtures = try ImageFixtures()
        let path = try fixtures.gradientPNG(width: 40, height: 20)
        let kitty = try #require(render(.kitty, tmux: true, path: path))
        #expect(kitty.contains("\u{1B}Ptmux;\u{1B}\u{1B}_G"))
        let symbols = try #require(render(.symbols, tmux: true, path: path))
        #expect(!symbols.contains("tmux;"))
    }

    @Test func badImagesHaveNoFullView() throws {
        let fixtures = try ImageFixtures()
        #expect(render(.symbols, path: try fixtures.write("z.png", [])) == nil)
        #expect(render(.iterm, path: try fixtures.write("t.png", Array("text".utf8))) == nil)
    }
}
