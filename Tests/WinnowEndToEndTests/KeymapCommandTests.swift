import Foundation
import Testing

/// `winnow keymap check|show` through the built binary.
@Suite
struct KeymapCommandTests {
    @Test func shippedKeymapsCheckClean() throws {
        for name in ["default", "vim", "emacs"] {
            let r = try WinnowCLI.run(["keymap", "check", name])
            #expect(r.status == 0, "\(name): \(r.stdout)")
            // One line: no problem and no warning (emacs once bound ctrl-h, which arrives as
            // backspace).
            #expect(r.stdout.hasPrefix("Keymaps/\(name).yaml: ok ("), "\(r.stdout)")
            #expect(r.stdout.split(separator: "\n").count == 1, "\(r.stdout)")
        }
    }

    @Test func badFileReportsEachProblemWithItsLineAndFails() throws {
        let dir = E2ETempDir()
        let path = dir.file("keymap.yaml")
        try "review:\n  a: accept\n  a: skip\n  hyper-x: quit\n  q: frobnicate\n".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try WinnowCLI.run(["keymap", "check", path])
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == "\(path):3: duplicate key 'a' in [review]: already bound on line 2")
        #expect(lines[1].hasPrefix("\(path):4: bad key name 'hyper-x'"))
        #expect(lines[2] == "\(path):5: unknown command 'frobnicate'")
    }

    @Test func showPrintsBindingsFromAnyFolder() throws {
        let dir = E2ETempDir()
        let r = try WinnowCLI.run(["keymap", "show", "vim"], cwd: dir.path)
        #expect(r.status == 0)
        #expect(r.stdout.contains("review:\n"))
        #expect(r.stdout.split(separator: "\n").contains { $0.hasPrefix("  G ") && $0.hasSuffix(" last") })
    }

    /// Issue 14: names were cut to fixed columns (`editor-delete-turn-pai`); columns now fit
    /// the longest name, and every command line still lines up.
    @Test func showSizesColumnsToFitNames() throws {
        let dir = E2ETempDir()
        let list = try WinnowCLI.run(["keymap", "show", "--commands"], cwd: dir.path)
        #expect(list.status == 0)
        #expect(list.stdout.contains("editor-delete-turn-pair "), "\(list.stdout)")
        let summaries = Set(list.stdout.split(separator: "\n").map { line in
            line.firstIndex(of: " ").map { i in line[i...].prefix { $0 == " " }.count + line.distance(from: line.startIndex, to: i) } ?? 0
        })
        #expect(summaries.count == 1, "summaries start in different columns: \(summaries)")
        let show = try WinnowCLI.run(["keymap", "show"], cwd: dir.path)
        #expect(show.status == 0)
        #expect(show.stdout.contains("editor-delete-turn-pair\n"), "\(show.stdout)")
    }
}

/// `keymap check` warns about bindings a terminal cannot deliver; the file still loads.
struct KeymapDeliverabilityCommandTests {
    @Test func bindingsATerminalCannotSendAreWarnedAbout() throws {
        let dir = E2ETempDir()
        let path = dir.file("keymap.yaml")
        try """
            review:
              ctrl-h: help
              ctrl-c: quit
              ctrl-1: next
              f2: next
            editor:
              backspace: delete-back
              ctrl-h: delete-back

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try WinnowCLI.run(["keymap", "check", path])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.split(separator: "\n").map(String.init) == [
            "\(path):2: warning: 'ctrl-h: help' never runs: terminals send ctrl-h as backspace, which is unbound in [review]; bind another key",
            "\(path):3: warning: 'ctrl-c: quit' never runs: ctrl-c always quits Winnow",
            "\(path):4: warning: 'ctrl-1: next' never runs: terminals send no code for ctrl-1",
            "\(path): ok (6 bindings, 3 warnings)",
        ])
    }
}
