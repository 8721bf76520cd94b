import Foundation
import WinnowCore
import WinnowUI

/// `winnow-bench adjudicate DATASET [--decisions N] [--reviewers R] [--runs K]`: the adjudication
/// screen's first frame (read and replay R reviewer journals, find the conflicts, open the
/// adjudicator's journal, build the screen, draw 80x24) against the plain review screen's first
/// frame in the same run (open one reviewer's journal, build the screen, draw 80x24). The
/// journals are the ones `winnow-bench agree` writes. Prints the split, so the share of the
/// shared journal reader and replay is visible apart from the screen's own work.
enum AdjudicateBenchmark {
    static func run(_ args: [String]) -> Int32 {
        guard let path = args.first, !path.hasPrefix("--") else {
            BenchSupport.fail("usage: winnow-bench adjudicate DATASET [--decisions N] [--reviewers R] [--runs K]")
        }
        let (dataset, openTime) = BenchSupport.openDataset(path)
        let count = min(dataset.count, Int(BenchSupport.option(args, "--decisions") ?? "") ?? dataset.count)
        let reviewers = max(2, Int(BenchSupport.option(args, "--reviewers") ?? "") ?? 3)
        let runs = max(1, Int(BenchSupport.option(args, "--runs") ?? "") ?? 3)
        print("dataset: \(path), \(dataset.count) samples, opened in \(String(format: "%.2f", openTime)) s")
        let dir = BenchSupport.tempDir(near: path)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = (0..<reviewers).map { dir + "/r\($0).jsonl" }
        let t0 = BenchSupport.now()
        AgreeBenchmark.makeJournals(paths, dataset: dataset, count: count)
        print("wrote \(reviewers) journals x \(count) decisions in \(String(format: "%.1f", BenchSupport.now() - t0)) s")
        let (keymap, _) = KeymapLoader.load(base: "default", userFile: nil)
        func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }
        func both(_ wall: Double, _ cpu: Double) -> String { String(format: "%.0f ms (CPU %.0f ms)", wall * 1000, cpu * 1000) }

        // Baseline: the plain review screen over one reviewer's journal.
        var plain = Double.infinity, plainJournal = 0.0, plainScreen = 0.0
        var plainCPU = (journal: 0.0, screen: 0.0)
        for _ in 0..<runs {
            let c1 = cpu()
            let t1 = BenchSupport.now()
            guard let log = try? Journal.open(path: paths[0], dataset: dataset, reviewer: "r0", mode: .readOnly) else {
                BenchSupport.fail("cannot open the generated journal")
            }
            let t2 = BenchSupport.now()
            let c2 = cpu()
            let app = ReviewApp(source: dataset, journal: log, keymap: keymap)
            _ = app.handle(.resize(width: 80, height: 24))
            let grid = app.render(width: 80, height: 24)
            let t3 = BenchSupport.now()
            let c3 = cpu()
            log.close()
            if grid.rows.isEmpty { BenchSupport.fail("no frame") }
            if t3 - t1 < plain { plain = t3 - t1; plainJournal = t2 - t1; plainScreen = t3 - t2; plainCPU = (c2 - c1, c3 - c2) }
        }

        var best = Double.infinity
        var split = (read: 0.0, replay: 0.0, conflicts: 0.0, screen: 0.0)
        var splitCPU = (read: 0.0, replay: 0.0, conflicts: 0.0, screen: 0.0)
        var conflicts = 0
        var header = ""
        for run in 0..<runs {
            let adjPath = dir + "/adj\(run).jsonl"
            let c1 = cpu()
            let t1 = BenchSupport.now()
            var contents: [JournalContents] = []
            for result in TeamJournals.read(paths) {
                guard case .success(let c) = result else { BenchSupport.fail("cannot read the generated journals") }
                contents.append(c)
            }
            let t2 = BenchSupport.now()
            let c2 = cpu()
            guard let team = try? TeamJournals(contents, dataset: dataset) else { BenchSupport.fail("cannot replay") }
            let t3 = BenchSupport.now()
            let c3 = cpu()
            let adjudication = Adjudication(team.reviewers, on: .reasons, original: { i in
                if case .success(let s) = dataset.sample(at: i) { return s.turns }
                return nil
            }, id: { dataset.id(at: $0) ?? "#\($0)" })
            let t4 = BenchSupport.now()
            let c4 = cpu()
            guard let log = try? Journal.open(path: adjPath, dataset: dataset, reviewer: "judy", mode: .readWrite) else {
                BenchSupport.fail("cannot open the adjudicator's journal")
            }
            var options = ReviewOptions()
            options.baseOrder = adjudication.conflicts.map(\.index)
            options.reviewer = "judy"
            options.journalName = "adj.jsonl"
            let app = ReviewApp(source: dataset, journal: log, keymap: keymap, options: options)
            app.adjudication = AdjudicationContext(adjudication)
            _ = app.handle(.resize(width: 80, height: 24))
            let grid = app.render(width: 80, height: 24)
            let t5 = BenchSupport.now()
            let c5 = cpu()
            log.close()
            conflicts = adjudication.conflicts.count
            header = grid.rows.first ?? ""
            if t5 - t1 < best {
                best = t5 - t1
                split = (t2 - t1, t3 - t2, t4 - t3, t5 - t4)
                splitCPU = (c2 - c1, c3 - c2, c4 - c3, c5 - c4)
            }
        }
        var load = [0.0, 0.0, 0.0]
        getloadavg(&load, 3)
        print("conflicts: \(conflicts) of \(count) samples; first row: \(header.trimmingCharacters(in: .whitespaces))")
        print("plain review first frame (best of \(runs)): \(ms(plain)) = open the reviewer's journal \(both(plainJournal, plainCPU.journal))"
              + " + screen and frame \(both(plainScreen, plainCPU.screen))")
        print("adjudication first frame (best of \(runs)): \(ms(best)) = read journals \(both(split.read, splitCPU.read))"
              + " + replay \(both(split.replay, splitCPU.replay)) + find conflicts \(both(split.conflicts, splitCPU.conflicts))"
              + " + adjudicator's journal, screen and frame \(both(split.screen, splitCPU.screen))")
        print("  (CPU: the process's user + system time, all threads; wall times on a loaded machine are mostly other processes' time)")
        print(String(format: "  load average during the run: %.1f (on %d cores)", load[0], ProcessInfo.processInfo.activeProcessorCount))
        let own = split.conflicts + split.screen
        print(String(format: "adjudicate: first frame %.0f ms (target <= 100 ms), ratio %.1fx the plain review screen's; "
                     + "without reading and replaying the journals (the shared reader) %.0f ms, ratio %.1fx",
                     best * 1000, best / max(plain, 1e-9), own * 1000, own / max(plain, 1e-9)))
        let screenCPU = splitCPU.screen, plainScreenCPU = plainCPU.screen
        print(String(format: "adjudicate: screen and frame once the conflicts are known: CPU %.0f ms vs the plain review screen's %.0f ms (ratio %.2fx)",
                     screenCPU * 1000, plainScreenCPU * 1000, screenCPU / max(plainScreenCPU, 1e-9)))
        return best <= 0.1 ? 0 : 1
    }

    /// The process's CPU time (user + system, every thread), in seconds.
    static func cpu() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
