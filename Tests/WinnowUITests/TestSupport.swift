import Foundation
import WinnowCore
@testable import WinnowUI

/// An in-memory dataset for key-script tests.
final class FakeSource: SampleSource {
    let path: String
    var samples: [Sample]

    init(path: String = "/tmp/test.json", samples: [Sample]) {
        self.path = path
        self.samples = samples
    }

    var count: Int { samples.count }

    func sample(at index: Int) -> Result<Sample, UnreadableSample> {
        guard samples.indices.contains(index) else {
            return .failure(UnreadableSample(file: path, index: index, location: SourceLocation(line: 1, column: 1, byteOffset: 0), reason: "out of range"))
        }
        return .success(samples[index])
    }

    func index(ofID id: String) -> Int? { samples.firstIndex { $0.id == id } }
}

/// A journal in memory that folds decisions with the real journal's code (`DecisionFold`).
final class FakeJournal: DecisionLog {
    private var fold = DecisionFold()
    var failNext = false

    func append(_ decision: Decision, index: Int) throws(JournalError) -> JournalEntry {
        if failNext {
            failNext = false
            throw .io(path: "/tmp/j", reason: "disk full")
        }
        let e = JournalEntry(sequence: fold.entries.count + 1, time: "2026-01-01T00:00:00Z", reviewer: "t", index: index,
                             id: "\(index)", sampleHash: "", decision: decision)
        fold.add(e)
        return e
    }

    var all: [JournalEntry] { fold.entries }
    func review(at index: Int) -> SampleReview { fold.review(at: index) }
    var decidedCount: Int { fold.decidedCount }
    var entries: [JournalEntry] { fold.entries }
    var problems: [String] { [] }
}

func makeSample(_ index: Int, id: String? = nil, human: String = "<image>\n图片里有什么？",
                gpt: String = "图片中有一只猫。", type: TaskType = .conversation,
                image: String? = "images/cat.jpg", extra: [JSONMember] = []) -> Sample {
    Sample(index: index, id: id ?? String(format: "%06d", index), idIsSynthetic: false,
           images: image.map { [$0] } ?? [],
           turns: [Turn(role: .human, roleName: "human", text: human), Turn(role: .gpt, roleName: "gpt", text: gpt)],
           taskType: type, taskTypeSource: .field, schema: .llava, extraFields: extra, problems: [], json: .null)
}

/// An app over `n` simple samples, with the default keymap.
func makeApp(samples: [Sample], journal: FakeJournal? = FakeJournal(), options: ReviewOptions = ReviewOptions(theme: .monochrome),
             width: Int = 80, height: Int = 24) -> (ReviewApp, FakeSource, FakeJournal?) {
    let source = FakeSource(samples: samples)
    let (keymap, problems) = KeymapLoader.load(base: "default", userFile: nil)
    precondition(problems.isEmpty, "default keymap has problems: \(problems)")
    let app = ReviewApp(source: source, journal: journal, keymap: keymap, options: options)
    _ = app.handle(.resize(width: width, height: height))
    _ = app.render(width: width, height: height)
    return (app, source, journal)
}

extension ReviewApp {
    /// Presses keys named as in keymap files, e.g. `["a", "x", "2", "enter"]`.
    @discardableResult
    func press(_ names: String...) -> Effect {
        var last = Effect.none
        for n in names {
            guard let key = KeyName.parse(n) else { fatalErrorInTest("bad key \(n)"); continue }
            last = handle(.key(key))
            _ = render(width: state.width, height: state.height)
        }
        return last
    }

    /// Types text into a prompt key by key.
    func type(_ text: String) {
        for c in text { _ = handle(.key(.char(c))) }
    }
}

func fatalErrorInTest(_ message: String) {
    Issue.record(Comment(rawValue: message))
}

import Testing
