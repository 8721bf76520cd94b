import Foundation
import Testing
import WinnowCore
@testable import WinnowUI

/// Issue 14, "No surprises": small trips a new reviewer met in a day of reviewing.
@Suite struct NoSurprisesTests {
    let five = (0..<5).map { makeSample($0) }

    func readOnlyOptions() -> ReviewOptions {
        var o = ReviewOptions(theme: .monochrome)
        o.readOnly = true
        return o
    }

    @Test(arguments: [40, 60, 80, 120])
    func readOnlyShowsInTheHeaderAtEveryWidth(width: Int) {
        let (app, _, _) = makeApp(samples: five, options: readOnlyOptions(), width: width)
        let header = app.render(width: width, height: 24).trimmedRows[0]
        #expect(header.contains("READ-ONLY"), "\(header)")
        #expect(header.contains("UNDECIDED"), "\(header)")
    }

    @Test func readOnlyRefusesDecisionPickerNoteFlagAndEditKeysAtOnce() {
        let (app, _, journal) = makeApp(samples: five, options: readOnlyOptions())
        for key in ["a", "space", "x", "m", "!", "e", "u"] {
            app.state.message = nil
            app.press(key)
            guard case .reading = app.state.mode else {
                Issue.record("\(key) opened \(app.state.mode) in read-only")
                app.press("esc")
                continue
            }
            #expect(app.state.message?.text == "read-only: nothing is saved", "\(key)")
        }
        #expect(journal?.entries.isEmpty == true)
        #expect(app.state.currentIndex == 0)
    }

    @Test(arguments: [40, 60, 80, 120])
    func theHeaderNamesTheReviewerAndJournal(width: Int) {
        var o = ReviewOptions(theme: .monochrome)
        o.reviewer = "ana"
        o.journalName = "d.json.journal"
        let (app, _, _) = makeApp(samples: five, options: o, width: width)
        let header = app.render(width: width, height: 24).trimmedRows[0]
        #expect(header.contains("ana → d.js"), "\(header)")
        #expect(!header.contains("READ-ONLY"))
    }

    @Test func rejectWithNothingTickedAsksOnceAndRecordsNoReasonOnY() {
        let (app, _, journal) = makeApp(samples: five)
        app.press("x", "enter")
        #expect(journal?.entries.isEmpty == true)
        #expect(app.state.message?.text == "no reason — reject anyway? y/n")
        guard case .reasonPicker = app.state.mode else { Issue.record("picker closed"); return }
        app.press("n")
        #expect(journal?.entries.isEmpty == true)
        guard case .reasonPicker = app.state.mode else { Issue.record("picker closed on n"); return }
        app.press("enter", "y")
        #expect(journal?.entries.map(\.decision) == [.reject(reasons: [], note: nil)])
        #expect(app.state.message?.text.hasPrefix("saved: rejected (no reason)") == true, "\(app.state.message?.text ?? "")")
        app.press("x", "2", "enter")
        #expect(journal?.entries.last?.decision == .reject(reasons: ["ocr-error"], note: nil))
    }

    /// Issue 14 saw pages 1-19 then 21-39; on the rebuilt screen pages are contiguous at
    /// every height: this keeps them so.
    @Test(arguments: [12, 24, 25, 40])
    func helpPagingShowsEveryLine(height: Int) {
        let (app, _, _) = makeApp(samples: five, height: height)
        app.press("?")
        let first = app.render(width: 80, height: height).trimmedRows[2]
        app.press("pagedown")
        let second = app.render(width: 80, height: height).trimmedRows[2]
        let rows = height - 5
        #expect(first.hasPrefix(" help · 1-\(rows) of"), "\(first)")
        #expect(second.hasPrefix(" help · \(rows + 1)-\(2 * rows) of"), "\(second)")
    }

    @Test func anEmptyIDAndAnEmptyImagePathAreLabelled() {
        let s = makeSample(0, id: "", image: "")
        let (app, _, _) = makeApp(samples: [s])
        let rows = app.render(width: 80, height: 24).trimmedRows
        #expect(rows[0].contains("id (empty)"), "\(rows[0])")
        #expect(rows.contains(" id: (empty)"), "\(rows)")
        #expect(rows.contains(" image: (empty path)"), "\(rows)")
    }

    @Test func aDatasetFieldNamedNoteIsNotTakenForTheReviewersNote() {
        let s = makeSample(0, extra: [JSONMember(key: "note", value: .string("from the dataset")),
                                      JSONMember(key: "source", value: .string("coco"))])
        let (app, _, _) = makeApp(samples: [s])
        app.press("m")
        app.type("mine")
        app.press("enter")
        let lines = app.metadataLines(sample: s, unreadable: nil).map { "\($0.label): \($0.value)" }
        #expect(lines.contains("note: mine"), "\(lines)")
        #expect(lines.contains("dataset.note: from the dataset"), "\(lines)")
        #expect(lines.contains("source: coco"), "\(lines)")
    }

    @Test func graphicsOffSaysSoForFullScreen() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-off-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("images"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("12345".utf8).write(to: dir.appendingPathComponent("images/cat.jpg"))
        let source = FakeSource(path: dir.appendingPathComponent("data.json").path, samples: [makeSample(0)])
        let (keymap, _) = KeymapLoader.load(base: "default", userFile: nil)
        let app = ReviewApp(source: source, journal: FakeJournal(), keymap: keymap, options: ReviewOptions(theme: .monochrome))
        app.imageProvider = GraphicsOffImages()
        _ = app.handle(.resize(width: 80, height: 24))
        app.press("v")
        #expect(app.state.message?.text == "graphics are off (--graphics none); o opens the image in a viewer")
    }
}

/// Tabs in a turn go to the next multiple of 4 display columns, so tab-aligned tables line up.
@Suite struct TabStopTests {
    @Test func tabsInATurnExpandToTabStops() {
        let s = makeSample(0, gpt: "a\tb\nabcde\tf\n中\tx\n\t|")
        let (app, _, _) = makeApp(samples: [s], width: 80, height: 30)
        let rows = app.render(width: 80, height: 30).rows
        func line(startingWith head: String) -> String? {
            rows.lazy.compactMap { r -> String? in
                guard let i = r.range(of: head) else { return nil }
                return String(r[i.lowerBound...]).replacingOccurrences(of: "│", with: "").trimmingCharacters(in: .whitespaces)
            }.first
        }
        #expect(line(startingWith: "a   b") == "a   b", "\(rows)")
        #expect(line(startingWith: "abcde") == "abcde   f", "\(rows)")
        #expect(line(startingWith: "中") == "中  x", "\(rows)")
    }

    @Test func theWrapperMeasuresTabsToTabStops() {
        var w = LineWrapper("ab\tc\n\t\td", width: 40, tabStops: true)
        var widths: [Int] = []
        w.next(lines: 10) { widths.append($0.width) }
        #expect(widths == [5, 9])
    }
}

/// Images with `--graphics none`: previews and facts, no full-screen drawing.
final class GraphicsOffImages: ImagePreviewProvider, @unchecked Sendable {
    func preview(path: String, width: Int, height: Int) -> ImagePreview { .unavailable("off") }
    func info(path: String) -> ImageFileInfo? {
        ImageFileInfo(format: "JPEG", pixelWidth: 640, pixelHeight: 480, byteSize: 5, problem: nil)
    }
    func fullScreen(path: String, width: Int, height: Int) -> [UInt8]? { nil }
    func viewer(path: String) -> ExternalProgram { ExternalProgram(arguments: ["view", path], takesTerminal: false, purpose: "image") }
    var graphicsOff: Bool { true }
}
