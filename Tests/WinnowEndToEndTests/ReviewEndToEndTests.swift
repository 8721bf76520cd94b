import Foundation
import Testing

/// The review screen in a real terminal (tmux): the built binary, real ncurses, real keys.
@Suite(.serialized, .enabled(if: Prerequisite.tmux, Prerequisite.tmuxReason)) struct ReviewEndToEndTests {
    /// Writes a five-sample dataset into the session's folder; sample 3's answer carries an
    /// escape sequence (colour + window title) that must never reach the terminal raw.
    static func makeDataset(in directory: URL) throws -> String {
        var samples: [String] = []
        for i in 0..<5 {
            let answer = i == 3 ? "危险\\u001b[31mRED\\u001b]0;pwned\\u0007 文本" : "回答\(i) 一只猫。"
            samples.append("""
                {"id": "s\(i)", "image": "x\(i).jpg", "conversations": [{"from": "human", "value": "<image>\\n问题\(i) 这是什么？"}, {"from": "gpt", "value": "\(answer)"}]}
                """)
        }
        let path = directory.appendingPathComponent("d.json").path
        try ("[\n" + samples.joined(separator: ",\n") + "\n]\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A session in a fresh scratch folder holding the dataset, reviewing it.
    static func start(_ extra: [String] = [], environment: [String: String?] = [:],
                      reuse dataset: String? = nil, width: Int = 80, height: Int = 24) throws -> (TmuxSession, String) {
        let scratch = Self.scratchRoot
            .appendingPathComponent("data-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let path = try dataset ?? makeDataset(in: scratch)
        let t = try TmuxSession(arguments: ["review", path] + extra, width: width, height: height,
                                environment: environment)
        return (t, path)
    }

    /// One folder per test process for datasets that outlive a session (reopen tests),
    /// removed when the process exits.
    static let scratchRoot: URL = {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("winnow-e2e-data-\(getpid())")
        atexit {
            let path = NSTemporaryDirectory() + "/winnow-e2e-data-\(getpid())"
            try? FileManager.default.removeItem(atPath: path)
        }
        return url
    }()

    static func journalText(_ dataset: String) -> String {
        (try? String(contentsOfFile: dataset + ".winnow.jsonl", encoding: .utf8)) ?? ""
    }

    @Test func opensTheDemoWithNoArguments() throws {
        let t = try TmuxSession(arguments: [])
        defer { t.close() }
        // (The indexing progress line on stderr also names demo.json, so wait for the header.)
        #expect(t.waitFor("1 / 34"), "\(t.capture())")
        #expect(t.capture().contains("demo.json"))
        t.sendKeys("q")
        #expect(t.waitForExit() == 0)
    }

    @Test func acceptRejectWithReasonAndUndo() throws {
        let (t, path) = try Self.start()
        defer { t.close() }
        #expect(t.waitFor("id s0"))
        t.sendKeys("a")
        #expect(t.waitFor("saved: accepted"), "\(t.capture())")
        #expect(t.waitFor("id s1"))
        t.sendKeys("x")
        #expect(t.waitFor("hallucination"))
        t.sendKeys("1")
        t.sendKeys("Enter")
        #expect(t.waitFor("saved: rejected (hallucination)"), "\(t.capture())")
        #expect(t.waitFor("2/5 decided"))
        t.sendKeys("u")
        #expect(t.waitFor("saved: undid rejected"), "\(t.capture())")
        #expect(t.waitFor("1/5 decided"))
        let journal = Self.journalText(path)
        #expect(journal.contains("hallucination"))
        #expect(journal.contains("undo"))
        t.sendKeys("q")
        #expect(t.waitForExit() == 0, "\(t.capture())")
    }

    @Test func searchesInChinese() throws {
        let (t, _) = try Self.start()
        defer { t.close() }
        #expect(t.waitFor("id s0"))
        t.sendKeys("/")
        t.type("问题4")
        t.sendKeys("Enter")
        #expect(t.waitFor("id s4"), "\(t.capture())")
        #expect(t.capture().contains("问题4"))
    }

    @Test func resizeRelaysOutAndTooSmallRecovers() throws {
        let (t, _) = try Self.start()
        defer { t.close() }
        #expect(t.waitFor("id s0"))
        t.resize(width: 120, height: 40)
        // The header's right-aligned status moves out to the new width (it sat at column 70
        // before): text that was already on screen cannot satisfy this.
        #expect(t.waitUntil { screen in
            guard let header = screen.split(separator: "\n").first else { return false }
            return header.hasSuffix("UNDECIDED") && header.count > 100
        }, "\(t.capture())")
        t.resize(width: 30, height: 8)
        #expect(t.waitFor("too small"), "\(t.capture())")
        t.resize(width: 80, height: 24)
        #expect(t.waitFor("id s0"), "\(t.capture())")
        #expect(!t.capture().contains("too small"))
        t.sendKeys("a")
        #expect(t.waitFor("saved: accepted"))
    }

    @Test func quitAndReopenResumesAtFirstUndecided() throws {
        let (t, path) = try Self.start()
        defer { t.close() }
        #expect(t.waitFor("id s0"))
        t.sendKeys("a")
        #expect(t.waitFor("id s1"))
        t.sendKeys("a")
        #expect(t.waitFor("2/5 decided"))
        t.sendKeys("q")
        #expect(t.waitForExit() == 0)

        let (again, _) = try Self.start(reuse: path)
        defer { again.close() }
        #expect(again.waitFor("id s2"), "\(again.capture())")
        #expect(again.capture().contains("2/5 decided"))
        again.sendKeys("Left")  // the previous sample shows its decision
        #expect(again.waitFor("id s1"))
        #expect(again.waitUntil { $0.contains("ACCEPTED") }, "\(again.capture())")
    }

    @Test func killNineLosesNoSavedDecision() throws {
        let (t, path) = try Self.start()
        defer { t.close() }
        #expect(t.waitFor("id s0"))
        t.sendKeys("a")
        #expect(t.waitFor("id s1"))
        t.sendKeys("x")
        #expect(t.waitFor("hallucination"))
        t.sendKeys("2", "Enter")
        #expect(t.waitFor("saved: rejected"))
        t.signal(SIGKILL)
        #expect(t.waitForExit() != nil)
        let journal = Self.journalText(path)
        #expect(journal.contains("\"s0\""))
        #expect(journal.contains("\"s1\""))

        let (again, _) = try Self.start(reuse: path)
        defer { again.close() }
        #expect(again.waitFor("2/5 decided"), "\(again.capture())")
        #expect(again.capture().contains("id s2"))
    }

    @Test func badKeymapLineIsShownAndTheRestWorks() throws {
        let (t0, path) = try Self.start()
        t0.close()
        let config = FileManager.default.temporaryDirectory
            .appendingPathComponent("winnow-e2e-cfg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("winnow"),
                                                withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: config) }
        try "review:\n  z: no-such-command\n  y: accept\n".write(
            to: config.appendingPathComponent("winnow/keymap.yaml"), atomically: true, encoding: .utf8)
        let (t, _) = try Self.start(environment: ["XDG_CONFIG_HOME": config.path], reuse: path)
        defer { t.close() }
        #expect(t.waitFor("keymap.yaml:2"), "\(t.capture())")
        t.sendKeys("y")
        #expect(t.waitFor("saved: accepted"), "\(t.capture())")
    }

    @Test func notATerminalIsAClearErrorAndNonZeroExit() throws {
        let result = try TmuxSession.run([try WinnowBinary.path(), "review"],
                                         environment: ["TERM": "xterm-256color", "HOME": NSTemporaryDirectory()])
        #expect(result.status != 0)
        #expect(result.output.contains("terminal"), "\(result.output)")
    }

    @Test func unusableTermIsAClearError() throws {
        let (t, _) = try Self.start(environment: ["TERM": "no-such-terminal-type"])
        defer { t.close() }
        let status = t.waitForExit()
        #expect(status != nil && status != 0)
        #expect(t.capture().contains("xterm-256color"), "\(t.capture())")
    }

    @Test func noColorUsesAttributesOnly() throws {
        let (t, _) = try Self.start(environment: ["NO_COLOR": "1"])
        defer { t.close() }
        #expect(t.waitFor("id s0"))
        let screen = t.capture(escapes: true)
        #expect(!screen.contains("[38;5;") && !screen.contains("[48;5;") && !screen.contains("[38;2;"),
                "\(screen.debugDescription)")
        t.sendKeys("a")
        #expect(t.waitFor("saved: accepted"))
    }

    @Test func escapeSequencesInDataAreNotSentRaw() throws {
        let (t, _) = try Self.start(["--start", "3"])
        defer { t.close() }
        #expect(t.waitFor("id s3"))
        #expect(t.waitFor("危险"))
        let screen = t.capture(escapes: true)
        // tmux would have turned a raw ESC [31m into a red "RED" and ESC ]0; into a title.
        #expect(!screen.contains("\u{1B}[31mRED"), "\(screen.debugDescription)")
        #expect(t.paneFormat("#{pane_title}") != "pwned")
        #expect(t.capture().contains("RED"))
    }

    @Test func sigtermRestoresTheTerminalAndExits() throws {
        let (t, path) = try Self.start()
        defer { t.close() }
        #expect(t.waitFor("id s0"))
        t.sendKeys("a")
        #expect(t.waitFor("saved: accepted"))
        t.signal(SIGTERM)
        #expect(t.waitForExit() == 0, "pid \(String(describing: t.pid)) \(t.paneFormat("#{pane_dead}/#{pane_dead_status}/#{pane_dead_signal}"))")
        #expect(Self.journalText(path).contains("\"s0\""))
    }

    @Test func ctrlCQuitsAndKeepsSavedDecisions() throws {
        let (t, path) = try Self.start()
        defer { t.close() }
        #expect(t.waitFor("id s0"))
        t.sendKeys("a")
        #expect(t.waitFor("saved: accepted"))
        t.sendKeys("C-c")
        #expect(t.waitForExit() == 0)
        #expect(Self.journalText(path).contains("\"s0\""))
    }

    @Test func bracketedPasteGoesIntoTheSearchPromptLiterally() throws {
        let (t, _) = try Self.start()
        defer { t.close() }
        #expect(t.waitFor("id s0"))
        t.sendKeys("/")
        // "a" and "q" inside a paste must be text, not accept / quit.
        t.paste("问题3")
        t.sendKeys("Enter")
        #expect(t.waitFor("id s3"), "\(t.capture())")
        #expect(t.exitStatus == nil)
        t.sendKeys("/")
        t.paste("aq")
        #expect(t.waitFor("aq"), "\(t.capture())")
        #expect(t.capture().contains("0/5 decided"))
        #expect(t.exitStatus == nil)
    }

    @Test func ctrlZSuspendsAndResumes() throws {
        // Job control needs a shell: a stop signal to a pane's lone program is discarded by
        // the kernel (orphaned process group), so run winnow from an interactive bash.
        let scratch = Self.scratchRoot
            .appendingPathComponent("data-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let path = try Self.makeDataset(in: scratch)
        let t = try TmuxSession(arguments: ["--norc", "--noprofile", "-i"], executable: "/bin/bash",
                                environment: ["PS1": "PROMPT$ "])
        defer { t.close() }
        #expect(t.waitFor("PROMPT$"))
        let binary = try WinnowBinary.path()
        t.type("\(binary) review \(path)")
        t.sendKeys("Enter")
        #expect(t.waitFor("id s0"), "\(t.capture())")
        t.sendKeys("C-z")
        #expect(t.waitFor("Stopped"), "\(t.capture())")
        #expect(!t.capture().contains("id s0"))
        t.type("fg")
        t.sendKeys("Enter")
        #expect(t.waitFor("id s0"), "\(t.capture())")
        t.sendKeys("a")
        #expect(t.waitFor("saved: accepted"))
        t.sendKeys("q")
        #expect(t.waitForAbsence("id s1"))
    }

    @Test func aLockedJournalNamesItsHolderAndReadOnlyStillOpens() throws {
        let (first, path) = try Self.start()
        defer { first.close() }
        #expect(first.waitFor("id s0"))
        let (second, _) = try Self.start(reuse: path)
        defer { second.close() }
        let status = second.waitForExit()
        #expect(status != nil && status != 0)
        #expect(second.waitFor("process"), "\(second.capture())")
        #expect(second.capture().contains("--read-only"))
        let (third, _) = try Self.start(["--read-only"], reuse: path)
        defer { third.close() }
        #expect(third.waitFor("id s0"), "\(third.capture())")
    }
}
