import Foundation
import Testing

/// `winnow keymap check|show` through the built binary.
@Suite
struct KeymapCommandTests {
    @Test func shippedKeymapsCheckClean() throws {
        for name in ["default", "vim", "emacs"] {
            let r = try WinnowCLI.run(["keymap", "check", name])
            #expect(r.status == 0, "\(name): \(r.stdout)")
            #expect(r.stdout.hasPrefix("Keymaps/\(name).yaml: ok ("))
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
        #expect(r.stdout.contains("  G            last\n"))
    }
}
