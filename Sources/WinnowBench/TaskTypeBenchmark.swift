import Foundation
import WinnowCore
import WinnowUI

/// `winnow-bench types FILE [--decode-sample N]`: issue 14's `T` and `--stratify type` from
/// a warm index. Prints the first frame of the filtered view after `T`, the whole filter, and
/// every task type at once (what `--stratify type` asks for), next to two baselines measured
/// in the same run: the memchr floor over the file and decoding samples (main's way, timed on
/// a spread subset and scaled to the file).
enum TaskTypeBenchmark {
    static func run(_ args: [String]) -> Int32 {
        guard let path = args.first else {
            FileHandle.standardError.write(Data("usage: winnow-bench types FILE [--decode-sample N]\n".utf8))
            return 64
        }
        let decodeSample = BenchSupport.option(args, "--decode-sample").flatMap { Int($0) } ?? 20_000
        guard let (floor, _) = IndexBenchmark.memchrScan(path), let (floor2, _) = IndexBenchmark.memchrScan(path) else {
            print("cannot map \(path)")
            return 65
        }
        let memchrFloor = min(floor, floor2)
        // Warm index: build the cache if needed, then time opening with it.
        do { _ = try Dataset.open(path: path) } catch { print("cannot open: \(error)"); return 65 }
        let openStart = DispatchTime.now()
        let dataset: Dataset
        do { dataset = try Dataset.open(path: path) } catch { print("cannot open: \(error)"); return 65 }
        let open = IndexBenchmark.seconds(since: openStart)
        let n = dataset.count
        print("file: \(path), \(n) samples; warm open \(String(format: "%.3f", open)) s (cache: \(dataset.indexWasCached ? "yes" : "no"))")
        print(String(format: "baseline memchr scan for '\"': %.3f s", memchrFloor))

        // Baseline: decoding (what T and --stratify did per sample before), on a spread subset.
        let step = max(1, n / max(1, decodeSample))
        var decoded = 0
        let decodeStart = DispatchTime.now()
        var i = 0
        while i < n {
            if case .success(let s) = dataset.sample(at: i) { _ = s.taskType }
            decoded += 1
            i += step
        }
        let decodeAll = IndexBenchmark.seconds(since: decodeStart) * Double(n) / Double(max(1, decoded))
        print(String(format: "baseline decode every sample for its type (one core, from %d samples): %.2f s", decoded, decodeAll))

        // --stratify type: every type at once, on every core.
        let typesStart = DispatchTime.now()
        let types = dataset.taskTypes()
        let allTypes = IndexBenchmark.seconds(since: typesStart)
        var tally: [TaskType: Int] = [:]
        for t in types { if let t { tally[t, default: 0] += 1 } }
        print(String(format: "--stratify type (Dataset.taskTypes, all cores): %.3f s = %.2fx the memchr floor, %.3fx the decode (target <= 1 s)",
                     allTypes, allTypes / memchrFloor, allTypes / decodeAll))
        print("  " + TaskType.allCases.map { "\($0.rawValue) \(tally[$0] ?? 0)" }.joined(separator: ", "))

        // T in the review screen: key press to the first frame of the filtered view, then
        // idle ticks until the filter has seen every sample.
        let (keymap, _) = KeymapLoader.load(base: "default", userFile: nil)
        let app = ReviewApp(source: dataset, journal: UIBenchmark.MemoryLog(), keymap: keymap)
        _ = app.handle(.resize(width: 120, height: 40))
        _ = app.render(width: 120, height: 40)
        let keyStart = DispatchTime.now()
        _ = app.handle(.key(.char("T")))
        _ = app.render(width: 120, height: 40)
        let firstFrame = IndexBenchmark.seconds(since: keyStart)
        while app.tick() == .redraw { _ = app.render(width: 120, height: 40) }
        let whole = IndexBenchmark.seconds(since: keyStart)
        print(String(format: "T (filter by type): first frame %.1f ms (target <= 1 s); whole filter %.3f s = %.2fx the memchr floor, %.3fx the decode",
                     firstFrame * 1000, whole, whole / memchrFloor, whole / decodeAll))
        return 0
    }
}
