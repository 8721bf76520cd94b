import ArgumentParser
import Foundation
import WinnowCore

/// `winnow lint [FILE] [--kind K]... [--json] [--count] [--as-decisions]`: content lints for
/// machine-written data, one line per finding, ready to pipe into `winnow decide --from -`.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Find machine-written-data errors: leaked prefixes, truncation, wrong language, mojibake, ...",
        discussion: """
            Prints one line per finding: INDEX ID KIND: MESSAGE (messages count turns from 1, like the review screen; the JSON "turn" is 0-based). Kinds: \
            \(LintKind.allCases.map(\.rawValue).joined(separator: ", ")).

            --json prints one JSON object per finding with index, id, kind, turn, message, reason \
            and "decision", a line `winnow decide --from -` accepts. --as-decisions prints only \
            those decision lines, one per flagged sample (its reasons merged), sorted by index: \
            winnow lint data.json --kind leaked-prefix --as-decisions | winnow decide data.json --from -

            ocr-mismatch compares quoted phrases with the text of the images read by `winnow ocr` \
            (its cache, with the same --ocr-lang and --image-root); lint never runs OCR itself. \
            With --as-decisions its findings become `edit` lines that put the image's text in the \
            quote (other kinds on the same sample make it a reject instead).

            Exit codes: 0 nothing found, 1 findings, 64 usage, 65 the file cannot be read.
            """
    )

    @Argument(help: "The dataset (default: the bundled demo).")
    var file: String?

    @Option(name: .long, help: "Only this kind of finding (repeatable).")
    var kind: [String] = []

    @Flag(name: .long, help: "One JSON object per finding.")
    var json = false

    @Flag(name: .long, help: "Print the number of findings per kind instead of the findings.")
    var count = false

    @Flag(name: .customLong("as-decisions"), help: "Print `decide --from` lines (reject, reasons, note) per flagged sample.")
    var asDecisions = false

    @Option(name: .customLong("image-root"), help: "Resolve image paths against this folder first (for ocr-mismatch).")
    var imageRoot: String?

    @OptionGroup var ocrLanguage: OCRLanguageOption

    @OptionGroup var dataset: DatasetArguments

    func validate() throws {
        for name in kind where LintKind(rawValue: name) == nil {
            throw ValidationError("unknown kind '\(name)'; kinds: \(LintKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if count && asDecisions { throw ValidationError("give --count or --as-decisions, not both") }
    }

    /// One finding as printed by --json.
    struct Record: Encodable {
        var index: Int
        var id: String?
        var kind: String
        var turn: Int?
        var message: String
        var reason: String?
        var fix: Fix?
        var decision: DecisionLine
    }

    /// A suggested replacement in a turn, in characters (grapheme clusters) from its start.
    struct Fix: Encodable {
        var turn: Int
        var start: Int
        var length: Int
        var original: String
        var text: String
    }

    /// An `edit` line `winnow decide --from -` accepts.
    struct EditLine: Encodable {
        var index: Int
        var decision = "edit"
        var turn: Int
        var text: String
        var note: String
    }

    /// A line `winnow decide --from -` accepts.
    struct DecisionLine: Encodable {
        var index: Int
        var decision = "reject"
        var reason: [String]
        var note: String
    }

    func run() throws {
        let path = try DatasetLocator.resolve(file)
        let data = try dataset.open(path)
        let kinds = kind.isEmpty ? nil : Set(kind.compactMap(LintKind.init(rawValue:)))
        let linter = SampleLinter(kinds: kinds)
        var cross = DatasetLinter(dataset: data, kinds: kinds)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        var counts: [LintKind: Int] = [:]
        var perSample: [Int: [LintFinding]] = [:]
        var turnsOfFixed: [Int: [String]] = [:]
        var total = 0
        let ocr = OCRLintSource(data: data, imageRoot: imageRoot, settings: ocrLanguage.settings,
                                wanted: kinds?.contains(.ocrMismatch) ?? true)
        if kinds?.contains(.ocrMismatch) == true, !ocr.hasCache {
            FileHandle.standardError.write(Data("winnow lint: ocr-mismatch not checked: no OCR cache for \(VisibleText.sanitize(PathText.lastComponent(path))) (run `winnow ocr` on it first)\n".utf8))
        }
        let progress = ProgressLine(label: "linting \(PathText.lastComponent(path))")
        defer { progress.finish() }

        func emit(_ index: Int, _ finding: LintFinding) throws {
            total += 1
            counts[finding.kind, default: 0] += 1
            if count { return }
            if asDecisions { perSample[index, default: []].append(finding); return }
            let id = data.id(at: index)
            if json {
                let fix = finding.fix.map { Fix(turn: $0.turn, start: $0.start, length: $0.length, original: $0.original, text: $0.text) }
                let record = Record(index: index, id: id, kind: finding.kind.rawValue, turn: finding.turn,
                                    message: finding.message, reason: finding.suggestedReason, fix: fix,
                                    decision: Self.decision(index, [finding]))
                progress.finish()
                print(String(decoding: try encoder.encode(record), as: UTF8.self))
            } else {
                progress.finish()
                let shownID = VisibleText.sanitize(id ?? "#\(index)", keepNewlines: false, keepTabs: false)
                print("\(index) \(shownID) \(finding.kind.rawValue): \(VisibleText.sanitize(finding.message, keepNewlines: false, keepTabs: false))")
            }
        }

        // Decode and lint on every core a window at a time; report in index order as before.
        let window = 4096
        for windowStart in stride(from: 0, to: data.count, by: window) {
            let linted = linter.lintWindow(data, windowStart..<min(data.count, windowStart + window))
            for (offset, done) in linted.enumerated() {
                let index = windowStart + offset
                if index % 4096 == 0, progress.isEnabled { progress.update(Double(index) / Double(max(1, data.count))) }
                switch done.sample {
                case .success(let sample):
                    for finding in done.findings { try emit(index, finding) }
                    let ocrFindings = ocr.findings(for: sample)
                    if asDecisions, !ocrFindings.isEmpty { turnsOfFixed[index] = sample.turns.map(\.text) }
                    for finding in ocrFindings { try emit(index, finding) }
                    if cross.isActive { for f in cross.check(sample) { try emit(f.index, f.finding) } }
                case .failure:
                    // Unreadable samples are `winnow validate`'s business; their ids still count.
                    if cross.isActive { for f in cross.check(index: index, id: data.id(at: index), images: []) { try emit(f.index, f.finding) } }
                }
            }
        }
        progress.finish()
        try DatasetChangeCheck.stopIfChanged(data)
        if count {
            if json {
                var object: [String: Int] = ["total": total]
                for (k, n) in counts { object[k.rawValue] = n }
                print(String(decoding: try encoder.encode(object), as: UTF8.self))
            } else {
                for k in LintKind.allCases where counts[k] != nil { print("\(k.rawValue): \(counts[k] ?? 0)") }
                print("total: \(total)")
            }
        } else if asDecisions {
            for (index, findings) in perSample.sorted(by: { $0.key < $1.key }) {
                if let turns = turnsOfFixed[index], let edits = Self.edits(index, findings, turns: turns) {
                    for edit in edits { print(String(decoding: try encoder.encode(edit), as: UTF8.self)) }
                } else {
                    print(String(decoding: try encoder.encode(Self.decision(index, findings)), as: UTF8.self))
                }
            }
        }
        if ocr.hasCache, ocr.imagesNotInCache > 0 {
            FileHandle.standardError.write(Data("winnow lint: ocr-mismatch: \(ocr.imagesNotInCache) image(s) not in the OCR cache (run `winnow ocr` again)\n".utf8))
        }
        if total > 0 { throw WinnowExit.problemsFound }
    }

    /// Edit lines for a sample whose findings all carry fixes (the OCR'd sign text), one per
    /// turn with every fix of that turn applied; nil when a finding has no fix.
    static func edits(_ index: Int, _ findings: [LintFinding], turns: [String]) -> [EditLine]? {
        var byTurn: [Int: [LintFix]] = [:]
        for f in findings {
            guard let fix = f.fix else { return nil }
            byTurn[fix.turn, default: []].append(fix)
        }
        var out: [EditLine] = []
        for (turn, fixes) in byTurn.sorted(by: { $0.key < $1.key }) {
            guard turns.indices.contains(turn), let text = LintFix.apply(fixes, to: turns[turn]) else { return nil }
            out.append(EditLine(index: index, turn: turn, text: text, note: "lint: ocr-mismatch"))
        }
        return out
    }

    /// The reject a reviewer would record for these findings on one sample.
    static func decision(_ index: Int, _ findings: [LintFinding]) -> DecisionLine {
        var reasons: [String] = []
        for f in findings { if let r = f.suggestedReason, !reasons.contains(r) { reasons.append(r) } }
        var kinds: [String] = []
        for f in findings where !kinds.contains(f.kind.rawValue) { kinds.append(f.kind.rawValue) }
        return DecisionLine(index: index, reason: reasons, note: "lint: " + kinds.joined(separator: ", "))
    }
}
