import Foundation
import Testing
@testable import WinnowUI
import WinnowTerminal

@Suite struct KeymapTests {
    @Test func keyNamesRoundTrip() {
        for name in ["a", "G", "?", "/", "space", "ctrl-s", "alt-x", "ctrl-alt-x", "up", "pgdn", "f1", "f12",
                     "enter", "esc", "shift-tab", "backspace", "delete", "1"] {
            guard let key = KeyName.parse(name) else { Issue.record("cannot parse \(name)"); continue }
            #expect(KeyName.format(key) == name)
        }
        #expect(KeyName.parse("escape") == .named(.escape))
        #expect(KeyName.parse("pagedown") == .named(.pageDown))
        #expect(KeyName.parse("C-S") == KeyPress(.character("s"), control: true))
        #expect(KeyName.parse("alt-ctrl-x") == KeyName.parse("ctrl-alt-x"))
        #expect(KeyName.parse("zz") == nil)
        #expect(KeyName.parse("ctrl-ctrl-x") == nil)
        #expect(KeyName.parse("f13") == nil)
    }

    /// helix's check_duplicate_keys_in_default_keymap, for every shipped keymap: no problems,
    /// only known commands, each valid in its context.
    @Test(arguments: ["default", "vim", "emacs"])
    func shippedKeymapsAreClean(name: String) throws {
        let text = try #require(KeymapLoader.builtInText(name))
        let file = KeymapFile.parse(text, path: name)
        #expect(file.problems.isEmpty, "\(file.problems)")
        var seen: Set<String> = []
        for e in file.entries {
            let key = e.sequence?.name ?? KeyName.format(e.key)
            #expect(seen.insert("\(e.context):\(key)").inserted, "duplicate \(key) line \(e.line)")
            if let c = e.command {
                #expect(c.contexts.contains(e.context) || e.context == .global)
            }
        }
        let (keymap, problems) = KeymapLoader.load(base: name, userFile: nil)
        #expect(problems.isEmpty)
        // The Prodigy-like deciding keys survive in every keymap.
        #expect(keymap.command(for: .char("a"), in: .review) == .accept)
        #expect(keymap.command(for: .char("x"), in: .review) == .reject)
        #expect(keymap.command(for: .char(" "), in: .review) == .skip)
        #expect(keymap.command(for: .char("u"), in: .review) == .undo)
        #expect(keymap.command(for: .char("q"), in: .review) == .quit)
    }

    @Test func defaultKeysAreProdigyLike() {
        let (k, _) = KeymapLoader.load(base: "default", userFile: nil)
        #expect(k.command(for: .char("e"), in: .review) == .edit)
        #expect(k.command(for: .char("/"), in: .review) == .searchForward)
        #expect(k.command(for: .char("?"), in: .review) == .help)
        #expect(k.command(for: .ctrl("l"), in: .prompt) == .redraw)       // global reaches prompts
        #expect(k.command(for: .char("q"), in: .prompt) == nil)             // but never typing keys
    }

    @Test func vimInheritsAndOverrides() {
        let (k, _) = KeymapLoader.load(base: "vim", userFile: nil)
        #expect(k.command(for: .char("j"), in: .review) == .next)
        #expect(k.command(for: .char("G"), in: .review) == .last)
        #expect(k.command(for: .char("a"), in: .review) == .accept)        // inherited
        #expect(k.command(for: .char("l"), in: .review) == nil)             // unbound with ~
    }

    @Test func eachProblemKindWithItsLine() {
        let text = """
        # comment
        review:
          a: accept
          a: reject
          zz: skip
          q: quit-now
          ctrl-s: accept
          C-s: skip
        prompt:
          x: accept
        bogus:
          k: next
        """
        let file = KeymapFile.parse(text, path: "my.yaml")
        #expect(file.problems.map(\.description) == [
            "my.yaml:4: duplicate key 'a' in [review]: already bound on line 3",
            "my.yaml:5: bad key name 'zz' (examples: a, G, space, ctrl-s, alt-x, up, pgdn, f1, enter, esc; a sequence: z m)",
            "my.yaml:6: unknown command 'quit-now' (did you mean 'quit'?)",
            "my.yaml:8: duplicate key 'C-s' in [review]: already bound as 'ctrl-s' on line 7",
            "my.yaml:10: command 'accept' cannot be used in [prompt] (only in: global, review)",
            "my.yaml:11: unknown section 'bogus' (known: inherit, global, review, prompt, picker, help, editor, image)",
        ])
        // The good lines still bind.
        #expect(file.entries.map { $0.command } == [.accept, .accept])
    }

    @Test func invalidYAMLReportsALine() {
        let file = KeymapFile.parse("review:\n  a: [accept\n", path: "x.yaml")
        #expect(file.problems.count == 1)
        #expect(file.problems.first?.line == 3)
        #expect(file.problems.first?.message.hasPrefix("not valid YAML") == true)
    }

    @Test func userFileOverridesSingleKeysAndReportsProblems() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-keymap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let user = dir.appendingPathComponent("keymap.yaml")
        try "review:\n  y: accept\n  a: ~\n  w: nonsense\n".write(to: user, atomically: true, encoding: .utf8)
        let (k, problems) = KeymapLoader.load(base: nil, userFile: user.path, files: DiskKeymapFiles())
        #expect(k.command(for: .char("y"), in: .review) == .accept)
        #expect(k.command(for: .char("a"), in: .review) == nil)
        #expect(k.command(for: .char("x"), in: .review) == .reject)        // untouched
        #expect(problems.map(\.description) == ["\(user.path):4: unknown command 'nonsense'"])
        // The app shows the problem at start-up, and the rest works.
        let app = ReviewApp(source: FakeSource(samples: [makeSample(0)]), journal: FakeJournal(), keymap: k,
                            keymapProblems: problems)
        #expect(app.state.message?.text.contains("keymap: \(user.path):4: unknown command") == true)
        app.press("y")
        #expect(app.state.message?.text.hasPrefix("saved: accepted #0") == true)
    }

    @Test func userFilePathFollowsXDG() {
        #expect(KeymapLoader.userFilePath(environment: ["XDG_CONFIG_HOME": "/c", "HOME": "/h"]) == "/c/winnow/keymap.yaml")
        #expect(KeymapLoader.userFilePath(environment: ["HOME": "/h"]) == "/h/.config/winnow/keymap.yaml")
    }

    @Test func unknownBaseFallsBackToDefault() {
        let (k, problems) = KeymapLoader.load(base: "nosuch", userFile: nil)
        #expect(problems.first?.message.hasPrefix("no such keymap") == true)
        #expect(k.command(for: .char("a"), in: .review) == .accept)
    }

    /// The help overlay lists exactly the active keymap's bindings.
    @Test func helpIsGeneratedFromTheActiveKeymap() throws {
        let (app, _, _) = makeApp(samples: [makeSample(0)])
        let lines = app.helpLines()
        #expect(lines.contains { $0.hasPrefix("  a ") && $0.hasSuffix("accept the sample  [accept]") })
        #expect(lines.contains { $0.hasPrefix("  shift-tab ") && $0.hasSuffix("[prev-undecided]") })
        #expect(lines.contains { $0.hasPrefix("  right, l ") && $0.hasSuffix("[next]") })
        // Rebind: the help follows.
        app.keymap.bind(.char("y"), to: .accept, in: .review)
        app.keymap.bind(.char("a"), to: nil, in: .review)
        let after = app.helpLines()
        #expect(after.contains { $0.hasPrefix("  y ") && $0.hasSuffix("[accept]") })
        #expect(!after.contains { $0.hasPrefix("  a ") && $0.hasSuffix("[accept]") })
        // The footer hints too.
        #expect(app.render(width: 100, height: 24).rows[23].contains(" y accept "))
    }
}

@Suite struct ReviewAppStartTests {
    @Test func startReadsTheUserFileAndNoColor() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-xdg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("winnow"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "review:\n  y: accept\n  bad key: quit\n".write(to: dir.appendingPathComponent("winnow/keymap.yaml"), atomically: true, encoding: .utf8)
        let app = ReviewApp.start(source: FakeSource(samples: [makeSample(0)]), journal: FakeJournal(), keymap: "vim",
                                  environment: ["XDG_CONFIG_HOME": dir.path, "NO_COLOR": "1"], keymapFiles: DiskKeymapFiles())
        #expect(app.keymap.name == "vim")
        #expect(app.keymap.command(for: .char("y"), in: .review) == .accept)
        #expect(app.keymap.command(for: .char("G"), in: .review) == .last)
        #expect(app.options.theme == .monochrome)
        #expect(app.state.message?.text.contains("winnow/keymap.yaml:3: bad key sequence 'bad key'") == true)
    }
}

/// The loader reads files only through the `KeymapFiles` the shell gives it.
@Suite struct KeymapFilesTests {
    struct MemoryFiles: KeymapFiles {
        var files: [String: String]
        func text(atPath path: String) -> String? { files[path] }
    }

    @Test func pathBasesInheritsAndTheUserFileComeFromTheGivenFiles() {
        let files = MemoryFiles(files: [
            "/k/mine.yaml": "inherit: parent.yaml\nreview:\n  y: accept\n",
            "/k/parent.yaml": "inherit: vim\nreview:\n  z: reject\n",
            "/u/keymap.yaml": "review:\n  w: quit\n",
        ])
        let (k, problems) = KeymapLoader.load(base: "/k/mine.yaml", userFile: "/u/keymap.yaml", files: files)
        #expect(problems.isEmpty)
        #expect(k.command(for: .char("y"), in: .review) == .accept)
        #expect(k.command(for: .char("z"), in: .review) == .reject)
        #expect(k.command(for: .char("G"), in: .review) == .last)     // from vim, two levels up
        #expect(k.command(for: .char("w"), in: .review) == .quit)     // the user file
        // Without files only the embedded keymaps resolve: the path base is missing.
        let (fallback, missing) = KeymapLoader.load(base: "/k/mine.yaml", userFile: "/u/keymap.yaml")
        #expect(missing.first?.message.hasPrefix("no such keymap") == true)
        #expect(fallback.command(for: .char("w"), in: .review) != .quit)
    }
}
