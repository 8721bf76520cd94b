import Foundation
import WinnowCore

/// `winnow-bench replay` and `winnow-bench append`: journal replay time and fsynced append rate.
enum JournalBenchmarks {

    /// Writes a journal of `count` mixed entries (accept, reject, edit, undo, note) for
    /// `dataset` without fsync per line (this is the fixture, not what is measured).
    static func makeJournal(path: String, dataset: Dataset, count: Int, editFraction: Int = 20, seed: UInt64 = 7) {
        var rng = BenchSupport.Random(state: seed)
        var bytes = JournalLine.header(JournalHeader(fingerprint: dataset.fingerprint, created: JournalLine.now()))
        var lastOnSample: [Int: Int] = [:]
        for seq in 1...max(1, count) {
            let index = rng.below(dataset.count)
            let roll = rng.below(100)
            var decision: Decision
            if roll < editFraction {
                decision = .edit(.turns([0: "<image>\n编辑后的问题 \(seq) 😀"]), note: nil)
            } else if roll < editFraction + 30 {
                decision = .reject(reasons: [["hallucination", "ocr", "duplicate"][rng.below(3)]], note: roll % 2 == 0 ? "note \(seq)" : nil)
            } else if roll < 95 {
                decision = .accept
            } else if let previous = lastOnSample[index] {
                decision = .undo(sequence: previous)
            } else {
                decision = .note(text: "look again", flag: nil)
            }
            lastOnSample[index] = seq
            bytes += JournalLine.entry(JournalEntry(sequence: seq, time: JournalLine.now(), reviewer: "bench", index: index,
                                                    id: dataset.id(at: index) ?? "#\(index)",
                                                    sampleHash: dataset.sampleHash(at: index), decision: decision))
        }
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    static func replay(_ args: [String]) {
        let path = BenchSupport.fullDataset(args)
        let count = Int(BenchSupport.option(args, "--entries") ?? "") ?? 100_000
        let (dataset, openTime) = BenchSupport.openDataset(path)
        print("dataset: \(path), \(dataset.count) samples, opened in \(String(format: "%.2f", openTime)) s")
        let dir = BenchSupport.tempDir(near: NSTemporaryDirectory() + "/x")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let journal = dir + "/bench.winnow.jsonl"
        makeJournal(path: journal, dataset: dataset, count: count)
        let size = (try? FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int) ?? 0
        var best = Double.infinity
        var decided = 0
        for _ in 0..<5 {
            let t0 = BenchSupport.now()
            guard let j = try? Journal.open(path: journal, dataset: dataset, reviewer: "bench", mode: .readOnly) else {
                BenchSupport.fail("cannot open the generated journal")
            }
            best = min(best, BenchSupport.now() - t0)
            decided = j.decidedCount
        }
        var bestRead = Double.infinity, bestFold = Double.infinity
        for _ in 0..<3 {
            let t0 = BenchSupport.now()
            guard let c = try? JournalReader.read(path: journal) else { BenchSupport.fail("cannot read") }
            let t1 = BenchSupport.now()
            _ = JournalReplay(contents: c, dataset: dataset, matchByID: false)
            let t2 = BenchSupport.now()
            bestRead = min(bestRead, t1 - t0)
            bestFold = min(bestFold, t2 - t1)
        }
        print("  of which: read+check+parse \(String(format: "%.1f", bestRead * 1000)) ms, match+fold \(String(format: "%.1f", bestFold * 1000)) ms")
        print("replay: \(count) entries (\(size / 1024) KiB), \(decided) samples decided: best of 5 \(String(format: "%.1f", best * 1000)) ms (target <= 300 ms)")
    }

    static func append(_ args: [String]) {
        let path = BenchSupport.smallDataset(args)
        let count = Int(BenchSupport.option(args, "--count") ?? "") ?? 1000
        let (dataset, _) = BenchSupport.openDataset(path)
        let dir = BenchSupport.tempDir(near: path)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let journalPath = dir + "/append.winnow.jsonl"
        let j: Journal
        do { j = try Journal.open(path: journalPath, dataset: dataset, reviewer: "bench", mode: .readWrite) } catch {
            BenchSupport.fail(error.description)
        }
        var rng = BenchSupport.Random(state: 1)
        let t0 = BenchSupport.now()
        for _ in 0..<count {
            let i = rng.below(dataset.count)
            do { try j.append(rng.below(2) == 0 ? .accept : .reject(reasons: ["ocr"], note: nil), index: i) } catch {
                BenchSupport.fail(error.description)
            }
        }
        let t = BenchSupport.now() - t0
        j.close()
        print("append: \(count) decisions with write+fsync each in \(String(format: "%.2f", t)) s: \(Int(Double(count) / t)) decisions/s (\(String(format: "%.2f", t / Double(count) * 1000)) ms each) on \(dir)")
        // The review screen's batches (`"`): the same decisions in batches of --batch, one
        // write and one fsync per batch, against the single appends above (same run).
        let size = max(1, Int(BenchSupport.option(args, "--batch") ?? "") ?? 100)
        let batchPath = dir + "/batch.winnow.jsonl"
        let b: Journal
        do { b = try Journal.open(path: batchPath, dataset: dataset, reviewer: "bench", mode: .readWrite) } catch {
            BenchSupport.fail(error.description)
        }
        var rng2 = BenchSupport.Random(state: 1)
        let t1 = BenchSupport.now()
        var done = 0
        while done < count {
            let n = min(size, count - done)
            let items: [(decision: Decision, index: Int)] = (0..<n).map { _ in
                let i = rng2.below(dataset.count)
                return (rng2.below(2) == 0 ? .accept : .reject(reasons: ["ocr"], note: nil), i)
            }
            do { try b.appendBatch(items) } catch { BenchSupport.fail(error.description) }
            done += n
        }
        let tb = BenchSupport.now() - t1
        b.close()
        print("append-batch: \(count) decisions in batches of \(size) in \(String(format: "%.3f", tb)) s: \(Int(Double(count) / tb)) decisions/s; \(String(format: "%.3f", tb / t)) of the single appends' time")
    }
}
