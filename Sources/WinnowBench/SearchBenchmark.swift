import Foundation
import WinnowCore

/// `search` and `startup` benchmarks for the review front end.
enum SearchBenchmark {
    /// Searches the whole file for a phrase that is not there, against `grep -F -c` for the
    /// same needle (the `\u`-escaped form in an ensure_ascii file) in the same run.
    static func run(_ args: [String]) -> Int32 {
        guard let path = args.first, !path.hasPrefix("--") else {
            BenchSupport.fail("usage: search FILE [--phrase P] [--runs N]")
        }
        let phrase = BenchSupport.option(args, "--phrase") ?? "量子纠缠火烈鸟"
        let runs = Int(BenchSupport.option(args, "--runs") ?? "3") ?? 3
        let (dataset, openTime) = BenchSupport.openDataset(path)
        let search = DatasetSearch(dataset: dataset)
        let needle = SearchPattern(phrase: phrase, style: dataset.style).needles.first ?? []
        let needleText = String(decoding: needle, as: UTF8.self)
        print("search: \(path) (\(dataset.count) samples, ensure_ascii \(dataset.style.ensureASCII), open \(String(format: "%.3f", openTime)) s)")
        print("  needle: \(needleText)")
        var ours: [Double] = []
        var greps: [Double] = []
        for _ in 0..<runs {
            let t0 = BenchSupport.now()
            let n = search.count(phrase)
            ours.append(BenchSupport.now() - t0)
            let t1 = BenchSupport.now()
            let g = grepCount(needleText, path)
            greps.append(BenchSupport.now() - t1)
            print(String(format: "  run: winnow %.3f s (%d samples) | grep -F -c %.3f s (%@ lines)",
                         ours.last ?? 0, n, greps.last ?? 0, g))
        }
        let best = ours.min() ?? 0, bestGrep = greps.min() ?? 0
        print(String(format: "  best: winnow %.3f s, grep %.3f s, ratio %.2f (target <= 1.00)",
                     best, bestGrep, bestGrep > 0 ? best / bestGrep : 0))
        return 0
    }

    static func grepCount(_ needle: String, _ path: String) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["grep", "-F", "-c", "--", needle, path]
        p.environment = ["LC_ALL": "C", "PATH": "/usr/bin:/bin"]
        let pipe = Pipe()
        p.standardOutput = pipe
        do { try p.run() } catch { return "?" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Time from process start to the first rendered frame: runs the `winnow` binary next to
    /// this one with the hidden `--bench-first-frame` flag (open with the index cache, open
    /// the journal, render an 80x24 grid, exit) and measures the whole process.
    static func startup(_ args: [String]) -> Int32 {
        guard let path = args.first, !path.hasPrefix("--") else {
            BenchSupport.fail("usage: startup FILE [--runs N]")
        }
        let runs = Int(BenchSupport.option(args, "--runs") ?? "5") ?? 5
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let winnow = dir.appendingPathComponent("winnow").path
        let journal = NSTemporaryDirectory() + "winnow-bench-startup-\(getpid()).jsonl"
        defer { try? FileManager.default.removeItem(atPath: journal) }
        var times: [Double] = []
        for i in 0...runs {
            // posix_spawn, not Foundation's Process, whose own launch overhead (tens of ms
            // here) would be counted as ours.
            let outPath = journal + ".out"
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            let words: [String] = [winnow, "review", path, "--journal", journal, "--bench-first-frame"]
            let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
            var pid: pid_t = 0
            let t0 = BenchSupport.now()
            guard posix_spawn(&pid, winnow, &actions, nil, argv, environ) == 0 else {
                BenchSupport.fail("cannot run \(winnow)")
            }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            let t = BenchSupport.now() - t0
            posix_spawn_file_actions_destroy(&actions)
            argv.forEach { free($0) }
            let data = FileManager.default.contents(atPath: outPath) ?? Data()
            try? FileManager.default.removeItem(atPath: outPath)
            let line = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if i == 0 {
                print("startup: \(path) warm-up run (builds the index cache if missing): \(String(format: "%.1f", t * 1000)) ms")
                continue
            }
            times.append(t)
            print(String(format: "  run: %.1f ms process start to first frame (%@)", t * 1000, line))
        }
        times.sort()
        print(String(format: "  median %.1f ms, best %.1f ms (target <= 100 ms)",
                     (times.isEmpty ? 0 : times[times.count / 2]) * 1000, (times.first ?? 0) * 1000))
        return 0
    }
}
