import WinnowCore
import WinnowUI
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `winnow-bench editor`: time from a keystroke to the finished 80x24 frame while editing a
/// 20,000-character turn (budget: 5 ms per keystroke).
enum EditorBenchmark {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// CPU time of this thread: on a shared, loaded machine the wall clock also counts the
    /// time the scheduler gave other processes, which says nothing about Winnow.
    static func cpuNow() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    struct Stats {
        var samples: [Double] = []
        mutating func add(_ seconds: Double) { samples.append(seconds * 1000) }
        func line(_ name: String) -> String {
            let s = samples.sorted()
            guard !s.isEmpty else { return name }
            func pct(_ p: Double) -> Double { s[min(s.count - 1, Int(Double(s.count - 1) * p))] }
            let mean = s.reduce(0, +) / Double(s.count)
            return name.padding(toLength: 44, withPad: " ", startingAt: 0)
                + String(format: " n=%5d  mean %.3f  p50 %.3f  p99 %.3f  max %.3f ms", s.count, mean, pct(0.5), pct(0.99), s.last ?? 0)
        }
    }

    /// A turn of `count` characters: Chinese sentences with some Latin words, in paragraphs
    /// of about `paragraph` characters (0: one paragraph).
    static func makeText(count: Int, paragraph: Int) -> String {
        let sentence = Array("图中有一只橘色的猫坐在木桌上，旁边放着一个白色的 coffee cup 和几本书。")
        var chars: [Character] = []
        chars.reserveCapacity(count)
        var i = 0
        while chars.count < count {
            if paragraph > 0 && chars.count > 0 && chars.count % paragraph == 0 { chars.append("\n") }
            chars.append(sentence[i % sentence.count])
            i += 1
        }
        return String(chars)
    }

    static func frame(_ session: inout EditorSession, width: Int, height: Int) -> ScreenGrid {
        session.fit(width: width, height: height)
        var grid = ScreenGrid(width: width, height: height)
        session.render(into: &grid, row: 0, column: 0, width: width, height: height)
        return grid
    }

    static func scenario(_ name: String, text: String, keys: Int, width: Int = 80, height: Int = 24,
                         setup: (inout EditorSession) -> Void,
                         key: (inout EditorSession, Int) -> Void) -> Stats {
        guard var session = EditorSession(sampleIndex: 0, turns: [Turn(role: .gpt, roleName: "gpt", text: text)],
                                          width: width) else { return Stats() }
        setup(&session)
        _ = frame(&session, width: width, height: height)
        var stats = Stats()
        var sink = 0
        for k in 0..<keys {
            let t0 = now()
            key(&session, k)
            let grid = frame(&session, width: width, height: height)
            stats.add(now() - t0)
            sink &+= grid.cursor?.column ?? 0
        }
        if sink == -1 { print("") }
        print(stats.line(name))
        return stats
    }

    /// The real thing: `ReviewApp.handle` of a key press plus `ReviewApp.render(80, 24)`,
    /// header, footer and all.
    static func appScenario(_ name: String, text: String, keys: Int) -> Stats {
        let sample = Sample(index: 0, id: "s0", idIsSynthetic: false, images: [],
                            turns: [Turn(role: .human, roleName: "human", text: "图中有什么？"),
                                    Turn(role: .gpt, roleName: "gpt", text: text)],
                            taskType: .detail, taskTypeSource: .field, schema: .llava, extraFields: [],
                            problems: [], json: .null)
        let (keymap, _) = KeymapLoader.load(base: "default", userFile: nil)
        let app = ReviewApp(source: BenchSource(sample), journal: BenchLog(), keymap: keymap,
                            options: ReviewOptions(theme: .color))
        _ = app.handle(.resize(width: 80, height: 24))
        _ = app.render(width: 80, height: 24)
        _ = app.perform(.edit)
        for _ in 0..<200 { _ = app.perform(.cursorUp) }
        _ = app.render(width: 80, height: 24)
        var stats = Stats()
        var cpu = Stats()
        var sink = 0
        for k in 0..<keys {
            let t0 = now()
            let c0 = cpuNow()
            _ = app.handle(.key(.char(k % 7 == 6 ? " " : "字")))
            let grid = app.render(width: 80, height: 24)
            cpu.add(cpuNow() - c0)
            stats.add(now() - t0)
            sink &+= grid.cursor?.column ?? 0
        }
        if sink == -1 { print("") }
        print(stats.line(name))
        print(cpu.line("  same, thread CPU time"))
        // Baseline in the same run: what each key cost before (re-wrapping the paragraph).
        let turn = text
        var rewrap = Stats()
        for _ in 0..<50 {
            let c0 = cpuNow()
            _ = TextWrapper.wrap(turn, width: 76)
            rewrap.add(cpuNow() - c0)
        }
        print(rewrap.line("  baseline: re-wrap the whole turn (CPU)"))
        let p99 = cpu.samples.sorted()[min(cpu.samples.count - 1, cpu.samples.count * 99 / 100)]
        let base = rewrap.samples.sorted()[rewrap.samples.count / 2]
        print(String(format: "  frame p99 (CPU) / one whole re-wrap: %.2f", p99 / max(1e-9, base)))
        return stats
    }

    static func run(arguments: [String]) {
        let count = 20_000
        print("winnow-bench editor: \(count)-character turn, 80x24 frame, time per keystroke to the finished frame")
        let onePara = makeText(count: count, paragraph: 0)
        let paras = makeText(count: count, paragraph: 300)
        var worst = 0.0
        func middle(_ s: inout EditorSession) {
            _ = s.perform(.cursorTextStart)
            for _ in 0..<200 { _ = s.perform(.cursorDown) }
        }
        for (label, text) in [("one paragraph", onePara), ("300-char paragraphs", paras)] {
            let typing = scenario("type CJK mid-text (\(label))", text: text, keys: 2_000, setup: middle) { s, k in
                _ = s.type(k % 7 == 6 ? " " : "字")
            }
            let backspace = scenario("backspace mid-text (\(label))", text: text, keys: 1_000, setup: middle) { s, _ in
                _ = s.perform(.deleteBackward)
            }
            let down = scenario("cursor down through text (\(label))", text: text, keys: 400,
                                setup: { _ = $0.perform(.cursorTextStart) }) { s, _ in
                _ = s.perform(.cursorDown)
            }
            let right = scenario("cursor word-right (\(label))", text: text, keys: 1_000,
                                 setup: { _ = $0.perform(.cursorTextStart) }) { s, _ in
                _ = s.perform(.cursorWordRight)
            }
            let undo = scenario("undo/redo mid-text (\(label))", text: text, keys: 1_000, setup: { s in
                middle(&s)
                for k in 0..<300 { _ = s.type(k % 5 == 4 ? " " : "改") }
            }) { s, k in
                _ = s.perform(k % 2 == 0 ? .undo : .redo)
            }
            for st in [typing, backspace, down, right, undo] { worst = max(worst, st.samples.max() ?? 0) }
        }
        for (label, text) in [("one paragraph", onePara), ("300-char paragraphs", paras)] {
            let st = appScenario("whole app frame: type CJK (\(label))", text: text, keys: 1_000)
            worst = max(worst, st.samples.max() ?? 0)
        }
        let paste = String(makeText(count: 10_000, paragraph: 120))
        let pasteStats = scenario("paste 10,000 chars into the turn", text: paras, keys: 20, setup: middle) { s, _ in
            _ = s.paste(paste)
        }
        worst = max(worst, pasteStats.samples.max() ?? 0)
        print(String(format: "worst single keystroke (excluding paste): see max column; overall max %.3f ms", worst))
    }
}

/// One sample in memory.
final class BenchSource: SampleSource {
    let sample: Sample
    init(_ sample: Sample) { self.sample = sample }
    var path: String { "/bench/editor.json" }
    var count: Int { 1 }
    func sample(at index: Int) -> Result<Sample, UnreadableSample> { .success(sample) }
    func index(ofID id: String) -> Int? { nil }
}

/// A journal that keeps entries in memory (typing journals nothing anyway).
final class BenchLog: DecisionLog {
    var all: [JournalEntry] = []
    func append(_ decision: Decision, index: Int) throws(JournalError) -> JournalEntry {
        let e = JournalEntry(sequence: all.count + 1, time: "", reviewer: "", index: index, id: "", sampleHash: "",
                             decision: decision)
        all.append(e)
        return e
    }
    func review(at index: Int) -> SampleReview { .undecided }
    var decidedCount: Int { 0 }
    var entries: [JournalEntry] { all }
    var problems: [String] { [] }
}
