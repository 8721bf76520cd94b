import Foundation

// `winnow-bench SUBCOMMAND ARGS...`: each benchmark lives in its own file and registers here.
let benchmarks: [(name: String, summary: String, run: ([String]) -> Int32)] = [
    ("index", "index FILE [--runs N]: indexing vs a memchr scan, warm-cache start, RssAnon", IndexBenchmark.run),
    ("open-sample", "open-sample FILE INDEX: open with the cache and decode one sample (used by index)", IndexBenchmark.openSample),
    ("types", "types FILE [--decode-sample N]: T and --stratify type from a warm index vs the memchr floor and decoding", TaskTypeBenchmark.run),
    ("scale", "scale FILE [--sample N] [--walk STEPS]: issue 15's figures (warm/cold open, cache bytes per sample, random walk) vs the memchr floor", ScaleBenchmark.run),
    ("scale-probe", "scale-probe FILE INDEX [--walk STEPS]: open, decode, print figures (used by scale)", ScaleBenchmark.probeMain),
    ("merge", "merge [--dataset PATH] [--decisions N]: merge with a journal vs cp ($WINNOW_BENCH_DATASET)", { MergeBenchmark.run(["merge"] + $0); return 0 }),
    ("replay", "replay [--dataset PATH] [--entries N]: replay a journal ($WINNOW_BENCH_DATASET)", { JournalBenchmarks.replay(["replay"] + $0); return 0 }),
    ("lint", "lint FILE GROUNDTRUTH [--full PATH] [--limit N] [--show-misses]: lint precision/recall, throughput vs decode ($WINNOW_BENCH_DATASET)", LintBenchmark.run),
    ("append", "append [--dataset PATH] [--count N] [--batch B]: fsynced appends per second, single and in batches ($WINNOW_BENCH_SMALL_DATASET)", { JournalBenchmarks.append(["append"] + $0); return 0 }),
    ("editor", "editor: keystroke-to-frame time in a 20,000-character turn", { EditorBenchmark.run(arguments: $0); return 0 }),
    ("image", "image FILE... [--width W --height H --runs N --256] | --sweep FOLDER: preview decode + draw timings", ImageBenchmark.run),
    ("search", "search FILE [--phrase P] [--runs N]: whole-file search for an absent phrase vs grep -F -c", SearchBenchmark.run),
    ("startup", "startup FILE [--runs N]: process start to first frame with a warm index cache", SearchBenchmark.startup),
    ("agree", "agree DATASET [--decisions N] [--reviewers R]: every agreement figure over R journals vs reading them", AgreeBenchmark.run),
    ("adjudicate", "adjudicate DATASET [--decisions N] [--reviewers R] [--runs K]: adjudication screen first frame vs the review screen's", AdjudicateBenchmark.run),
    ("ocr", "ocr FILE GROUNDTRUTH [--jobs N] [--limit N] [--no-fill] [--show-misses]: ocr-mismatch precision/recall; OCR images/s vs the tesseract CLI", OCRBenchmark.run),
    ("store", "store [--reviewers 20 --decisions 5000 --claimers 10 --samples 10000 --merge-decisions 641868 --parts decide,restart,claims,merge --spread]: team store on a local PostgreSQL", StoreBenchmark.run),
    ("ocr-pane", "ocr-pane [--count N]: next sample with the OCR pane shown vs hidden, thread CPU time", OCRPaneBenchmark.run),
    ("ui", "ui [--dataset PATH] [--count N]: key press to finished frame in the UI layer ($WINNOW_BENCH_SMALL_DATASET)", { UIBenchmark.run(["ui"] + $0); return 0 }),
]

let arguments = Array(CommandLine.arguments.dropFirst())
if let name = arguments.first, let bench = benchmarks.first(where: { $0.name == name }) {
    exit(bench.run(Array(arguments.dropFirst())))
}
var usage = "usage: winnow-bench SUBCOMMAND ...\n"
for bench in benchmarks { usage += "  \(bench.summary)\n" }
FileHandle.standardError.write(Data(usage.utf8))
exit(64)
