import Foundation
import Testing
import WinnowCore
@testable import WinnowUI

/// Ten samples with Chinese text, three reviewers' journals written through `Journal`
/// (conflicts on samples 2, 5 and 7, as the CLI's end-to-end test has them), and an
/// adjudication screen over them with the adjudicator's real journal.
final class AdjudicationFixture {
    let dir: String
    let dataset: Dataset
    let adjudicator: Journal?
    let app: ReviewApp

    /// `fixedTimes`: every side's time set to one value, so whole screens can be compared.
    init(width: Int = 80, height: Int = 24, readOnly: Bool = false, fixedTimes: Bool = true,
         note: String = "没有这个招牌 no such sign", bob: String = "bob") throws {
        dir = NSTemporaryDirectory() + "winnow-adjud-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var text = ""
        for i in 0..<10 {
            text += #"{"id":"s\#(i)","image":"i\#(i).jpg","conversations":[{"from":"human","value":"<image>\n图里写了什么？"},{"from":"gpt","value":"招牌上写着东京塔 \#(i)。"}]}"# + "\n"
        }
        let path = dir + "/d.jsonl"
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        dataset = try Dataset.open(path: path, options: DatasetOptions(useIndexCache: false))
        var contents: [JournalContents] = []
        for name in ["ann", bob, "cy"] {
            let p = dir + "/\(name == bob ? "bob" : name).jsonl"
            let j = try Journal.open(path: p, dataset: dataset, reviewer: name, mode: .readWrite)
            for i in 0..<9 {
                var d = Decision.accept
                if i == 2, name == bob { d = .reject(reasons: ["ocr-error"], note: nil) }
                if i == 5, name != "ann" { d = .reject(reasons: ["hallucination"], note: note) }
                if i == 7, name == bob { d = .edit(.turns([1: "招牌上写着大阪 7。"]), note: nil) }
                if i == 7, name == "cy" { d = .edit(.turns([1: "招牌上写着东京 7。"]), note: nil) }
                try j.append(d, index: i)
            }
            j.close()
            contents.append(try JournalReader.read(path: p))
        }
        let team = try TeamJournals(contents, dataset: dataset)
        let data = dataset
        var adjudication = Adjudication(team.reviewers, on: .reasons, original: { i in
            if case .success(let s) = data.sample(at: i) { return s.turns }
            return nil
        }, id: { data.id(at: $0) ?? "#\($0)" })
        if fixedTimes {
            for c in adjudication.conflicts.indices {
                for s in adjudication.conflicts[c].sides.indices { adjudication.conflicts[c].sides[s].time = "2026-11-29T10:00:00.000Z" }
            }
        }
        adjudicator = readOnly ? nil : try Journal.open(path: dir + "/adj.jsonl", dataset: dataset, reviewer: "judy", mode: .readWrite)
        var options = ReviewOptions(theme: .monochrome)
        options.baseOrder = adjudication.conflicts.map(\.index)
        options.baseLabel = "adjudicating on decision + reasons"
        options.reviewer = "judy"
        options.journalName = readOnly ? nil : "adj.jsonl"
        options.readOnly = readOnly
        let (keymap, problems) = KeymapLoader.load(base: "default", userFile: nil)
        precondition(problems.isEmpty, "default keymap has problems: \(problems)")
        app = ReviewApp(source: dataset, journal: adjudicator, keymap: keymap, options: options)
        app.adjudication = AdjudicationContext(adjudication)
        _ = app.handle(.resize(width: width, height: height))
    }

    deinit {
        adjudicator?.close()
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// The adjudicator's state of sample `index` and the ruling marker of the entry in force.
    func ruling(at index: Int) -> (review: SampleReview, ruling: Ruling?) {
        guard let journal = adjudicator else { return (.undecided, nil) }
        let review = journal.review(at: index)
        let entry = review.sequence.flatMap { s in journal.entries.last { $0.sequence == s } }
        return (review, entry?.ruling)
    }

    /// The screen's rows with trailing blanks cut.
    func rows(width: Int = 80, height: Int = 24) -> [String] {
        app.render(width: width, height: height).rows.map { String($0.reversed().drop { $0 == " " }.reversed()) }
    }
}
