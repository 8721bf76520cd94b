import Foundation
import Testing

/// Bad arguments and bad files through the real binary: one clear message naming the
/// subcommand or the file, the right exit code, and no file left behind.
@Suite struct QACommandLineTests {
    typealias Run = DatasetCommandsTests
    let sample = #"{"id": "a", "conversations": [{"from": "human", "value": "你好"}, {"from": "gpt", "value": "好"}]}"#

    @Test func anIndexOutOfRangeNamesTheSubcommandAndTheRange() throws {
        let path = Run.temp("[\(sample)]")
        let out = try Run.run(["show", path, "3", "--no-index-cache"])
        #expect(out.status == 64)
        #expect(out.stderr.contains("winnow show: error: no sample 3: the dataset has 1 samples (0...0)"))
        #expect(!out.stderr.contains("<subcommand>"))
    }

    @Test func anEmptyArrayHasNoRangeToShow() throws {
        let path = Run.temp("[]")
        let out = try Run.run(["show", path, "0", "--no-index-cache"])
        #expect(out.status == 64)
        #expect(out.stderr.contains("the dataset has no samples"))
        #expect(!out.stderr.contains("0...0"))
    }

    @Test func anUnreadableSampleIsOneLineLikeValidate() throws {
        let path = Run.temp("[\n{\"id\": \"x\"}\n]")
        let out = try Run.run(["show", path, "0", "--no-index-cache"])
        #expect(out.status == 1)
        #expect(out.stdout.isEmpty)
        #expect(out.stderr == "\(path):2:1: error: sample 0 (id x) is unreadable: no `conversations` or `messages` list in the sample (byte 2)\n")
    }

    @Test func aMistypedDecisionIsAUsageErrorAndCreatesNoJournal() throws {
        let path = Run.temp("[\(sample)]")
        let out = try Run.run(["decide", path, "0", "acept"])
        #expect(out.status == 64)
        #expect(out.stderr.contains("unknown decision 'acept'"))
        #expect(out.stderr.contains("winnow decide DATASET"))
        #expect(!FileManager.default.fileExists(atPath: path + ".winnow.jsonl"))
    }

    @Test func aBadFormatIsReportedWithTheSubcommandsUsage() throws {
        let path = Run.temp("[\(sample)]")
        let out = try Run.run(["stats", path, "--format", "xml"])
        #expect(out.status == 64)
        #expect(out.stderr.contains("--format must be json or jsonl, not xml"))
        #expect(out.stderr.contains("winnow stats"))
    }

    @Test func aFIFOIsRefusedAtOnce() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let fifo = dir.appendingPathComponent("pipe.json").path
        try #require(mkfifo(fifo, 0o600) == 0)
        let out = try Run.run(["validate", fifo])
        #expect(out.status == 65)
        #expect(out.stderr.contains("FIFO"))
    }

    @Test func undoWithSeqMustNameALiveEntryOfThatSample() throws {
        let path = Run.temp("[\(sample),\n\(sample.replacingOccurrences(of: "\"a\"", with: "\"b\""))]")
        let first = try Run.run(["decide", path, "0", "reject"])
        #expect(first.status == 0)
        _ = try Run.run(["decide", path, "1", "accept"])
        let wrongSample = try Run.run(["decide", path, "1", "undo", "--seq", "1"])
        #expect(wrongSample.status == 65)
        #expect(wrongSample.stderr.contains("entry 1 is a decision on sample 0, not on sample 1"))
        let missing = try Run.run(["decide", path, "0", "undo", "--seq", "99"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("there is no entry 99"))
        let ok = try Run.run(["decide", path, "0", "undo", "--seq", "1"])
        #expect(ok.status == 0)
        let again = try Run.run(["decide", path, "0", "undo", "--seq", "1"])
        #expect(again.status == 65)
        #expect(again.stderr.contains("already undone"))
        let log = try Run.run(["journal", "log", path + ".winnow.jsonl"])
        #expect(log.stdout.components(separatedBy: "undo #1").count == 2)
    }

    @Test func aNegativeTurnIsAUsageErrorNotAWriteFailure() throws {
        let path = Run.temp("[\(sample)]")
        let out = try Run.run(["decide", path, "--edit", "0", "--turn=-1", "--text", "x"])
        #expect(out.status == 64)
        #expect(out.stderr.contains("--turn must be 0 or more"))
        #expect(!FileManager.default.fileExists(atPath: path + ".winnow.jsonl"))
    }

    @Test func journalLogEscapesQuotesInsideQuotedEdits() throws {
        let path = Run.temp("[\(sample)]")
        let edit = try Run.run(["decide", path, "--edit", "0", "--turn", "1", "--text", #"say "hi" \ ok"#])
        #expect(edit.status == 0)
        let log = try Run.run(["journal", "log", path + ".winnow.jsonl"])
        #expect(log.stdout.contains(#"edit turn 1: "say \"hi\" \\ ok""#))
    }

    @Test func aFolderAsTheDecisionStreamIsAnErrorAndCreatesNoJournal() throws {
        let path = Run.temp("[\(sample)]")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let out = try Run.run(["decide", path, "--from", folder])
        #expect(out.status == 65)
        #expect(out.stderr.contains("Is a directory"))
        #expect(!FileManager.default.fileExists(atPath: path + ".winnow.jsonl"))
    }

    @Test func aJournalThatCannotBeReadIsABadInputNotAWriteFailure() throws {
        let path = Run.temp("[\(sample)]")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        for args in [["journal", "log", path + ".missing"], ["journal", "check", folder], ["diff", path, "--journal", folder],
                     ["merge", path, "--journal", folder, "-o", folder + "/out.json"]] {
            let out = try Run.run(args)
            #expect(out.status == 65, "\(args)")
            #expect(out.stderr.contains("cannot read"), "\(args)")
        }
    }

    @Test func aFIFOAsAJournalIsRefusedNotWaitedOn() throws {
        let path = Run.temp("[\(sample)]")
        let fifo = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("j.fifo").path
        try #require(mkfifo(fifo, 0o600) == 0)
        let out = try Run.run(["journal", "log", fifo])
        #expect(out.status == 65)
        #expect(out.stderr.contains("FIFO"))
    }
}
