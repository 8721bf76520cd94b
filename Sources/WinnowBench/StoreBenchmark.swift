import Foundation
import WinnowCore
import WinnowStore

/// `winnow-bench store`: the team store on a throw-away local PostgreSQL (unix socket).
///
/// 1. `--reviewers` concurrent `winnow decide --store --from -` processes x `--decisions`
///    each, every line timed from write to its "saved" answer: lost / duplicated counts and
///    save latency p50/p99, against the same processes writing journal files.
/// 2. The same run with `pg_ctl restart -m fast` in the middle: every entry present once.
/// 3. `--claimers` concurrent claimers, overlap 2, `--samples` samples: every sample with
///    exactly 2 distinct reviewers.
/// 4. `merge` from the store with `--merge-decisions` entries against the same merge from a
///    journal file.
enum StoreBenchmark {
    static func run(_ args: [String]) -> Int32 {
        let reviewers = Int(BenchSupport.option(args, "--reviewers") ?? "") ?? 20
        let decisions = Int(BenchSupport.option(args, "--decisions") ?? "") ?? 5_000
        let claimers = Int(BenchSupport.option(args, "--claimers") ?? "") ?? 10
        let claimSamples = Int(BenchSupport.option(args, "--samples") ?? "") ?? 10_000
        let mergeDecisions = Int(BenchSupport.option(args, "--merge-decisions") ?? "") ?? 641_868
        let parts = Set((BenchSupport.option(args, "--parts") ?? "decide,restart,claims,merge").split(separator: ",").map(String.init))
        let server: ScratchPostgres
        do { server = try ScratchPostgres() } catch { BenchSupport.fail("\(error)") }
        defer { server.stop() }
        let dir = NSTemporaryDirectory() + "/winnow-bench-store-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let datasetPath = BenchSupport.option(args, "--dataset") ?? makeDataset(dir + "/bench.jsonl", count: max(decisions, claimSamples))
        let (dataset, _) = BenchSupport.openDataset(datasetPath)
        say("store bench: PostgreSQL on a unix socket (synchronous_commit on), dataset \(dataset.count) samples")
        var failed = false
        if parts.contains("decide") {
            failed = !decideRun(server: server, dataset: dataset, reviewers: reviewers, decisions: decisions, restart: false, dir: dir,
                                spread: args.contains("--spread")) || failed
        }
        if parts.contains("merge") {
            failed = !mergeRun(server: server, dataset: dataset, decisions: mergeDecisions, dir: dir) || failed
        }
        if parts.contains("restart") {
            failed = !decideRun(server: server, dataset: dataset, reviewers: reviewers, decisions: decisions, restart: true, dir: dir) || failed
        }
        if parts.contains("claims") {
            failed = !claimRun(server: server, dataset: dataset, claimers: claimers, samples: min(claimSamples, dataset.count)) || failed
        }
        return failed ? 1 : 0
    }

    static func makeDataset(_ path: String, count: Int) -> String {
        var text = ""
        text.reserveCapacity(count * 170)
        for i in 0..<count {
            text += #"{"id":"b\#(i)","image":"img/\#(i).jpg","conversations":[{"from":"human","value":"<image>\nWhat is in picture \#(i)?"},{"from":"gpt","value":"Picture \#(i) shows a cat."}]}"#
            text += "\n"
        }
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    /// A new database with the schema and the dataset registered.
    static func freshStore(_ server: ScratchPostgres, _ dataset: Dataset) -> (StoreLocation, RegisteredDataset) {
        do {
            let location = try StoreLocation(server.url(database: try server.createDatabase()))
            let c = try StoreClient(location: location)
            defer { c.close() }
            try c.migrate()
            return (location, try c.register(dataset: dataset))
        } catch { BenchSupport.fail("cannot set up the store: \(error)") }
    }

    static var winnowBinary: String {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return me.deletingLastPathComponent().appendingPathComponent("winnow").path
    }

    // MARK: 1 and 2

    static func decideRun(server: ScratchPostgres, dataset: Dataset, reviewers: Int, decisions: Int, restart: Bool, dir: String,
                          spread: Bool = false) -> Bool {
        let (location, reg) = freshStore(server, dataset)
        let n = min(decisions, dataset.count)
        let title = restart ? "decide with a restart" : (spread ? "decide (--spread: each reviewer on other samples)" : "decide")
        // Baseline: the same processes writing their own journal files (fsync per entry).
        var baseline: [Double] = []
        var baselineBare: [Double] = []
        if !restart {
            let (lat, _, wall) = drive(reviewers: reviewers, count: n, dataset: dataset.path, extra: { r in ["--journal", dir + "/r\(r).winnow.jsonl"] })
            baseline = lat
            say("  baseline, journal files: \(reviewers) x \(n) in \(String(format: "%.1f", wall)) s, p50 \(ms(pct(lat, 50))) p99 \(ms(pct(lat, 99)))")
        }
        if !restart {
            // The floor: a bare one-row INSERT, each its own committed transaction, from as
            // many connections at once, on the same server in the same run.
            let bare = bareInserts(location: location, connections: reviewers, count: min(n, 2_000))
            say("  baseline, bare INSERT round trips: \(reviewers) connections x \(min(n, 2_000)), p50 \(ms(pct(bare, 50))) p99 \(ms(pct(bare, 99)))")
            baselineBare = bare
        }
        let restartTime = Shared<Double?>(nil)
        let answered = Shared(0)
        let restartDone = DispatchSemaphore(value: 0)
        let expectedTotal = reviewers * n
        let restarter: Thread? = restart ? Thread {
            defer { restartDone.signal() }
            // In the middle of the run: once half of the decisions are saved.
            while answered.value < expectedTotal / 2 { usleep(10_000) }
            let t = BenchSupport.now()
            do { try server.restart() } catch { say("  restart failed: \(error)") }
            restartTime.value = BenchSupport.now() - t
        } : nil
        restarter?.start()
        let (lat, reported, wall) = drive(reviewers: reviewers, count: n, dataset: dataset.path, answered: answered,
                                          spread: spread, datasetCount: dataset.count,
                                          extra: { _ in ["--store", location.description] })
        if restarter != nil { restartDone.wait() }
        // What the processes left unsynced (if the restart fell at the very end) is sent now.
        for r in 0..<reviewers {
            let spool = Spool.defaultPath(datasetPath: dataset.path, reviewer: "r\(r)")
            if FileManager.default.fileExists(atPath: spool) {
                _ = try? ScratchPostgres.runProgram([winnowBinary, "store", "sync", "--store", location.description, dataset.path, "--reviewer", "r\(r)"])
            }
        }
        var rows = 0, distinctSeq = 0, distinctSample = 0
        do {
            let c = try StoreClient(location: location)
            defer { c.close() }
            for contents in try c.contents(dataset: reg) {
                rows += contents.items.count
                distinctSeq += Set(contents.items.map(\.entry.sequence)).count
                distinctSample += Set(contents.items.map(\.entry.index)).count
            }
        } catch { say("  cannot count: \(error)"); return false }
        let expected = reviewers * n
        let lost = expected - distinctSample
        let duplicated = rows - distinctSample
        let unreported = expected - reported
        let restartAt = restartTime.value
        say("  \(title): \(reviewers) x \(n) = \(expected) decisions in \(String(format: "%.1f", wall)) s (\(Int(Double(expected) / wall))/s)"
              + (restartAt.map { String(format: ", server restart took %.1f s", $0) } ?? ""))
        say("    stored \(rows) rows, lost \(lost), duplicated \(duplicated), sequence numbers reused \(rows - distinctSeq), not reported saved \(unreported)")
        say("    save latency p50 \(ms(pct(lat, 50))) p99 \(ms(pct(lat, 99))) max \(ms(lat.max() ?? 0))"
              + (restart ? " (includes the outage)" : " (target p99 <= 20 ms)"))
        if !baseline.isEmpty {
            say(String(format: "    ratio to journal files: p50 %.2f, p99 %.2f", pct(lat, 50) / max(1e-9, pct(baseline, 50)), pct(lat, 99) / max(1e-9, pct(baseline, 99))))
        }
        if !baselineBare.isEmpty {
            say(String(format: "    ratio to bare INSERT round trips: p50 %.2f, p99 %.2f", pct(lat, 50) / max(1e-9, pct(baselineBare, 50)), pct(lat, 99) / max(1e-9, pct(baselineBare, 99))))
        }
        return lost == 0 && duplicated == 0 && rows == distinctSeq
    }

    /// Times `count` single-row INSERTs (autocommit) on each of `connections` connections at once.
    static func bareInserts(location: StoreLocation, connections: Int, count: Int) -> [Double] {
        do {
            let c = try StoreClient(location: location)
            defer { c.close() }
            try c.execute("CREATE TABLE IF NOT EXISTS winnow_bench_bare (id bigserial PRIMARY KEY, v text NOT NULL)")
        } catch { say("  cannot set up the bare INSERT baseline: \(error)"); return [] }
        let all = Shared<[Double]>([])
        onThreads(connections) { r in
            guard let c = try? StoreClient(location: location) else { return }
            defer { c.close() }
            var lat: [Double] = []
            lat.reserveCapacity(count)
            for i in 0..<count {
                let t = BenchSupport.now()
                guard (try? c.execute("INSERT INTO winnow_bench_bare (v) VALUES ($1)", ["r\(r)-\(i)"], prepared: true)) != nil else { break }
                lat.append(BenchSupport.now() - t)
            }
            all.update { $0 += lat }
        }
        return all.value
    }

    static func ms(_ s: Double) -> String { String(format: "%.2f ms", s * 1000) }

    static func pct(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let i = min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)
        return sorted[max(0, i)]
    }

    /// Runs `reviewers` decide processes, each fed `count` lines one at a time; returns every
    /// line's write-to-"saved" time, how many were reported saved, and the wall time.
    static func drive(reviewers: Int, count: Int, dataset: String, answered: Shared<Int> = Shared(0),
                      spread: Bool = false, datasetCount: Int = 0,
                      extra: @escaping @Sendable (Int) -> [String]) -> ([Double], Int, Double) {
        let all = Shared<[Double]>([])
        let reported = Shared(0)
        let t0 = BenchSupport.now()
        onThreads(reviewers) { r in
            let child = Child.spawn([winnowBinary, "decide", dataset, "--reviewer", "r\(r)", "--from", "-"] + extra(r),
                                    stderrPath: ProcessInfo.processInfo.environment["WINNOW_BENCH_STDERR"] ?? "/dev/null")
            let reader = LineReaderFD(fd: child.output)
            var lat: [Double] = []
            lat.reserveCapacity(count)
            var ok = 0
            for i in 0..<count {
                // --spread: each reviewer starts at their own offset (as assigned work would),
                // instead of all deciding sample i at the same moment.
                let index = spread ? (i + r * max(1, datasetCount / max(1, reviewers))) % max(1, datasetCount) : i
                let line = #"{"index": \#(index), "decision": "\#(i % 4 == 0 ? "skip" : "accept")"}"# + "\n"
                let t = BenchSupport.now()
                child.write(line)
                guard let answer = reader.next() else { break }
                lat.append(BenchSupport.now() - t)
                answered.update { $0 += 1 }
                if answer.contains(#""saved":true"#) { ok += 1 }
            }
            child.finish()
            all.update { $0 += lat }
            reported.update { $0 += ok }
        }
        return (all.value, reported.value, BenchSupport.now() - t0)
    }

    // MARK: 3

    static func claimRun(server: ScratchPostgres, dataset: Dataset, claimers: Int, samples: Int) -> Bool {
        let (location, reg) = freshStore(server, dataset)
        do {
            let c = try StoreClient(location: location)
            defer { c.close() }
            try c.assign(dataset: reg, samples: Array(0..<samples), overlap: 2)
            let twice = Shared(0), decided = Shared(0), errors = Shared(0)
            let t0 = BenchSupport.now()
            onThreads(claimers) { n in
                do {
                    let j = try StoreJournal.open(location: location, dataset: dataset, reviewer: "c\(n)")
                    defer { j.close() }
                    let claimer = try StoreClient(location: location)
                    defer { claimer.close() }
                    var seen = Set<Int>()
                    var mine = 0, again = 0
                    while true {
                        let batch = try claimer.claim(dataset: reg, reviewer: "c\(n)", batch: 10, leaseSeconds: 300)
                        if batch.isEmpty { break }
                        for i in batch {
                            if !seen.insert(i).inserted { again += 1 }
                            try j.append(.accept, index: i)
                            mine += 1
                        }
                    }
                    twice.update { $0 += again }
                    decided.update { $0 += mine }
                } catch {
                    errors.update { $0 += 1 }
                    say("  claimer c\(n): \(error)")
                }
            }
            let wall = BenchSupport.now() - t0
            let (twiceN, decidedN, errorsN) = (twice.value, decided.value, errors.value)
            let done = try c.doneReviewers(dataset: reg)
            var perSample: [Int: Set<String>] = [:]
            for contents in try c.contents(dataset: reg) {
                for item in contents.items { perSample[item.entry.index, default: []].insert(item.entry.reviewer) }
            }
            let exact = (0..<samples).filter { done[$0]?.count == 2 && perSample[$0]?.count == 2 }.count
            say("  claims: \(claimers) claimers, overlap 2, \(samples) samples: \(decidedN) reviews in \(String(format: "%.1f", wall)) s "
                  + "(\(Int(Double(decidedN) / wall))/s); samples with exactly 2 distinct reviewers \(exact)/\(samples); "
                  + "a sample given twice to one reviewer: \(twiceN); errors \(errorsN)")
            return exact == samples && twiceN == 0 && errorsN == 0
        } catch { say("  claims failed: \(error)"); return false }
    }

    // MARK: 4

    static func mergeRun(server: ScratchPostgres, dataset: Dataset, decisions: Int, dir: String) -> Bool {
        let (location, reg) = freshStore(server, dataset)
        let journal = dir + "/merge.winnow.jsonl"
        JournalBenchmarks.makeJournal(path: journal, dataset: dataset, count: decisions)
        do {
            let contents = try JournalReader.read(path: journal)
            let c = try StoreClient(location: location)
            defer { c.close() }
            let t0 = BenchSupport.now()
            let entries = contents.items.map(\.entry)
            var start = 0
            while start < entries.count {
                let end = min(entries.count, start + 5000)
                try c.send(batch: Array(entries[start..<end]), dataset: reg, host: "bench")
                start = end
            }
            let push = BenchSupport.now() - t0
            let out = dir + "/merged.jsonl"
            var bestFile = Double.infinity, bestStore = Double.infinity
            var fileSummary = MergeSummary(), storeSummary = MergeSummary()
            for _ in 0..<2 {
                var t = BenchSupport.now()
                let fromFile = try JournalReader.read(path: journal)
                fileSummary = try Merger.merge(dataset: dataset, journals: [fromFile], options: MergeOptions(outputPath: out, policy: .latest))
                bestFile = min(bestFile, BenchSupport.now() - t)
                try? FileManager.default.removeItem(atPath: out)
                t = BenchSupport.now()
                let fromStore = try c.contents(dataset: reg)
                storeSummary = try Merger.merge(dataset: dataset, journals: fromStore, options: MergeOptions(outputPath: out, policy: .latest))
                bestStore = min(bestStore, BenchSupport.now() - t)
                try? FileManager.default.removeItem(atPath: out)
            }
            let same = fileSummary.accepted == storeSummary.accepted && fileSummary.rejected == storeSummary.rejected
                && fileSummary.edited == storeSummary.edited
            say("  merge: \(decisions) decisions (pushed in \(String(format: "%.1f", push)) s): from the journal file best \(String(format: "%.2f", bestFile)) s, "
                  + "from the store best \(String(format: "%.2f", bestStore)) s; ratio \(String(format: "%.2f", bestStore / bestFile)) (target <= 2.0); same result: \(same)")
            return same
        } catch { say("  merge failed: \(error)"); return false }
    }
}

/// Lines from a file descriptor, as they arrive.
final class LineReaderFD {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    init(fd: Int32) { self.fd = fd }

    func next() -> String? {
        while true {
            if let nl = buffer[start...].firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[start..<nl], as: UTF8.self)
                start = nl + 1
                if start > 65536 { buffer.removeSubrange(0..<start); start = 0 }
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }
}

/// A value shared between threads behind a lock.
final class Shared<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ v: T) { stored = v }
    var value: T {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
    func update(_ body: (inout T) -> Void) { lock.withLock { body(&stored) } }
}

/// A child process with its stdin and stdout on pipes made close-on-exec, so that children
/// started at the same time never hold each other's stdin open (which would keep a
/// `decide --from -` waiting for an end of input that never comes).
final class Child {
    let pid: pid_t
    let input: Int32
    let output: Int32

    private init(pid: pid_t, input: Int32, output: Int32) { self.pid = pid; self.input = input; self.output = output }

    private static let spawnLock = NSLock()

    static func spawn(_ arguments: [String], stderrPath: String = "/dev/null") -> Child {
        // pipe2 is not visible from Swift here: pipe + FD_CLOEXEC, with spawns one at a time
        // so no other child is started between the two.
        spawnLock.lock()
        defer { spawnLock.unlock() }
        var inPipe: [Int32] = [0, 0], outPipe: [Int32] = [0, 0]
        guard pipe(&inPipe) == 0, pipe(&outPipe) == 0 else { BenchSupport.fail("pipe: \(errno)") }
        for fd in inPipe + outPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        guard rc == 0 else { BenchSupport.fail("cannot run \(arguments[0]): errno \(rc)") }
        close(inPipe[0])
        close(outPipe[1])
        return Child(pid: pid, input: inPipe[1], output: outPipe[0])
    }

    func write(_ text: String) {
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(input, $0.baseAddress.map { $0 + done }, $0.count - done) }
            if n < 0 { if errno == EINTR { continue }; return }
            done += n
        }
    }

    /// Closes stdin and waits for the exit.
    func finish() {
        close(input)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        close(output)
    }
}

/// Runs `body(0..<count)` on `count` threads at once (`concurrentPerform` would run only as
/// many at a time as there are cores, which is not "20 concurrent reviewers").
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for i in 0..<count {
        group.enter()
        let t = Thread {
            body(i)
            group.leave()
        }
        t.stackSize = 1 << 20
        t.start()
    }
    group.wait()
}

/// Prints a line at once (stdout to a file would otherwise hold every figure to the end).
func say(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
