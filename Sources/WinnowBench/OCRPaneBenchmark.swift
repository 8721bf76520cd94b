import Foundation
import WinnowCore
import WinnowUI

/// `winnow-bench ocr-pane [--count N]`: what the OCR pane adds to a key press (handle + render,
/// no terminal I/O): moving to the next sample with the pane shown and its OCR lines in
/// memory, against the same move without OCR and with the pane hidden, in the same run. Synthetic samples
/// whose answers quote four phrases (each answer different, so every move checks its quotes
/// afresh, as with real data), eight OCR lines per image; thread CPU time, medians.
enum OCRPaneBenchmark {
    /// Answers every request at once with the same lines (what the cache gives).
    final class InstantOCR: OCRProvider, @unchecked Sendable {
        var events: [OCREvent] = []
        let lines: [OCRLine] = ["鑫源水果店", "营业时间 8:00-22:00", "欢迎光临", "电话 12345678", "新鲜水果", "特价",
                                "本店支持扫码支付", "满100减10"].enumerated().map {
            OCRLine(text: $0.element, box: OCRBox(x: 20, y: 40 * $0.offset, width: 300, height: 30), confidence: 70 + Double($0.offset * 4))
        }
        func request(path: String, read: Bool) { events.append(.finished(path: path, page: OCRPage(lines: lines))) }
        func takeEvents() -> [OCREvent] {
            defer { events = [] }
            return events
        }
    }

    final class SignSource: SampleSource {
        let path: String
        let samples: [Sample]
        init(folder: String, count: Int) {
            path = folder + "/data.json"
            samples = (0..<count).map { i in
                Sample(index: i, id: "s\(i)", idIsSynthetic: false, images: ["img/\(i % 20).png"],
                       turns: [Turn(role: .human, roleName: "human", text: "<image>\n招牌上写着什么？"),
                               Turn(role: .gpt, roleName: "gpt", text: "招牌上写着“鑫园水果店”，门口挂着“营业中”和“欢迎光临”。店里的价格牌写着“满100减10”，看起来生意很好（第\(i)张）。")],
                       taskType: .conversation, taskTypeSource: .field, schema: .llava, extraFields: [], problems: [], json: .null)
            }
        }
        var count: Int { samples.count }
        func sample(at index: Int) -> Result<Sample, UnreadableSample> { .success(samples[index]) }
        func index(ofID id: String) -> Int? { samples.firstIndex { $0.id == id } }
    }

    static func run(_ args: [String]) -> Int32 {
        let count = Int(BenchSupport.option(args, "--count") ?? "") ?? 400
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-bench-ocr-pane-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: folder + "/img", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for i in 0..<20 { FileManager.default.createFile(atPath: folder + "/img/\(i).png", contents: Data("png \(i)".utf8)) }
        let (keymap, _) = KeymapLoader.load(base: "default", userFile: nil)
        print("winnow-bench ocr-pane: next sample, handle + tick + render, thread CPU ms (\(count) samples)")
        for (w, h) in [(80, 24), (200, 50)] {
            var medians: [Double] = []
            // No OCR at all (the baseline), OCR results but the pane hidden (quotes are still
            // checked and highlighted), the pane shown.
            for config in 0..<3 {
                let source = SignSource(folder: folder, count: count + 1)
                let app = ReviewApp(source: source, journal: UIBenchmark.MemoryLog(), keymap: keymap)
                if config > 0 { app.ocrProvider = InstantOCR() }
                _ = app.handle(.resize(width: w, height: h))
                if config == 2 { _ = app.handle(.key(.char("O"))) }
                _ = app.tick()
                _ = app.render(width: w, height: h)
                var cpu: [Double] = []
                for _ in 0..<count {
                    let c0 = UIBenchmark.cpuNow()
                    _ = app.handle(.key(.named(.right)))
                    _ = app.tick()
                    _ = app.render(width: w, height: h)
                    cpu.append((UIBenchmark.cpuNow() - c0) * 1000)
                }
                let label = "\(w)x\(h) next sample, " + ["no OCR (baseline)", "OCR, pane hidden", "OCR, pane shown"][config]
                UIBenchmark.report(label, cpu)
                medians.append(cpu.sorted()[cpu.count / 2])
            }
            print(String(format: "  %dx%d ratio to the baseline: pane hidden %.2f, pane shown %.2f", w, h,
                         medians[1] / max(1e-9, medians[0]), medians[2] / max(1e-9, medians[0])))
        }
        return 0
    }
}
