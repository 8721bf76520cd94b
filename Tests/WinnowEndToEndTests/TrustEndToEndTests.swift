import Foundation
import Testing
import WinnowCore

/// The built binary against a dataset that changes under it, hostile image paths and a
/// non-UTF-8 locale.
@Suite(.serialized) struct TrustEndToEndTests {

    /// A JSON Lines dataset of about `megabytes` MB (big enough that indexing it takes a while).
    static func bigDataset(_ dir: E2ETempDir, megabytes: Int) throws -> String {
        var block = ""
        for i in 0..<2000 {
            block += #"{"id": "s\#(i)", "conversations": [{"from": "human", "value": "问题 \#(i) 这是一个比较长的问题文本，重复几次。这是一个比较长的问题文本，重复几次。"}, {"from": "gpt", "value": "回答 \#(i) 这是回答的文本。"}]}"# + "\n"
        }
        let data = Data(block.utf8)
        let path = dir.file("big.jsonl")
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        for _ in 0..<max(1, megabytes * 1_000_000 / data.count) { handle.write(data) }
        try handle.close()
        return path
    }

    /// Runs winnow, truncates `file` after `delay` seconds while it runs, and returns the
    /// result and whether the process was still running at that moment.
    static func runTruncating(_ args: [String], file: String, after delay: Double) throws
        -> (status: Int32, signalled: Bool, stderr: String, truncatedWhileRunning: Bool) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: WinnowCLI.binary)
        p.arguments = args
        let errPipe = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = errPipe
        try p.run()
        Thread.sleep(forTimeInterval: delay)
        let running = p.isRunning
        #expect(truncate(file, 4096) == 0)
        let err = errPipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, p.terminationReason == .uncaughtSignal, String(decoding: err, as: UTF8.self), running)
    }

    @Test
    func searchStopsWhenTheDatasetIsTruncatedUnderIt() throws {
        let dir = E2ETempDir()
        let path = try Self.bigDataset(dir, megabytes: 150)
        let r = try Self.runTruncating(["search", path, "找不到的词", "--no-index-cache"], file: path, after: 0.5)
        #expect(r.truncatedWhileRunning, "search finished before the truncation; the test dataset is too small for this machine")
        #expect(!r.signalled, "died of a signal: \(r.stderr)")
        #expect(r.status == 65)
        #expect(r.stderr.contains("the dataset changed on disk while it was open"), "\(r.stderr)")
    }

    @Test
    func mergeWritesNothingWhenTheDatasetIsTruncatedUnderIt() throws {
        let dir = E2ETempDir()
        let path = try Self.bigDataset(dir, megabytes: 150)
        let journal = dir.file("j.jsonl")
        try Data(JournalLine.header(JournalHeader(fingerprint: "other", created: JournalLine.now()))).write(to: URL(fileURLWithPath: journal))
        let out = dir.file("out.jsonl")
        let r = try Self.runTruncating(["merge", path, "--journal", journal, "-o", out], file: path, after: 0.5)
        #expect(r.truncatedWhileRunning, "merge finished before the truncation; the test dataset is too small for this machine")
        #expect(!r.signalled, "died of a signal: \(r.stderr)")
        #expect(r.status != 0)
        #expect(r.stderr.contains("the dataset changed on disk while it was open"), "\(r.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("out") || $0.hasPrefix(".out") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test(.enabled(if: Prerequisite.tmux, Prerequisite.tmuxReason))
    func reviewStopsWhenTheDatasetIsTruncatedUnderIt() throws {
        let dir = E2ETempDir()
        let path = try Self.bigDataset(dir, megabytes: 2)
        let t = try TmuxSession(arguments: ["review", path, "--read-only"], environment: [:])
        defer { t.close() }
        #expect(t.waitFor("问题 0"))
        #expect(truncate(path, 4096) == 0)
        t.sendKeys("End")
        #expect(t.waitForExit() == 65)
        #expect(t.waitFor("changed on disk while it was open"), "\(t.capture())")
    }

    @Test(.enabled(if: Prerequisite.tmux, Prerequisite.tmuxReason))
    func chineseIsDrawnUnderTheCLocale() throws {
        let dir = E2ETempDir()
        let path = try dir.dataset(count: 3)
        let t = try TmuxSession(arguments: ["review", path, "--read-only"], environment: ["LANG": "C", "LC_ALL": "C"])
        defer { t.close() }
        // Before: under LANG=C ncurses drew every Chinese turn blank.
        #expect(t.waitFor("问题 0"), "\(t.capture())")
        #expect(t.waitFor("回答 0"), "\(t.capture())")
    }

    @Test(.enabled(if: Prerequisite.tmux, Prerequisite.tmuxReason))
    func noUTF8LocaleRefusesTheReviewScreenAndSaysHowToFixIt() throws {
        let dir = E2ETempDir()
        let path = try dir.dataset(count: 3)
        // WINNOW_UTF8_LOCALES replaces the list of UTF-8 locales tried: none of these exists.
        let t = try TmuxSession(arguments: ["review", path],
                                environment: ["LANG": "C", "LC_ALL": "C", "WINNOW_UTF8_LOCALES": "xx_XX.UTF-8"])
        defer { t.close() }
        #expect(t.waitForExit() == 65)
        // (The message's first line, "winnow: cannot open the review screen:", is not kept
        // on the pane's screen by tmux here; the lines after it are.)
        #expect(t.waitFor("is not UTF-8, so Chinese text would be drawn blank"), "\(t.capture())")
        #expect(t.capture().contains("run with LANG=C.UTF-8"))
        #expect(!FileManager.default.fileExists(atPath: path + ".winnow.jsonl"))
    }

    /// A dataset whose images escape its folder: `../../../../etc/passwd` and a symlink out.
    static func hostileImages(_ dir: E2ETempDir) throws -> String {
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir.file("data/images"), withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir.file("outside"), withIntermediateDirectories: true)
        _ = fm.createFile(atPath: dir.file("outside/secret.png"), contents: Data("not an image".utf8))
        try fm.createSymbolicLink(atPath: dir.file("data/images/link"), withDestinationPath: dir.file("outside"))
        let path = dir.file("data/d.jsonl")
        let lines = ["../../../../../../../../etc/passwd", "images/link/secret.png"].enumerated().map { i, image in
            #"{"id": "h\#(i)", "image": "\#(image)", "conversations": [{"from": "human", "value": "<image>\n问题 \#(i)"}, {"from": "gpt", "value": "回答 \#(i)"}]}"#
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test
    func showSaysOutsideTheImageRoot() throws {
        let dir = E2ETempDir()
        let path = try Self.hostileImages(dir)
        for index in ["0", "1"] {
            let r = try WinnowCLI.run(["show", path, index])
            #expect(r.stdout.contains("(outside the image root)"), "\(r.stdout)")
        }
    }

    @Test(.enabled(if: Prerequisite.tmux, Prerequisite.tmuxReason))
    func reviewRefusesImagesOutsideTheRoot() throws {
        let dir = E2ETempDir()
        let path = try Self.hostileImages(dir)
        let t = try TmuxSession(arguments: ["review", path, "--read-only", "--graphics", "none"], width: 180, height: 40)
        defer { t.close() }
        // The metadata pane wraps the note: "(outside" / "the image root)".
        #expect(t.waitFor("etc/passwd (outside"), "\(t.capture())")
        t.sendKeys("o")
        #expect(t.waitFor("not opened"), "\(t.capture())")
        t.sendKeys("Right")
        #expect(t.waitFor("secret.png (outside"), "\(t.capture())")
    }

    /// A journal line with a good checksum and the largest 64-bit sequence number.
    static func journalWithHugeSequence(for data: String) throws -> String {
        let entry = JournalLine.entry(JournalEntry(sequence: Int.max, time: "t", reviewer: "x", index: 0, id: "s0",
                                                   sampleHash: "h", decision: .accept))
        let header = JournalLine.header(JournalHeader(fingerprint: "elsewhere", created: JournalLine.now()))
        let path = data + ".winnow.jsonl"
        try Data(header + entry).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test
    func decideSurvivesTheLargestSequenceNumber() throws {
        let dir = E2ETempDir()
        let data = try dir.dataset(count: 3)
        _ = try Self.journalWithHugeSequence(for: data)
        // Before: "Fatal error: arithmetic overflow" (the next sequence number).
        let r = try WinnowCLI.run(["decide", data, "1", "accept"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains(":2: invalid: sequence number 9223372036854775807 is out of range"), "\(r.stderr)")
        #expect(r.stdout.contains(#""seq":1"#), "\(r.stdout)")
    }

    @Test(.enabled(if: Prerequisite.tmux, Prerequisite.tmuxReason))
    func reviewSurvivesTheLargestSequenceNumber() throws {
        let dir = E2ETempDir()
        let data = try dir.dataset(count: 3)
        _ = try Self.journalWithHugeSequence(for: data)
        let t = try TmuxSession(arguments: ["review", data])
        defer { t.close() }
        #expect(t.waitFor("问题 0"), "\(t.capture())")
        t.sendKeys("a")
        #expect(t.waitFor("saved"), "\(t.capture())")
        t.sendKeys("q")
        #expect(t.waitForExit() == 0)
    }
}
