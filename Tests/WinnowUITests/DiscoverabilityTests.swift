import Foundation
import Testing
import WinnowCore
@testable import WinnowUI

/// The which-key popup, the `:` command line, the filterable help and the footer (issue 14,
/// "Discoverable").
@Suite struct DiscoverabilityTests {
    let five = (0..<5).map { makeSample($0, gpt: "图片中有一只猫，旁边写着“欢迎光临”。") }

    // MARK: Key sequences and which-key

    @Test func prefixShowsPopupThenRunsTheSequence() {
        let (app, _, _) = makeApp(samples: five)
        #expect(app.state.showMetadata)
        app.press("z")
        #expect(app.state.pendingKeys == [.char("z")])
        let screen = app.render(width: 80, height: 24).rows.joined(separator: "\n")
        // The popup lists what can follow, with each command's summary.
        #expect(screen.contains("z …"))
        #expect(screen.contains("m  metadata: compact"))
        #expect(screen.contains("i  show or hide the image preview"))
        app.press("m")
        #expect(app.state.pendingKeys.isEmpty)
        #expect(app.state.showMetadata == false || app.state.expandMetadata)
        let after = app.render(width: 80, height: 24).rows.joined(separator: "\n")
        #expect(!after.contains("z …"))
    }

    @Test func escCancelsAPrefixQuietlyAndAnUnboundFollowerSaysSo() {
        let (app, _, j) = makeApp(samples: five)
        app.press("z", "esc")
        #expect(app.state.pendingKeys.isEmpty)
        #expect(app.state.message == nil)
        app.press("z", "a")   // z a is auto-advance: a must not accept the sample
        #expect(j?.entries.isEmpty == true)
        #expect(app.state.autoAdvance == false)
        app.press("z", "q")
        #expect(app.state.message?.text == "z q is not bound")
        #expect(app.state.mode == .reading)
    }

    @Test func popupFitsAt80x24AndInATinyTerminal() {
        for (w, h) in [(80, 24), (40, 12), (300, 80)] {
            let (app, _, _) = makeApp(samples: five, width: w, height: h)
            app.press("z")
            let grid = app.render(width: w, height: h)
            #expect(grid.rows.count == h)
            #expect(grid.rows.allSatisfy { DisplayWidth.of($0) <= w })
            // The footer and the message row stay visible under the popup.
            #expect(grid.rows[h - 1].contains("help"))
        }
    }

    @Test func keymapFileSequencesAndClashes() {
        let text = "inherit: default\nreview:\n  c c: accept\n  c x: reject\n  q: ~\n"
        let (keymap, problems) = KeymapLoader.keymap(fromText: text, path: "k.yaml")
        #expect(problems.isEmpty)
        #expect(keymap.command(for: [.char("c"), .char("c")], in: .review) == .accept)
        #expect(keymap.continuations(of: [.char("c")], in: .review).count == 2)
        #expect(keymap.keyNames(for: .accept, in: .review) == ["a", "c c"])

        // A key bound alone and as a prefix in one section is a problem with both lines.
        let clash = KeymapFile.parse("review:\n  c: accept\n  c x: reject\n", path: "k.yaml")
        #expect(clash.problems.map(\.description) == ["k.yaml:3: 'c' (line 2) is also the first key of 'c x' (line 3) in [review]: a key is either a command or a prefix"])
        // Sequences where typing is text are refused.
        let editor = KeymapFile.parse("editor:\n  c c: editor-save\n", path: "k.yaml")
        #expect(editor.problems.first?.description.contains("sequences are only for") == true)
        let bad = KeymapFile.parse("review:\n  c nokey: accept\n", path: "k.yaml")
        #expect(bad.problems.first?.description.contains("bad key sequence 'c nokey'") == true)
    }

    @Test func aChildKeymapsSingleKeyReplacesTheInheritedPrefix() {
        let (keymap, problems) = KeymapLoader.keymap(fromText: "inherit: default\nreview:\n  z: accept\n", path: "k.yaml")
        #expect(problems.isEmpty)
        #expect(keymap.command(for: .char("z"), in: .review) == .accept)
        #expect(keymap.continuations(of: [.char("z")], in: .review).isEmpty)
    }

    // MARK: The command line

    @Test func commandLineRunsANameAndANumber() {
        let (app, _, j) = makeApp(samples: five)
        app.press(":")
        guard case .prompt(let p) = app.state.mode, p.purpose == .command else { Issue.record("no command line"); return }
        app.type("accept")
        app.press("enter")
        #expect(j?.review(at: 0).status == .accepted)
        app.press(":"); app.type("3"); app.press("enter")
        #expect(app.state.currentIndex == 3)
        app.press(":"); app.type("#1"); app.press("enter")
        #expect(app.state.currentIndex == 1)
    }

    @Test func tabCompletesAndCycles() {
        let (app, _, _) = makeApp(samples: five)
        app.press(":"); app.type("toggle-me"); app.press("tab")
        guard case .prompt(let p1) = app.state.mode else { Issue.record("prompt closed"); return }
        #expect(p1.input.text == "toggle-metadata")
        app.press("esc", ":"); app.type("filter"); app.press("tab")
        guard case .prompt(let p2) = app.state.mode else { Issue.record("prompt closed"); return }
        #expect(p2.input.text == "filter-")          // the matches' common beginning
        app.press("tab")
        guard case .prompt(let p3) = app.state.mode else { Issue.record("prompt closed"); return }
        let first = p3.input.text
        app.press("tab")
        guard case .prompt(let p4) = app.state.mode else { Issue.record("prompt closed"); return }
        #expect(first.hasPrefix("filter-") && p4.input.text.hasPrefix("filter-") && first != p4.input.text)
        // The popup lists the matches with their keys, the one tab chose highlighted.
        let screen = app.render(width: 80, height: 24).rows.joined(separator: "\n")
        #expect(screen.contains("filter-clear"))
        #expect(screen.contains("(F)"))
    }

    @Test func unknownAndAmbiguousNamesSaySo() {
        let (app, _, j) = makeApp(samples: five)
        app.press(":"); app.type("frobnicate"); app.press("enter")
        #expect(app.state.message?.text == "no command \"frobnicate\" (tab lists commands)")
        app.press(":"); app.type("search-"); app.press("enter")
        #expect(app.state.message?.text.hasPrefix("\"search-\" could be search-forward, search-backward") == true)
        #expect(j?.entries.isEmpty == true)
    }

    @Test func everyCommandWithoutAKeyIsListedInHelpAndRuns() {
        // Unbind toggle-diff's keys: help lists it under "Without a key", and :name runs it.
        let (keymap, _) = KeymapLoader.keymap(fromText: "inherit: default\nreview:\n  d: ~\n  z d: ~\n", path: "k.yaml")
        let app = ReviewApp(source: FakeSource(samples: five), journal: FakeJournal(), keymap: keymap,
                            options: ReviewOptions(theme: .monochrome))
        _ = app.handle(.resize(width: 80, height: 24))
        #expect(app.helpLines().contains("  toggle-diff  " + Command.toggleDiff.summary))
        app.press(":"); app.type("toggle-diff"); app.press("enter")
        #expect(app.state.diffMode != nil)
    }

    // MARK: Filterable help

    @Test func helpFiltersAsYouType() {
        let (app, _, _) = makeApp(samples: five)
        app.press("?", "/")
        app.type("image")
        let lines = app.visibleHelpLines()
        #expect(lines.count > 2)
        #expect(lines.dropFirst().allSatisfy { $0.isEmpty || $0.hasSuffix(":") || $0.lowercased().contains("image") })
        let screen = app.render(width: 80, height: 24).rows.joined(separator: "\n")
        #expect(screen.contains("filter: image"))
        #expect(screen.contains("filter help: image"))
        // Enter keeps the filter and gives the keys back to the help: q closes it.
        app.press("enter")
        #expect(app.state.helpFilter?.typing == false)
        app.press("q")
        #expect(app.state.mode == .reading)
        // Reopened, the help is whole again.
        app.press("?")
        #expect(app.visibleHelpLines() == app.helpLines())
    }

    @Test func helpFilterWithNoMatchSaysSoAndEscDropsIt() {
        let (app, _, _) = makeApp(samples: five)
        app.press("?", "/")
        app.type("zzzz")
        #expect(app.visibleHelpLines().last == "No key or command matches \u{201C}zzzz\u{201D}.")
        app.press("esc")
        #expect(app.state.helpFilter == nil)
        guard case .help = app.state.mode else { Issue.record("help closed"); return }
    }

    // MARK: Footer and message row

    @Test func footerAt80KeepsMovementAndHelp() {
        let (app, _, _) = makeApp(samples: five, width: 80, height: 24)
        let footer = app.render(width: 80, height: 24).rows[23]
        #expect(footer.contains("→ next"))
        #expect(footer.hasSuffix("? help "))
        let narrow = app.render(width: 40, height: 24).rows[23]
        #expect(narrow.contains("→ next"))
        #expect(narrow.contains("? help"))
        #expect(!narrow.contains("quit"))   // dropped from the right first
        let wide = app.render(width: 200, height: 24).rows[23]
        #expect(wide.contains("q quit"))
        #expect(wide.contains(": command"))
    }

    @Test func longMessagesEndWithAnEllipsisNotAHalfWord() {
        #expect(TextFit.words("the journal could not be written to disk", width: 20) == "the journal could…")
        #expect(TextFit.words("short", width: 20) == "short")
        #expect(TextFit.words("图片中有一只猫旁边写着欢迎光临", width: 9) == "图片中有…")
        #expect(TextFit.words("/very/long/path/to/a/journal.jsonl", width: 17) == "/very/long/path/…")
        #expect(TextFit.words("abcdefghijklmnop", width: 6) == "abcde…")
        #expect(TextFit.words("x", width: 0) == "")
        let (app, _, _) = makeApp(samples: five)
        app.state.message = .error(.noSuchID(String(repeating: "很长的编号 ", count: 20)))
        let row = app.render(width: 80, height: 24).rows[22]
        #expect(row.trimmingCharacters(in: .whitespaces).hasSuffix("…"))
        #expect(DisplayWidth.of(row) <= 80)
    }
}

@Suite struct KeySequenceParsingTests {
    @Test func namesRoundTripAndLimits() {
        #expect(KeySequence.parse("z m")?.name == "z m")
        #expect(KeySequence.parse("ctrl-x ctrl-s")?.keys == [.ctrl("x"), .ctrl("s")])
        #expect(KeySequence.parse("a b c")?.keys.count == 3)
        #expect(KeySequence.parse("a b c d") == nil)   // longer than anyone remembers
        #expect(KeySequence.parse("z") == nil)
        #expect(KeySequence.parse("z nokey") == nil)
        #expect(KeySequence([.char("z")]) == nil)
    }
}
