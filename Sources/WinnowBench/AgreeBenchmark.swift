import Foundation
import WinnowCore

/// `winnow-bench agree DATASET [--decisions N] [--reviewers R]`: every figure of `winnow agree`
/// over R journals of N decisions each (default 3 x every sample), against the time to read the
/// journal files' bytes and split them into lines with memchr.
enum AgreeBenchmark {
    static func run(_ args: [String]) -> Int32 {
        guard let path = args.first, !path.hasPrefix("--") else {
            BenchSupport.fail("usage: winnow-bench agree DATASET [--decisions N] [--reviewers R]")
        }
        let (dataset, openTime) = BenchSupport.openDataset(path)
        let count = min(dataset.count, Int(BenchSupport.option(args, "--decisions") ?? "") ?? dataset.count)
        let reviewers = max(2, Int(BenchSupport.option(args, "--reviewers") ?? "") ?? 3)
        print("dataset: \(path), \(dataset.count) samples, opened in \(String(format: "%.2f", openTime)) s")
        let dir = BenchSupport.tempDir(near: path)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t0 = BenchSupport.now()
        let paths = (0..<reviewers).map { dir + "/r\($0).jsonl" }
        makeJournals(paths, dataset: dataset, count: count)
        let sizes = paths.map { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0 }
        print("wrote \(reviewers) journals x \(count) decisions (\(sizes.reduce(0, +) / 1_048_576) MiB) in \(String(format: "%.1f", BenchSupport.now() - t0)) s")

        var baseline = Double.infinity
        for _ in 0..<3 {
            let t = BenchSupport.now()
            var total = 0, lines = 0
            for p in paths {
                guard let data = FileManager.default.contents(atPath: p) else { continue }
                total += data.count
                // Split into lines with memchr, like the reader's first step.
                data.withUnsafeBytes { b in
                    guard let base = b.baseAddress else { return }
                    var at = 0
                    while at < b.count, let hit = memchr(base + at, 0x0A, b.count - at) {
                        lines += 1
                        at = UnsafeRawPointer(hit) - base + 1
                    }
                }
            }
            baseline = min(baseline, BenchSupport.now() - t)
            if total == 0 || lines == 0 { BenchSupport.fail("cannot read the generated journals") }
        }
        var best = Double.infinity, bestRead = 0.0, bestReplay = 0.0, bestFigures = 0.0, bestRelease = 0.0
        var bestCPU = Double.infinity
        var report: AgreementReport?
        for _ in 0..<3 {
            let c1 = cpuSeconds()
            let t1 = BenchSupport.now()
            var contents: [JournalContents] = []
            for result in TeamJournals.read(paths) {
                guard case .success(let c) = result else { BenchSupport.fail("cannot read the generated journals") }
                contents.append(c)
            }
            let t2 = BenchSupport.now()
            guard var team = try? TeamJournals(contents, dataset: dataset) else { BenchSupport.fail("cannot replay") }
            let t3 = BenchSupport.now()
            let r = AgreementReport(team.reviewers, on: .reasons, original: { i in
                if case .success(let s) = dataset.sample(at: i) { return s.turns }
                return nil
            })
            let t4 = BenchSupport.now()
            bestCPU = min(bestCPU, cpuSeconds() - c1)
            // Freeing the journals' entries and states is timed on its own (the command pays
            // it on the way out), instead of falling into whichever phase used them last.
            contents.removeAll()
            team.reviewers.removeAll()
            team.adjudicator = nil
            let t5 = BenchSupport.now()
            if t4 - t1 < best { best = t4 - t1; bestRead = t2 - t1; bestReplay = t3 - t2; bestFigures = t4 - t3; bestRelease = t5 - t4 }
            report = r
        }
        if let r = report {
            print("figures: samples \(r.samples), judgments \(r.judgments), alpha \(String(format: "%.4f", r.krippendorffAlpha.value ?? .nan)), "
                  + "Fleiss \(String(format: "%.4f", r.fleissKappa.value ?? .nan)), AC1 \(String(format: "%.4f", r.gwetAC1.value ?? .nan)), "
                  + "\(r.reasons.count) reasons, \(r.edits.map(\.samples).reduce(0, +)) edit pairs")
        }
        print(String(format: "  of which: read+check+parse %.0f ms, replay %.0f ms, figures %.0f ms; then freeing it all %.0f ms",
                     bestRead * 1000, bestReplay * 1000, bestFigures * 1000, bestRelease * 1000))
        // CPU time (user + system, all threads) of read + replay + figures: on a shared, loaded
        // machine wall time mostly measures waiting for a core.
        print(String(format: "  CPU time of read + replay + figures: best %.2f s (on %d cores; wall time on an idle machine is about this divided by the cores used)",
                     bestCPU, ProcessInfo.processInfo.activeProcessorCount))
        var load = [0.0, 0.0, 0.0]
        getloadavg(&load, 3)
        print(String(format: "  load average during the run: %.1f (on %d cores)", load[0], ProcessInfo.processInfo.activeProcessorCount))
        print(String(format: "agree: %d journals x %d decisions: best of 3 %.2f s (target <= 2 s); reading the files' bytes and splitting their lines (memchr) %.3f s; ratio %.1fx",
                     reviewers, count, best, baseline, best / max(baseline, 1e-9)))
        // The command itself, process start to exit (opening the dataset, reading, replay,
        // figures, printing and freeing), with the `winnow` binary built beside this one.
        let winnow = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("winnow").path
        var command = Double.infinity
        if FileManager.default.isExecutableFile(atPath: winnow) {
            for _ in 0..<3 {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: winnow)
                process.arguments = ["agree", path, "--json"] + paths.flatMap { ["--journal", $0] }
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                let t = BenchSupport.now()
                guard (try? process.run()) != nil else { break }
                process.waitUntilExit()
                if process.terminationStatus == 0 { command = min(command, BenchSupport.now() - t) }
            }
            print(String(format: "`winnow agree --json` process, start to exit: best of 3 %.2f s; ratio to the memchr read %.1fx", command, command / max(baseline, 1e-9)))
        } else {
            print("(no winnow binary beside winnow-bench: the command itself was not timed)")
        }
        return best <= 2 ? 0 : 1
    }

    /// User plus system CPU time of this process so far.
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// Journals in which reviewers mostly agree: a hidden true label per sample (70% accept),
    /// each reviewer flipping it 10% of the time, 2% skips, 1% edits; a decision every ~6 s.
    static func makeJournals(_ paths: [String], dataset: Dataset, count: Int) {
        var truth = BenchSupport.Random(state: 11)
        let reasons = ["hallucination", "ocr", "duplicate", "truncated"]
        var labels: [Int] = []
        labels.reserveCapacity(count)
        for _ in 0..<count { labels.append(truth.below(100) < 70 ? -1 : truth.below(reasons.count)) }
        var hashes: [String] = []
        hashes.reserveCapacity(count)
        for i in 0..<count { hashes.append(dataset.sampleHash(at: i)) }
        for (k, path) in paths.enumerated() {
            var rng = BenchSupport.Random(state: 100 + UInt64(k))
            var bytes = JournalLine.header(JournalHeader(fingerprint: dataset.fingerprint, created: "2026-11-29T00:00:00.000Z"))
            bytes.reserveCapacity(count * 190)
            var clock = 1_795_996_800.0 + Double(k)
            for i in 0..<count {
                clock += 2 + Double(rng.below(8000)) / 1000
                let roll = rng.below(100)
                var label = labels[i]
                if roll < 10 { label = label < 0 ? rng.below(reasons.count) : -1 }
                let decision: Decision
                if roll >= 98 {
                    decision = .skip
                } else if roll == 97 {
                    decision = .edit(.turns([1: "编辑 \(i % 7)"]), note: nil)
                } else if label < 0 {
                    decision = .accept
                } else {
                    decision = .reject(reasons: [reasons[label]], note: nil)
                }
                bytes += JournalLine.entry(JournalEntry(sequence: i + 1, time: stamp(clock), reviewer: "r\(k)", index: i,
                                                        id: dataset.id(at: i) ?? "#\(i)", sampleHash: hashes[i], decision: decision))
            }
            FileManager.default.createFile(atPath: path, contents: Data(bytes))
        }
    }

    /// ISO 8601 UTC with milliseconds, without a date formatter (millions of calls).
    static func stamp(_ seconds: Double) -> String {
        let ms = Int((seconds * 1000).rounded())
        var days = ms / 86_400_000
        let rest = ms % 86_400_000
        // Civil from days (Howard Hinnant).
        days += 719_468
        let era = days / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        // Digits by hand: String(format:) took most of the time of writing the journals.
        var out: [UInt8] = []
        out.reserveCapacity(24)
        func put(_ v: Int, _ width: Int) {
            var div = 1
            for _ in 1..<width { div *= 10 }
            var x = v
            for _ in 0..<width { out.append(UInt8(48 + (x / div) % 10)); x %= div; div = max(1, div / 10) }
        }
        put(y, 4); out.append(45); put(m, 2); out.append(45); put(d, 2); out.append(84)
        put(rest / 3_600_000, 2); out.append(58); put(rest / 60000 % 60, 2); out.append(58); put(rest / 1000 % 60, 2)
        out.append(46); put(rest % 1000, 3); out.append(90)
        return String(decoding: out, as: UTF8.self)
    }
}
