import Foundation
import WinnowCore

/// Small helpers shared by the benchmarks.
enum BenchSupport {
    /// Seconds since an arbitrary point (monotonic).
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// The value of `--name VALUE` in `args`, if given.
    static func option(_ args: [String], _ name: String) -> String? {
        guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
        return args[i + 1]
    }

    /// A data file's path: the `option` argument, else the environment variable `variable`.
    /// There is no built-in default: a path that exists on one machine only would make the
    /// benchmark fail (or measure something else) everywhere else.
    static func dataPath(_ args: [String], option name: String, variable: String, what: String) -> String {
        if let path = option(args, name) { return path }
        if let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty { return path }
        fail("\(what): pass \(name) PATH or set \(variable) (make one with ../shared/datagen/make_llava_zh.py)")
    }

    /// The full-size dataset (`make_llava_zh.py` defaults: 641,868 samples, 1.26 GB).
    static func fullDataset(_ args: [String], option name: String = "--dataset") -> String {
        dataPath(args, option: name, variable: "WINNOW_BENCH_DATASET", what: "the full-size dataset")
    }

    /// A small dataset (a few thousand samples, e.g. `make_llava_zh.py -n 2000`).
    static func smallDataset(_ args: [String]) -> String {
        dataPath(args, option: "--dataset", variable: "WINNOW_BENCH_SMALL_DATASET", what: "a small dataset")
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("winnow-bench: \(message)\n".utf8))
        exit(1)
    }

    static func openDataset(_ path: String) -> (Dataset, Double) {
        let t0 = now()
        do {
            let d = try Dataset.open(path: path)
            return (d, now() - t0)
        } catch {
            fail(error.description)
        }
    }

    /// A fresh temporary folder beside `near` (same file system, so cp and merge compare fairly).
    static func tempDir(near: String) -> String {
        let dir = PathText.parent(near)
        let base = FileManager.default.isWritableFile(atPath: dir) ? dir : NSTemporaryDirectory()
        let path = PathText.join(base, ".winnow-bench-\(getpid())")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A deterministic pseudo-random generator (SplitMix64) so runs are comparable.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
    }
}
