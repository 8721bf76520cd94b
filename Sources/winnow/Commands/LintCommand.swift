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
        var decision: DecisionLine
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
        var total = 0
        let progress = ProgressLine(label: "linting \(PathText.lastComponent(path))")
        defer { progress.finish() }

        func emit(_ index: Int, _ finding: LintFinding) throws {
            total += 1
            counts[finding.kind, default: 0] += 1
            if count { return }
            if asDecisions { perSample[index, default: []].append(finding); return }
            let id = data.id(at: index)
            if json {
                let record = Record(index: index, id: id, kind: finding.kind.rawValue, turn: finding.turn,
                                    message: finding.message, reason: finding.suggestedReason,
                                    decision: Self.decision(index, [finding]))
                progress.finish()
                print(String(decoding: try encoder.encode(record), as: UTF8.self))
            } else {
                progress.finish()
                let shownID = VisibleText.sanitize(id ?? "#\(index)", keepNewlines: false, keepTabs: false)
                print("\(index) \(shownID) \(finding.kind.rawValue): \(VisibleText.sanitize(finding.message, keepNewlines: false, keepTabs: false))")
            }
        }

        for index in 0..<data.count {
            if index % 4096 == 0, progress.isEnabled { progress.update(Double(index) / Double(max(1, data.count))) }
            switch data.sample(at: index) {
            case .success(let sample):
                for finding in linter.lint(sample) { try emit(index, finding) }
                if cross.isActive { for f in cross.check(sample) { try emit(f.index, f.finding) } }
            case .failure:
                // Unreadable samples are `winnow validate`'s business; their ids still count.
                if cross.isActive { for f in cross.check(index: index, id: data.id(at: index), images: []) { try emit(f.index, f.finding) } }
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
                print(String(decoding: try encoder.encode(Self.decision(index, findings)), as: UTF8.self))
            }
        }
        if total > 0 { throw WinnowExit.problemsFound }
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
