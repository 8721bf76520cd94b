import Foundation
import Testing
import WinnowCore

/// A real write failure with the real binary: `ulimit -f` caps the file size, and with SIGXFSZ
/// ignored a write past the cap comes back short and the next one fails with EFBIG, exactly
/// like a disk filling up in the middle of a line.
@Suite(.serialized) struct JournalDiskFullTests {
    static var ready: Bool { FileManager.default.isExecutableFile(atPath: "/bin/sh") }

    /// Runs `winnow args...` under a 512-byte file size limit.
    static func runCapped(_ args: [String], cwd: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "trap '' XFSZ; ulimit -f 1; exec \"$@\"", "sh", WinnowCLI.binary] + args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test(.enabled(if: ready, "needs /bin/sh"))
    func decideSaysNotSavedAndTheJournalStaysClean() throws {
        let dir = E2ETempDir()
        let data = try dir.dataset(count: 3)
        var saved = 0
        var refused = 0
        for i in 0..<5 {
            let r = try Self.runCapped(["decide", data, String(i % 3), "accept"], cwd: dir.path)
            if r.status == 0 {
                #expect(r.stdout.contains("\"saved\":true"))
                saved += 1
            } else {
                #expect(r.status == 73)
                #expect(r.stdout.isEmpty, "nothing may be reported saved: \(r.stdout)")
                #expect(r.stderr.contains("NOT saved"), "\(r.stderr)")
                refused += 1
            }
        }
        #expect(saved >= 1 && refused >= 1, "saved \(saved), refused \(refused): the 512-byte cap did not bite")
        // Before: the fragment of the failed line stayed, and the next saved line glued onto it.
        let check = try WinnowCLI.run(["journal", "check", data + ".winnow.jsonl", "--dataset", data])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("\(saved) entries"), "\(check.stdout)")
        #expect(check.stdout.contains("torn 0, damaged 0, invalid 0"), "\(check.stdout)")
        // Without the cap the journal takes the next decision.
        let after = try WinnowCLI.run(["decide", data, "1", "reject"])
        #expect(after.status == 0)
        #expect(after.stdout.contains("\"seq\":\(saved + 1)"), "\(after.stdout)")
    }

    @Test(.enabled(if: ready && Prerequisite.tmux, "needs tmux and /bin/sh"))
    func theReviewScreenSaysNotSaved() throws {
        let dir = E2ETempDir()
        let data = try dir.dataset(count: 6)
        let t = try TmuxSession(arguments: ["-c", "trap '' XFSZ; ulimit -f 1; exec \"$@\"", "sh", WinnowCLI.binary, "review", data],
                                executable: "/bin/sh")
        defer { t.close() }
        #expect(t.waitFor("问题 0"), "\(t.capture())")
        var sawNotSaved = false
        for _ in 0..<6 where !sawNotSaved {
            t.sendKeys("a")
            sawNotSaved = t.waitFor("NOT saved", timeout: 2)
        }
        #expect(sawNotSaved, "\(t.capture())")
        t.sendKeys("q")
        _ = t.waitForExit()
        let contents = try JournalReader.read(path: data + ".winnow.jsonl")
        #expect(contents.issues.isEmpty, "\(contents.issues)")
    }
}
