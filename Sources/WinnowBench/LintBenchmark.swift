import Foundation
import WinnowCore

/// `winnow-bench lint FILE GROUNDTRUTH [--full PATH] [--limit N]`: per-kind precision and
/// recall of the content lints against a generator's `.defects.jsonl`, then lint throughput on
/// the full dataset against plain decoding in the same run.
enum LintBenchmark {
    /// Generator defect names -> the lint kind that should catch them (ocr_mismatch has none).
    static let kindForDefect: [String: LintKind] = [
        "role_prefix": .leakedPrefix, "missing_image_token": .missingImageToken,
        "image_token_in_gpt": .imageTokenInAnswer, "duplicate_image_token": .duplicateImageToken,
        "empty_value": .emptyTurn, "truncated": .truncated, "english_answer": .wrongLanguage,
        "duplicate_image": .duplicateImage, "duplicate_id": .duplicateID, "repetition_loop": .repetitionLoop,
        "roles_not_alternating": .rolesNotAlternating, "bad_role_name": .badRoleName, "mojibake": .mojibake,
        "invisible_chars": .invisibleChar,
    ]

    static func run(_ args: [String]) -> Int32 {
        let positional = args.filter { !$0.hasPrefix("--") && !isOptionValue($0, in: args) }
        guard positional.count >= 2 else {
            FileHandle.standardError.write(Data("usage: winnow-bench lint FILE GROUNDTRUTH [--full PATH] [--limit N] [--show-misses]\n".utf8))
            return 64
        }
        let (small, _) = BenchSupport.openDataset(positional[0])
        guard let truth = readTruth(positional[1]) else { BenchSupport.fail("cannot read \(positional[1])") }
        accuracy(small, truth: truth, showMisses: args.contains("--show-misses"))
        // Throughput is optional here: precision and recall above stand on their own.
        guard let fullPath = BenchSupport.option(args, "--full")
                ?? ProcessInfo.processInfo.environment["WINNOW_BENCH_DATASET"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            print("throughput: skipped (pass --full PATH or set WINNOW_BENCH_DATASET)")
            return 0
        }
        guard FileManager.default.fileExists(atPath: fullPath) else {
            print("throughput: skipped (\(fullPath) not found)")
            return 0
        }
        let limit = BenchSupport.option(args, "--limit").flatMap(Int.init)
        throughput(fullPath, limit: limit)
        return 0
    }

    private static func isOptionValue(_ arg: String, in args: [String]) -> Bool {
        guard let i = args.firstIndex(of: arg), i > 0 else { return false }
        return ["--full", "--limit"].contains(args[i - 1])
    }

    /// index -> lint kinds the ground truth expects.
    static func readTruth(_ path: String) -> [Int: Set<LintKind>]? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var truth: [Int: Set<LintKind>] = [:]
        for line in text.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let index = object["index"] as? Int, let defects = object["defects"] as? [String] else { continue }
            truth[index, default: []].formUnion(defects.compactMap { kindForDefect[$0] })
        }
        return truth
    }

    static func accuracy(_ data: Dataset, truth: [Int: Set<LintKind>], showMisses: Bool) {
        let linter = SampleLinter()
        var cross = DatasetLinter(dataset: data)
        var flagged: [LintKind: Set<Int>] = [:]
        var messages: [Int: [LintFinding]] = [:]
        for index in 0..<data.count {
            guard case .success(let sample) = data.sample(at: index) else { continue }
            for f in linter.lint(sample) { flagged[f.kind, default: []].insert(index); messages[index, default: []].append(f) }
            for f in cross.check(sample) { flagged[f.finding.kind, default: []].insert(f.index); messages[f.index, default: []].append(f.finding) }
        }
        print("accuracy on \(data.path) (\(data.count) samples, \(truth.count) with injected defects); per sample:")
        print("kind                    truth flagged  hits  precision  recall")
        var allTruth = 0, allFlagged = 0, allHits = 0
        for kind in LintKind.allCases {
            let expected = Set(truth.compactMap { $0.value.contains(kind) ? $0.key : nil })
            let got = flagged[kind] ?? []
            let hits = got.intersection(expected).count
            allTruth += expected.count; allFlagged += got.count; allHits += hits
            let precision = got.isEmpty ? "-" : String(format: "%.3f", Double(hits) / Double(got.count))
            let recall = expected.isEmpty ? "-" : String(format: "%.3f", Double(hits) / Double(expected.count))
            print("\(kind.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)) \(pad(expected.count, 6)) \(pad(got.count, 7)) \(pad(hits, 5)) \(pad(precision, 10)) \(pad(recall, 7))")
            if showMisses {
                for i in got.subtracting(expected).sorted().prefix(5) {
                    let m = messages[i]?.first { $0.kind == kind }?.message ?? ""
                    print("    false alarm \(i): \(m.debugDescription)")
                }
                for i in expected.subtracting(got).sorted().prefix(5) { print("    missed \(i)") }
            }
        }
        print(String(format: "all kinds: %d expected, %d flagged, %d hits: precision %.3f, recall %.3f",
                     allTruth, allFlagged, allHits, Double(allHits) / Double(max(1, allFlagged)), Double(allHits) / Double(max(1, allTruth))))
    }

    static func throughput(_ path: String, limit: Int?) {
        let (data, openTime) = BenchSupport.openDataset(path)
        let n = min(data.count, limit ?? data.count)
        print(String(format: "throughput on %@ (%d samples; open %.2f s)", path, n, openTime))
        // Plain decode, then decode + every lint, in the same process and page-cache state.
        var t0 = BenchSupport.now()
        var turns = 0
        for index in 0..<n { if case .success(let s) = data.sample(at: index) { turns += s.turns.count } }
        let decode = BenchSupport.now() - t0
        let linter = SampleLinter()
        var cross = DatasetLinter(dataset: data)
        var findings = 0
        var lintOnly = 0.0
        t0 = BenchSupport.now()
        for index in 0..<n {
            guard case .success(let s) = data.sample(at: index) else { continue }
            let l0 = BenchSupport.now()
            findings += linter.lint(s).count
            lintOnly += BenchSupport.now() - l0
            findings += cross.check(s).count
        }
        let both = BenchSupport.now() - t0
        print(String(format: "decode only:        %.2f s, %.0f samples/s (%d turns)", decode, Double(n) / decode, turns))
        print(String(format: "decode + lint:      %.2f s, %.0f samples/s (%d findings); ratio to decode only %.2fx",
                     both, Double(n) / both, findings, both / decode))
        print(String(format: "SampleLinter.lint alone: %.2f s, %.1f us per sample", lintOnly, lintOnly / Double(n) * 1e6))
        // What `winnow lint` now does: decode once and lint on every core, window by window;
        // the cross-sample checks stay in index order on one thread.
        var cross2 = DatasetLinter(dataset: data)
        var parallelFindings = 0
        t0 = BenchSupport.now()
        for start in stride(from: 0, to: n, by: 4096) {
            for done in linter.lintWindow(data, start..<min(n, start + 4096)) {
                parallelFindings += done.findings.count
                if case .success(let s) = done.sample { parallelFindings += cross2.check(s).count }
            }
        }
        let parallel = BenchSupport.now() - t0
        print(String(format: "decode + lint, all cores (winnow lint): %.2f s (%d findings, same: %@); ratio to decode only %.2fx, to one core %.2fx (goal <= 10 s on 641,868 samples)",
                     parallel, parallelFindings, parallelFindings == findings ? "yes" : "NO", parallel / decode, parallel / both))
    }

    private static func pad(_ value: Any, _ width: Int) -> String {
        let s = "\(value)"
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }
}
