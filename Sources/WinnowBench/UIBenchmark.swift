import Foundation
import WinnowCore
import WinnowUI

/// `winnow-bench ui [--dataset PATH] [--count N]`: key press to finished frame in the UI layer
/// (handle + render into a ScreenGrid; no terminal I/O), for typical samples of a real file and
/// for a synthetic sample with a 200,000-character turn.
enum UIBenchmark {
    /// Decisions kept in memory, so the figures are the UI's and not fsync's.
    final class MemoryLog: DecisionLog {
        var all: [JournalEntry] = []
        var states: [Int: SampleReview] = [:]
        func append(_ decision: Decision, index: Int) throws(JournalError) -> JournalEntry {
            let e = JournalEntry(sequence: all.count + 1, time: "", reviewer: "bench", index: index, id: "", sampleHash: "", decision: decision)
            all.append(e)
            if case .accept = decision { states[index] = SampleReview(status: .accepted, sequence: e.sequence) }
            return e
        }
        func review(at index: Int) -> SampleReview { states[index] ?? .undecided }
        var decidedCount: Int { states.count }
        var entries: [JournalEntry] { all }
        var problems: [String] { [] }
    }

    /// One synthetic sample with a huge gpt turn.
    final class HugeSource: SampleSource {
        let path = "huge.json"
        let sample: Sample
        init(characters: Int, paragraphs: Bool) {
            let unit = "图片中有一只白色的猫，它正趴在窗台上晒太阳。窗外可以看到一棵大树和蓝天白云。The cat looks relaxed; 它的尾巴垂在窗台边上！"
            var text = ""
            text.reserveCapacity(characters * 3)
            var n = 0
            var k = 0
            while n < characters {
                text += unit
                n += unit.count
                k += 1
                if paragraphs && k % 8 == 0 { text += "\n"; n += 1 }
            }
            sample = Sample(index: 0, id: "huge", idIsSynthetic: false, images: [],
                            turns: [Turn(role: .human, roleName: "human", text: "<image>\n请详细描述这张图片。"),
                                    Turn(role: .gpt, roleName: "gpt", text: String(text.prefix(characters)))],
                            taskType: .detail, taskTypeSource: .field, schema: .llava, extraFields: [], problems: [], json: .null)
        }
        var count: Int { 1 }
        func sample(at index: Int) -> Result<Sample, UnreadableSample> { .success(sample) }
        func index(ofID id: String) -> Int? { id == "huge" ? 0 : nil }
    }

    static func run(_ args: [String]) {
        let path = BenchSupport.smallDataset(args)
        let count = Int(BenchSupport.option(args, "--count") ?? "") ?? 1000
        let (keymap, _) = KeymapLoader.load(base: "default", userFile: nil)
        print("winnow-bench ui: key press -> finished frame (handle + render), milliseconds")

        let (dataset, openTime) = BenchSupport.openDataset(path)
        print(String(format: "dataset %@: %d samples, opened in %.1f ms", path, dataset.count, openTime * 1000))
        for (w, h) in [(80, 24), (200, 60), (300, 80)] {
            let app = ReviewApp(source: dataset, journal: MemoryLog(), keymap: keymap)
            _ = app.render(width: w, height: h)
            var next: [Double] = []
            var scroll: [Double] = []
            var accept: [Double] = []
            for i in 0..<min(count, dataset.count - 1) {
                next.append(time { _ = app.handle(.key(.named(.right))); _ = app.render(width: w, height: h) })
                scroll.append(time { _ = app.handle(.key(.named(.down))); _ = app.render(width: w, height: h) })
                if i % 10 == 0 {
                    app.state.autoAdvance = false
                    accept.append(time { _ = app.handle(.key(.char("a"))); _ = app.render(width: w, height: h) })
                }
            }
            report("\(w)x\(h) next sample (decode+wrap+render)", next)
            report("\(w)x\(h) scroll one line", scroll)
            report("\(w)x\(h) accept (in-memory log)", accept)
        }

        for paragraphs in [true, false] {
            let source = HugeSource(characters: 200_000, paragraphs: paragraphs)
            let label = paragraphs ? "200k-char turn, paragraphs" : "200k-char turn, one paragraph"
            for (w, h) in [(80, 24), (200, 60)] {
                var first: [Double] = []
                var scroll: [Double] = []
                var page: [Double] = []
                var search: [Double] = []
                for _ in 0..<5 {
                    let app = ReviewApp(source: source, journal: MemoryLog(), keymap: keymap)
                    first.append(time { _ = app.handle(.resize(width: w, height: h)); _ = app.render(width: w, height: h) })
                    for _ in 0..<50 {
                        scroll.append(time { _ = app.handle(.key(.named(.down))); _ = app.render(width: w, height: h) })
                        page.append(time { _ = app.handle(.key(.named(.pageDown))); _ = app.render(width: w, height: h) })
                    }
                    app.state.searchPhrase = "尾巴"
                    search.append(time { _ = app.handle(.key(.char("b"))); _ = app.render(width: w, height: h) })
                }
                report("\(w)x\(h) \(label): first frame (wrap)", first)
                report("\(w)x\(h) \(label): scroll line (cached)", scroll)
                report("\(w)x\(h) \(label): page down (cached)", page)
                report("\(w)x\(h) \(label): to bottom + highlight", search)
            }
        }
        let text = HugeSource(characters: 200_000, paragraphs: false).sample.turns[1].text
        var wraps: [Double] = []
        for _ in 0..<5 { wraps.append(time { _ = TextWrapper.wrap(text, width: 76) }) }
        report("TextWrapper.wrap 200k chars at 76 columns", wraps)
    }

    static func time(_ body: () -> Void) -> Double {
        let t0 = BenchSupport.now()
        body()
        return (BenchSupport.now() - t0) * 1000
    }

    static func report(_ label: String, _ samples: [Double]) {
        guard !samples.isEmpty else { return }
        let s = samples.sorted()
        let median = s[s.count / 2]
        let p95 = s[min(s.count - 1, s.count * 95 / 100)]
        print(String(format: "  %-62@ n=%4d  median %7.3f  p95 %7.3f  max %7.3f", label as NSString, s.count, median, p95, s.last ?? 0))
    }
}
