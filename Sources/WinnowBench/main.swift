import Foundation

// `winnow-bench SUBCOMMAND ARGS...`: each benchmark lives in its own file and registers here.
let benchmarks: [(name: String, summary: String, run: ([String]) -> Int32)] = [
    ("index", "index FILE [--runs N]: indexing vs a memchr scan, warm-cache start, RssAnon", IndexBenchmark.run),
    ("open-sample", "open-sample FILE INDEX: open with the cache and decode one sample (used by index)", IndexBenchmark.openSample),
    ("merge", "merge [--dataset PATH] [--decisions N]: merge with a journal vs cp", { MergeBenchmark.run(["merge"] + $0); return 0 }),
    ("replay", "replay [--entries N]: replay a journal", { JournalBenchmarks.replay(["replay"] + $0); return 0 }),
    ("lint", "lint FILE GROUNDTRUTH [--full PATH] [--limit N] [--show-misses]: lint precision/recall, throughput vs decode", LintBenchmark.run),
    ("append", "append [--count N]: fsynced appends per second", { JournalBenchmarks.append(["append"] + $0); return 0 }),
    ("ui", "ui [--dataset PATH] [--count N]: key press to finished frame in the UI layer", { UIBenchmark.run(["ui"] + $0); return 0 }),
]

let arguments = Array(CommandLine.arguments.dropFirst())
if let name = arguments.first, let bench = benchmarks.first(where: { $0.name == name }) {
    exit(bench.run(Array(arguments.dropFirst())))
}
var usage = "usage: winnow-bench SUBCOMMAND ...\n"
for bench in benchmarks { usage += "  \(bench.summary)\n" }
FileHandle.standardError.write(Data(usage.utf8))
exit(64)
