import Testing
import WinnowCore
@testable import WinnowUI

/// Key scripts against app state: one test per group of commands, asserting after each step.
@Suite struct ReviewAppCommandTests {
    let five = (0..<5).map { makeSample($0, type: $0 % 2 == 0 ? .conversation : .detail) }

    @Test func resumesAtFirstUndecided() {
        let j = FakeJournal()
        _ = try? j.append(.accept, index: 0)
        _ = try? j.append(.skip, index: 1)
        let (app, _, _) = makeApp(samples: five, journal: j)
        #expect(app.state.currentIndex == 2)
        #expect(app.state.decidedInBase == 2)
        #expect(app.state.message?.text.contains("resumed: 2 of 5") == true)
    }

    @Test func acceptSavesThenAdvances() {
        let (app, _, j) = makeApp(samples: five)
        app.press("a")
        #expect(j?.review(at: 0).status == .accepted)
        #expect(app.state.currentIndex == 1)
        #expect(app.state.message?.text == "saved: accepted #0")
        #expect(app.state.decidedInBase == 1)
    }

    @Test func failedWriteNeverSaysSaved() {
        let (app, _, j) = makeApp(samples: five)
        j?.failNext = true
        app.press("a")
        #expect(app.state.message?.isError == true)
        #expect(app.state.message?.text.hasPrefix("NOT saved") == true)
        #expect(app.state.currentIndex == 0)
        #expect(j?.review(at: 0).status == .undecided)
    }

    @Test func rejectWithPickerAndNote() {
        let (app, _, j) = makeApp(samples: five)
        app.press("x")
        guard case .reasonPicker = app.state.mode else { Issue.record("no picker"); return }
        app.press("2", "6")                  // tick ocr-error and image-mismatch
        app.press("n")                       // note prompt
        app.type("字幕错了")
        app.press("enter")                   // back to the picker
        guard case .reasonPicker(let p) = app.state.mode else { Issue.record("picker lost"); return }
        #expect(p.note == "字幕错了")
        app.press("enter")
        #expect(j?.review(at: 0).status == .rejected)
        #expect(j?.review(at: 0).reasons == ["ocr-error", "image-mismatch"])
        #expect(j?.review(at: 0).note == "字幕错了")
        #expect(app.state.mode == .reading)
        #expect(app.state.currentIndex == 1)
    }

    @Test func rejectPickerMovesAndCancels() {
        let (app, _, j) = makeApp(samples: five)
        app.press("x", "down", "down", "space", "up", "esc")
        #expect(app.state.mode == .reading)
        #expect(j?.entries.isEmpty == true)
        app.press("x", "j", "space", "enter")   // ticked with space (the highlight alone picks nothing)
        #expect(j?.review(at: 0).reasons == ["ocr-error"])
    }

    @Test func pickerScrollsToTheHighlightedReason() {
        let (app, _, _) = makeApp(samples: five, width: 40, height: 12)
        app.press("x", "up")                  // wraps to the last reason
        let rows = app.render(width: 40, height: 12).trimmedRows
        #expect(rows.contains { $0.contains("7 [ ] other") })
        #expect(!rows.contains { $0.contains("1 [ ] hallucination") })
    }

    @Test func skipAndUndo() {
        let (app, _, j) = makeApp(samples: five)
        app.press("space")
        #expect(j?.review(at: 0).status == .skipped)
        #expect(app.state.currentIndex == 1)
        app.press("u")
        #expect(j?.review(at: 0).status == .undecided)
        #expect(app.state.currentIndex == 0)
        #expect(app.state.decidedInBase == 0)
        if case .undo(let seq)? = j?.entries.last?.decision { #expect(seq == 1) } else { Issue.record("no undo entry") }
        app.press("u")
        #expect(app.state.message?.text == "nothing to undo")
    }

    @Test func noteAndFlagWithoutDecision() {
        let (app, _, j) = makeApp(samples: five)
        app.press("m")
        app.type("看一下")
        app.press("enter")
        #expect(j?.review(at: 0).notes == ["看一下"])
        #expect(j?.review(at: 0).status == .undecided)
        #expect(app.state.currentIndex == 0)     // a note is not a decision: stay
        app.press("!", "enter")                  // flag prompt pre-filled with "check"
        #expect(j?.review(at: 0).flags == ["check"])
    }

    @Test func autoAdvanceToggle() {
        let (app, _, _) = makeApp(samples: five)
        app.press("A", "a")
        #expect(app.state.autoAdvance == false)
        #expect(app.state.currentIndex == 0)
    }

    @Test func navigation() {
        let (app, _, j) = makeApp(samples: five)
        app.press("right")
        #expect(app.state.currentIndex == 1)
        app.press("l", "h")
        #expect(app.state.currentIndex == 1)
        app.press("end")
        #expect(app.state.currentIndex == 4)
        app.press("right")
        #expect(app.state.currentIndex == 4)
        #expect(app.state.message?.text == "last sample")
        app.press("home")
        #expect(app.state.currentIndex == 0)
        _ = try? j?.append(.accept, index: 1)
        _ = try? j?.append(.accept, index: 2)
        app.press("tab")
        #expect(app.state.currentIndex == 3)
        app.press("shift-tab")
        #expect(app.state.currentIndex == 0)
        app.press("left")
        #expect(app.state.currentIndex == 0)
    }

    @Test func goToIndexAndID() {
        let (app, _, _) = makeApp(samples: five)
        app.press("g"); app.type("3"); app.press("enter")
        #expect(app.state.currentIndex == 3)
        app.press("g"); app.type("#1"); app.press("enter")
        #expect(app.state.currentIndex == 1)
        app.press("g"); app.type("000002"); app.press("enter")   // digits: an index
        #expect(app.state.currentIndex == 2)
        app.press("i"); app.type("000001"); app.press("enter")   // goto-id: numeric ids too
        #expect(app.state.currentIndex == 1)
        app.press("i"); app.type("000004"); app.press("enter")
        #expect(app.state.currentIndex == 4)
        app.press("g"); app.type("99"); app.press("enter")
        #expect(app.state.currentIndex == 4)
        #expect(app.state.message?.isError == true)
        app.press("i"); app.type("nope"); app.press("enter")
        #expect(app.state.message?.text == "no sample with id nope")
    }

    @Test func promptEditingKeys() {
        let (app, _, _) = makeApp(samples: five)
        app.press("/")
        app.type("东京塔")
        app.press("left", "backspace")
        guard case .prompt(let p) = app.state.mode else { Issue.record("no prompt"); return }
        #expect(p.input.marked == "东|塔")
        app.press("home", "delete", "end")
        guard case .prompt(let p2) = app.state.mode else { return }
        #expect(p2.input.marked == "塔|")
        _ = app.handle(.paste("第一\n第二"))
        guard case .prompt(let p3) = app.state.mode else { return }
        #expect(p3.input.text == "塔第一 第二")
        app.press("ctrl-w")
        guard case .prompt(let p4) = app.state.mode else { return }
        #expect(p4.input.text == "塔第一 ")
        app.press("ctrl-u", "esc")
        #expect(app.state.mode == .reading)
    }

    @Test func promptHistoryAndCursorRight() {
        let (app, _, _) = makeApp(samples: five)
        app.press("g"); app.type("2"); app.press("enter")
        app.press("g"); app.type("4"); app.press("enter")
        app.press("g", "up")
        guard case .prompt(let p1) = app.state.mode else { Issue.record("no prompt"); return }
        #expect(p1.input.text == "4")
        app.press("up", "up")
        guard case .prompt(let p2) = app.state.mode else { return }
        #expect(p2.input.text == "2")
        app.press("down")
        guard case .prompt(let p3) = app.state.mode else { return }
        #expect(p3.input.text == "4")
        app.press("down")
        guard case .prompt(let p4) = app.state.mode else { return }
        #expect(p4.input.text == "")
        app.type("12")
        app.press("home", "right", "ctrl-u")
        guard case .prompt(let p5) = app.state.mode else { return }
        #expect(p5.input.marked == "|2")
        app.press("enter")
        #expect(app.state.currentIndex == 2)
    }

    @Test func searchForwardBackwardAndRepeat() {
        var samples = five
        samples[1] = makeSample(1, gpt: "一只黑色的猫坐在沙发上")
        samples[3] = makeSample(3, gpt: "沙发旁边有一只狗")
        let (app, _, _) = makeApp(samples: samples)
        app.press("/"); app.type("沙发"); app.press("enter")
        #expect(app.state.currentIndex == 1)
        #expect(app.state.searchPhrase == "沙发")
        app.press("n")
        #expect(app.state.currentIndex == 3)
        app.press("n")
        #expect(app.state.currentIndex == 1)
        #expect(app.state.message?.text.hasPrefix("search wrapped") == true)
        app.press("N")
        #expect(app.state.currentIndex == 3)
        app.press("\\"); app.type("黑色"); app.press("enter")
        #expect(app.state.currentIndex == 1)
        app.press("/"); app.type("不存在"); app.press("enter")
        #expect(app.state.message?.text == "not found: \"不存在\"")
    }

    @Test func nextMatchWithinALongSampleBeforeTheNextSample() {
        let long = (1...80).map { $0 % 20 == 0 ? "第\($0)行有猫" : "第\($0)行" }.joined(separator: "\n")
        var samples = five
        samples[1] = makeSample(1, gpt: long)
        samples[3] = makeSample(3, gpt: "猫")
        let (app, _, _) = makeApp(samples: samples)
        app.press("/"); app.type("有猫"); app.press("enter")
        #expect(app.state.currentIndex == 1)
        let first = app.state.scroll
        app.press("n")
        #expect(app.state.currentIndex == 1)
        #expect(app.state.scroll == first + 20)
        #expect(app.state.message?.text == "match 2 of 4 in #1")
        app.press("n", "n")
        #expect(app.state.message?.text == "match 4 of 4 in #1")
        app.press("N")
        #expect(app.state.message?.text == "match 3 of 4 in #1")
        app.press("n", "n")                         // past the last match: next sample
        #expect(app.state.currentIndex == 1)        // #3 has "猫" but not "有猫": wraps to #1
        #expect(app.state.message?.text.hasPrefix("search wrapped") == true)
    }

    @Test func injectedSearchFunctionIsUsed() {
        let (app, _, _) = makeApp(samples: five)
        var calls: [(String, Int, Bool)] = []
        app.search = { phrase, from, forward in
            calls.append((phrase, from, forward))
            return 4
        }
        app.press("/"); app.type("x"); app.press("enter")
        #expect(app.state.currentIndex == 4)
        #expect(calls.first?.0 == "x" && calls.first?.1 == 1 && calls.first?.2 == true)
    }

    @Test func filters() {
        let (app, _, j) = makeApp(samples: five)
        app.press("a")                                 // accept #0, now at #1
        app.press("f")                                 // undecided
        #expect(app.state.filter.status == .undecided)
        #expect(app.state.visible.count == 4)
        #expect(app.state.currentIndex == 1)
        app.press("f")                                 // accepted
        #expect(app.state.visible == .list([0]))
        app.press("F")
        #expect(app.state.visible.count == 5)
        app.press("T")                                 // conversation
        #expect(app.state.visible == .list([0, 2, 4]))
        app.press("T", "T")                            // complex_reasoning, then detail
        #expect(app.state.visible == .list([1, 3]))
        let grid = app.render(width: 80, height: 24)
        #expect(grid.rows[1].contains("filter: type detail (2)"))
        _ = j
    }

    @Test func bigTypeFiltersRunInSlicesOnTick() {
        let many = (0..<3000).map { makeSample($0, type: $0 % 3 == 0 ? .detail : .conversation) }
        var options = ReviewOptions(theme: .monochrome)
        options.incrementalFilterThreshold = 100
        options.filterSliceBudget = .zero             // 64 samples per slice
        let (app, _, _) = makeApp(samples: many, options: options)
        app.press("g"); app.type("1501"); app.press("enter")
        app.press("T", "T", "T")                       // conversation, complex_reasoning, detail
        #expect(app.state.filterScan != nil)
        #expect(app.render(width: 80, height: 24).trimmedRows[1].contains("filter: type detail ("))
        var ticks = 0
        while app.state.filterScan != nil && ticks < 10_000 {
            #expect(app.tick() == .redraw)
            ticks += 1
        }
        #expect(ticks > 10)
        #expect(app.state.visible.count == 1000)
        #expect(app.state.currentIndex == 1503)        // the first match after the sample shown
        #expect(app.state.message?.text == "filter: type detail — 1000 of 3000")
        #expect(app.tick() == .none)
    }

    @Test func scrolling() {
        let long = (1...60).map { "第\($0)行" }.joined(separator: "\n")
        let (app, _, _) = makeApp(samples: [makeSample(0, gpt: long)])
        app.press("down", "j")
        #expect(app.state.scroll == 2)
        app.press("k")
        #expect(app.state.scroll == 1)
        app.press("pgdn")
        #expect(app.state.scroll == 1 + app.dialogueRows - 1)
        app.press("b")
        let bottom = app.state.scroll
        #expect(bottom == app.dialogueLineCount - app.dialogueRows)
        app.press("pgup", "t")
        #expect(app.state.scroll == 0)
    }

    @Test func helpOverlayOpensScrollsCloses() {
        let (app, _, _) = makeApp(samples: five)
        app.press("?")
        #expect(app.state.mode == .help(scroll: 0))
        app.press("j")
        #expect(app.state.mode == .help(scroll: 1))
        app.press("q")
        #expect(app.state.mode == .reading)
    }

    @Test func editRoutesToHookOrEditor() {
        let (app, _, _) = makeApp(samples: five)
        app.press("e")
        guard case .editing(let editing) = app.state.mode else { Issue.record("not editing"); return }
        #expect(editing.sampleIndex == 0)
        #expect(editing.session != nil)
        #expect(app.render(width: 80, height: 24).rows.contains { $0.contains("Editing sample 0") })
        app.press("esc")
        #expect(app.state.mode == .reading)
    }

    @Test func viewTogglesQuitSuspendRedraw() {
        let (app, _, _) = makeApp(samples: five)
        app.press("M")                        // 80 columns: compact -> expanded -> hidden
        #expect(app.state.showMetadata && app.state.expandMetadata)
        #expect(app.render(width: 80, height: 24).trimmedRows.contains(" type: conversation (field)"))
        app.press("M")
        #expect(app.state.showMetadata == false)
        app.press("M")
        #expect(app.state.showMetadata && !app.state.expandMetadata)
        app.press("I")
        #expect(app.state.showImage == false)
        #expect(app.press("ctrl-l") == .redraw)
        #expect(app.press("ctrl-z") == .suspend)
        app.press("/")
        #expect(app.press("ctrl-z") == .suspend)      // global: works in a prompt too
        app.press("esc")
        #expect(app.press("q") == .quit)
        app.press("o")
        #expect(app.state.message?.isError == true)   // no such image file
        app.press("v")
        #expect(app.state.message?.isError == true)
    }

    @Test func readOnlyRefusesDecisions() {
        let (app, _, _) = makeApp(samples: five, journal: nil)
        app.press("a")
        #expect(app.state.message?.text.hasPrefix("read-only") == true)
        #expect(app.state.currentIndex == 0)
    }

    @Test func spotCheckBaseOrder() {
        let (app, _, _) = makeApp(samples: five, options: ReviewOptions(theme: .monochrome, baseOrder: [4, 2], baseLabel: "spot check 2"))
        #expect(app.state.currentIndex == 4)
        app.press("right")
        #expect(app.state.currentIndex == 2)
        app.press("g"); app.type("1"); app.press("enter")
        #expect(app.state.message?.text.contains("not in this review") == true)
        #expect(app.render(width: 80, height: 24).rows[0].contains("2 / 2"))
    }

    @Test func unboundKeySaysSo() {
        let (app, _, _) = makeApp(samples: five)
        app.press("Z")
        #expect(app.state.message?.text.hasPrefix("Z is not bound") == true)
    }

    /// Every command in the registry is reachable from the default keymap.
    @Test func everyCommandIsBoundByDefault() {
        let (keymap, _) = KeymapLoader.load(base: "default", userFile: nil)
        for info in Command.allCases {
            let bound = KeyContext.allCases.contains { !keymap.keys(for: info.name, in: $0).isEmpty }
            #expect(bound, "\(info.name) has no key in Keymaps/default.yaml")
        }
    }

    @Test func helpScrollingAndEditorSave() {
        let (app, _, _) = makeApp(samples: five)
        app.press("?", "pgdn")
        guard case .help(let s1) = app.state.mode else { Issue.record("no help"); return }
        #expect(s1 > 1)
        app.press("end")
        guard case .help(let s2) = app.state.mode else { return }
        #expect(s2 >= s1)
        app.press("home")
        #expect(app.state.mode == .help(scroll: 0))
        app.press("esc", "e", "ctrl-s")
        // Nothing changed: the editor says so and stays; esc leaves without asking.
        guard case .editing = app.state.mode else { Issue.record("not editing"); return }
        app.press("esc")
        #expect(app.state.mode == .reading)
    }

    /// Every command has a handler in each context it can be bound in (dispatch returns an
    /// effect, not "means nothing here") and a help line that the help overlay shows.
    @Test func everyCommandHasAHandlerAndAHelpLine() {
        /// Keys that put a fresh app in the mode of a context.
        let openers: [KeyContext: [String]] = [.review: [], .prompt: ["g"], .picker: ["x"], .help: ["?"], .editor: ["e"],
                                               .image: ["z", "z"]]
        for command in Command.allCases {
            #expect(!command.summary.isEmpty, "\(command) has no help line")
            #expect(!command.contexts.isEmpty, "\(command) can be bound nowhere")
            for context in command.contexts where context != .global {
                let (app, _, _) = makeApp(samples: five)
                for key in openers[context] ?? [] { app.press(key) }
                // Zoom mode is not a mode of its own: reading, with the `image` keys first.
                #expect(context == .image ? app.state.imageView.zoomMode : app.state.mode.keyContext == context)
                #expect(app.dispatch(command) != nil, "\(command) has no handler in [\(context.rawValue)]")
            }
        }
        let (app, _, _) = makeApp(samples: five)
        let help = app.helpLines().joined(separator: "\n")
        for command in Command.allCases where KeyContext.allCases.contains(where: { !app.keymap.keys(for: command, in: $0).isEmpty }) {
            #expect(help.contains("\(command.summary)  [\(command.name)]"), "\(command) is missing from the help")
        }
    }
}
