import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import WinnowCore

/// Cross-sample lints, real files, and a generated file when the generator can run.
@Suite struct LintDatasetTests {
    private func sample(_ id: String, _ image: String) -> String {
        #"{"id": "\#(id)", "image": "\#(image)", "conversations": [{"from": "human", "value": "<image>\n这是什么？"}, {"from": "gpt", "value": "这是一家面馆。"}]}"#
    }

    @Test func duplicateIDAndImageReportTheSampleThatBreaksTheConvention() throws {
        // Sample 2 copies sample 0's image, sample 3 reuses sample 1's id; the copies break
        // id == image stem, so they are reported, whichever comes first.
        let text = "[" + [sample("aaa", "images/aaa.jpg"), sample("bbb", "images/bbb.jpg"),
                          sample("ccc", "images/aaa.jpg"), sample("bbb", "images/ddd.jpg")].joined(separator: ",\n") + "]"
        let data = try openUncached(writeTemp(text))
        let found = DatasetLinter.findings(in: data)
        #expect(found.map(\.index) == [2, 3])
        #expect(found.map(\.finding.kind) == [.duplicateImage, .duplicateID])
        #expect(found.first?.finding.message == "image images/aaa.jpg is also sample 0's")
        let reversed = "[" + [sample("ccc", "images/aaa.jpg"), sample("aaa", "images/aaa.jpg")].joined(separator: ",\n") + "]"
        #expect(DatasetLinter.findings(in: try openUncached(writeTemp(reversed))).map(\.index) == [0])
    }

    @Test func sharedImagesWithoutTheConventionAreNormal() throws {
        // VQA style: several questions about one image, no ids tied to file names.
        let text = "[" + [sample("1", "images/chart.png"), sample("2", "images/chart.png"), sample("3", "images/chart.png")].joined(separator: ",\n") + "]"
        #expect(DatasetLinter.findings(in: try openUncached(writeTemp(text))).isEmpty)
        // Duplicate ids are always reported, the later one when neither follows the convention.
        let ids = "[" + [sample("7", "a.png"), sample("7", "b.png")].joined(separator: ",\n") + "]"
        #expect(DatasetLinter.findings(in: try openUncached(writeTemp(ids))).map(\.index) == [1])
    }

    @Test func streamingWithoutADataset() {
        var linter = DatasetLinter(kinds: [.duplicateID])
        #expect(linter.check(index: 0, id: "x", images: ["x.jpg"]).isEmpty)
        #expect(linter.check(index: 1, id: "x", images: ["y.jpg"]).map(\.index) == [1])
        #expect(linter.check(index: 2, id: nil, images: ["x.jpg"]).isEmpty)
    }

    /// The real files raise no role-name finding (ShareGPT's user/assistant, LLaVA's
    /// human/gpt) and, as measured, no finding at all.
    @Test(.enabled(if: realSamplesFolder() != nil, realSamplesReason))
    func realSamplesRaiseNoFalseAlarms() throws {
        let folder = try #require(realSamplesFolder())
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { ["json", "jsonl"].contains($0.pathExtension) } ?? []
        #expect(files.count >= 4)
        for file in files {
            let data = try openUncached(file.path)
            var all: [LintFinding] = []
            for index in 0..<data.count { all += SampleLinter().lint(try data.sample(at: index).get()) }
            all += DatasetLinter.findings(in: data).map(\.finding)
            #expect(!all.contains { $0.kind == .badRoleName }, "\(file.lastPathComponent)")
            #expect(all.isEmpty, "\(file.lastPathComponent): \(all.map(\.message))")
        }
    }

    /// A small clean file from the generator (when python3 and jieba are installed) raises
    /// nothing, and one with injected defects is caught.
    @Test(.enabled(if: LintDatasetTests.generator != nil && LintDatasetTests.hasJieba(),
                   "needs ../shared/datagen/make_llava_zh.py beside the checkout and python3 with jieba"))
    func generatedFile() throws {
        let path = try #require(Self.generator)
        let dir = makeTempDir()
        let clean = dir.appendingPathComponent("clean.json").path
        // One worker (no multiprocessing pool), posix_spawn and waitpid rather than Process,
        // and a time limit: a pooled run under the parallel test runner once hung.
        try #require(Self.runQuietly(["python3", path, "-n", "300", "--seed", "11", "--jobs", "1", "--quiet", "-o", clean]),
                     "the generator failed")
        let data = try openUncached(clean)
        #expect(data.count == 300)
        var found: [String] = []
        for index in 0..<data.count { found += SampleLinter().lint(try data.sample(at: index).get()).map { "\(index): \($0.message)" } }
        found += DatasetLinter.findings(in: data).map { "\($0.index): \($0.finding.message)" }
        #expect(found.isEmpty, "\(found.prefix(5))")
    }

    /// `../shared/datagen/make_llava_zh.py` beside the checkout, when it is there.
    static let generator: String? = {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/datagen/make_llava_zh.py")
        return FileManager.default.fileExists(atPath: script.path) ? script.path : nil
    }()

    static func hasJieba() -> Bool { runQuietly(["python3", "-c", "import jieba"], timeout: 20) }

    /// Runs `argv` through /usr/bin/env with stdio on /dev/null; true when it exits 0 in time.
    static func runQuietly(_ argv: [String], timeout: Double = 60) -> Bool {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
        let args = (["/usr/bin/env"] + argv).map { strdup($0) } + [nil]
        defer { for a in args { free(a) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/usr/bin/env", &actions, nil, args, environ) == 0 else { return false }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { return (status & 0x7F) == 0 && ((status >> 8) & 0xFF) == 0 }
            if r < 0 { return false }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        return false
    }
}
