import Foundation
import Testing
import WinnowCore
@testable import WinnowUI

/// The app over the real dataset engine and journal, on a small file made in a temp folder.
@Suite struct RealDatasetTests {
    func makeFile() throws -> (dir: URL, path: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-ui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var samples: [String] = []
        for i in 0..<4 {
            samples.append(#"{"id": "s\#(i)", "image": "img/\#(i).jpg", "conversations": [{"from": "human", "value": "<image>\n这是什么？\#(i)"}, {"from": "gpt", "value": "这是第\#(i)张图片，图中有一只猫。"}]}"#)
        }
        let path = dir.appendingPathComponent("data.json").path
        try ("[\n" + samples.joined(separator: ",\n") + "\n]\n").write(toFile: path, atomically: true, encoding: .utf8)
        return (dir, path)
    }

    @Test func decideUndoQuitAndResume() throws {
        let (dir, path) = try makeFile()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (keymap, _) = KeymapLoader.load(base: "default", userFile: nil)
        let journalPath = Journal.defaultPath(forDataset: path)
        do {
            let dataset = try Dataset.open(path: path, options: DatasetOptions(useIndexCache: false))
            let journal = try Journal.open(path: journalPath, dataset: dataset, reviewer: "tester", mode: .readWrite)
            defer { journal.close() }
            let app = ReviewApp(source: dataset, journal: journal, keymap: keymap, options: ReviewOptions(theme: .monochrome))
            _ = app.render(width: 80, height: 24)
            #expect(app.state.currentIndex == 0)
            #expect(app.render(width: 80, height: 24).trimmedRows[0].contains("id s0"))
            app.press("a")                          // accept s0
            app.press("x", "1", "enter")            // reject s1: hallucination
            app.press("space")                      // skip s2
            app.press("u")                          // undo the skip
            #expect(app.state.currentIndex == 2)
            #expect(journal.review(at: 0).status == .accepted)
            #expect(journal.review(at: 1).status == .rejected)
            #expect(journal.review(at: 1).reasons == ["hallucination"])
            #expect(journal.review(at: 2).status == .undecided)
            app.press("i"); app.type("s3"); app.press("enter")
            #expect(app.state.currentIndex == 3)
            app.press("/"); app.type("第1张"); app.press("enter")
            #expect(app.state.currentIndex == 1)
            #expect(app.press("q") == .quit)
        }
        // Reopen: resumes at the first undecided sample, and shows progress and decisions.
        let dataset = try Dataset.open(path: path, options: DatasetOptions(useIndexCache: false))
        let journal = try Journal.open(path: journalPath, dataset: dataset, reviewer: "tester", mode: .readWrite)
        defer { journal.close() }
        let app = ReviewApp(source: dataset, journal: journal, keymap: keymap, options: ReviewOptions(theme: .monochrome))
        let g = app.render(width: 80, height: 24)
        #expect(app.state.currentIndex == 2)
        #expect(g.trimmedRows[1].contains("2/4 decided (50%)"))
        #expect(g.trimmedRows[22] == "resumed: 2 of 4 decided")
        app.press("home")
        #expect(app.render(width: 80, height: 24).trimmedRows[0].hasSuffix("ACCEPTED"))
    }

    @Test func aTruncatedFileSaysSoOnTheReviewScreen() throws {
        let (dir, path) = try makeFile()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Cut the file in the middle of the last sample.
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        try whole.prefix(whole.count - 30).write(to: URL(fileURLWithPath: path))
        let (keymap, _) = KeymapLoader.load(base: "default", userFile: nil)
        let dataset = try Dataset.open(path: path, options: DatasetOptions(useIndexCache: false))
        let app = ReviewApp(source: dataset, journal: nil, keymap: keymap, options: ReviewOptions(theme: .monochrome))
        let rows = app.render(width: 120, height: 24).trimmedRows
        #expect(rows[22].hasPrefix("data.json:"))
        #expect(rows[22].contains("truncated"))
        #expect(rows[0].contains("/ 3"))
    }
}
