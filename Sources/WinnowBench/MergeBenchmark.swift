import Foundation
import WinnowCore

/// `winnow-bench merge`: merge of the full-scale file with a 10,000-decision journal, against
/// `cp` of the same file in the same run.
enum MergeBenchmark {
    static func run(_ args: [String]) {
        let path = BenchSupport.fullDataset(args)
        let count = Int(BenchSupport.option(args, "--decisions") ?? "") ?? 10_000
        let rounds = Int(BenchSupport.option(args, "--rounds") ?? "") ?? 3
        let (dataset, openTime) = BenchSupport.openDataset(path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print("dataset: \(path), \(dataset.count) samples, \(size / 1_000_000) MB, opened in \(String(format: "%.2f", openTime)) s")
        let dir = BenchSupport.tempDir(near: path)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let journal = dir + "/bench.winnow.jsonl"
        JournalBenchmarks.makeJournal(path: journal, dataset: dataset, count: count)
        // `winnow merge` reads its journals first; timed here on their own (best of 3).
        var bestRead = Double.infinity
        var read: JournalContents?
        for _ in 0..<3 {
            let t0 = BenchSupport.now()
            read = try? JournalReader.read(path: journal)
            bestRead = min(bestRead, BenchSupport.now() - t0)
        }
        guard let contents = read else { BenchSupport.fail("cannot read the journal") }
        print("reading the journal (\(contents.items.count) entries): best \(String(format: "%.3f", bestRead)) s")
        let out = dir + "/merged" + (PathText.fileExtension(path).isEmpty ? "" : "." + PathText.fileExtension(path))
        let copy = dir + "/copy"
        var bestCP = Double.infinity, bestMerge = Double.infinity, bestUnchecked = Double.infinity
        var cpuMerge = Double.infinity, cpuUnchecked = Double.infinity
        var summary = MergeSummary()
        // Warm the page cache once so neither side pays for the first read alone.
        _ = timeCP(path, copy)
        for _ in 0..<rounds {
            bestCP = min(bestCP, timeCP(path, copy))
            try? FileManager.default.removeItem(atPath: copy)
            // The same merge with and without reading the output back before the rename, in
            // alternation so that both see the same machine load.
            for verify in [true, false] {
                var options = MergeOptions(outputPath: out, rejectedPath: dir + "/rejected.jsonl", policy: .strict)
                options.verifyOutput = verify
                let t0 = BenchSupport.now(), c0 = cpuSeconds()
                do { summary = try Merger.merge(dataset: dataset, journals: [contents], options: options) } catch {
                    BenchSupport.fail(error.description)
                }
                let t = BenchSupport.now() - t0, c = cpuSeconds() - c0
                if verify { bestMerge = min(bestMerge, t); cpuMerge = min(cpuMerge, c) } else {
                    bestUnchecked = min(bestUnchecked, t)
                    cpuUnchecked = min(cpuUnchecked, c)
                }
                try? FileManager.default.removeItem(atPath: out)
            }
        }
        print("journal: \(count) entries: accepted \(summary.accepted), edited \(summary.edited), rejected \(summary.rejected), unreviewed \(summary.unreviewed)")
        print("cp (incl. fsync): best \(String(format: "%.2f", bestCP)) s; merge (incl. fsync): best \(String(format: "%.2f", bestMerge)) s; ratio \(String(format: "%.2f", bestMerge / bestCP)) (target <= 2.0)")
        let check = bestMerge - bestUnchecked
        print("merge without the output check: best \(String(format: "%.2f", bestUnchecked)) s; the check: \(String(format: "%.2f", check)) s; "
            + "check / merge ratio \(String(format: "%.2f", check / bestMerge)) (target <= 0.30)")
        // CPU time (user + system) as well: on a shared, loaded machine wall time mostly
        // measures waiting for a core.
        let cpuCheck = cpuMerge - cpuUnchecked
        print("CPU time: merge \(String(format: "%.2f", cpuMerge)) s, without the check \(String(format: "%.2f", cpuUnchecked)) s; "
            + "the check \(String(format: "%.2f", cpuCheck)) s; check / merge ratio \(String(format: "%.2f", cpuCheck / cpuMerge)) (target <= 0.30)")
    }

    /// User plus system CPU time of this process so far.
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// `cp SRC DST && sync DST`: merge fsyncs its output, so the copy is fsynced too.
    private static func timeCP(_ src: String, _ dst: String) -> Double {
        try? FileManager.default.removeItem(atPath: dst)
        let t0 = BenchSupport.now()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "cp \"$1\" \"$2\" && sync \"$2\"", "sh", src, dst]
        do { try p.run() } catch { BenchSupport.fail("cannot run cp: \(error)") }
        p.waitUntilExit()
        let t = BenchSupport.now() - t0
        try? FileManager.default.removeItem(atPath: dst)
        return t
    }
}
