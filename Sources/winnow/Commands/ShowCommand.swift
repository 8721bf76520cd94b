import ArgumentParser
import Foundation
import WinnowCore

/// `winnow show [FILE] (INDEX | --id ID)`: one sample as a readable dialogue.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one sample as a readable dialogue.",
        discussion: """
        Control characters, escape sequences and bidi overrides in the text are shown visibly \
        (ESC as ␛, U+202E as \\u{202E}). With no FILE, the bundled demo dataset is used.
        Exit codes: 0 shown, 1 the sample is unreadable, 64 usage, 65 the file cannot be read.
        """
    )

    @Argument(help: ArgumentHelp("[FILE] [INDEX]: the dataset (default: the demo) and the 0-based sample index.",
                                 valueName: "FILE-or-INDEX"))
    var positional: [String] = []

    @Option(name: .long, help: "Show the first sample with this id instead of an index.")
    var id: String?

    @OptionGroup var dataset: DatasetArguments

    func validate() throws {
        _ = try fileAndIndex()
    }

    /// The FILE and INDEX given as positional words (either may be absent).
    private func fileAndIndex() throws -> (file: String?, index: Int?) {
        var file: String?
        var index: Int?
        switch positional.count {
        case 0: break
        case 1:
            if id == nil, let n = Int(positional[0]), !FileManager.default.fileExists(atPath: positional[0]) { index = n }
            else { file = positional[0] }
        case 2:
            file = positional[0]
            guard let n = Int(positional[1]) else { throw ValidationError("INDEX must be a number, not \(positional[1])") }
            index = n
        default:
            throw ValidationError("expected [FILE] [INDEX]")
        }
        guard (index == nil) != (id == nil) else { throw ValidationError("give either an INDEX or --id ID") }
        return (file, index)
    }

    func run() throws {
        let (file, index) = try fileAndIndex()
        let path = try DatasetLocator.resolve(file)
        let data = try dataset.open(path)
        let target: Int
        if let id {
            guard let found = data.index(ofID: id) else {
                FileHandle.standardError.write(Data("winnow: no sample with id \(VisibleText.sanitize(id)) in \(VisibleText.sanitize(path))\n".utf8))
                throw WinnowExit.problemsFound
            }
            target = found
        } else {
            target = index ?? 0
        }
        guard target >= 0, target < data.count else {
            let range = data.count == 0 ? "the dataset has no samples" : "the dataset has \(data.count) samples (0...\(data.count - 1))"
            throw UsageFailure.report("show", "no sample \(target): \(range)")
        }
        switch data.sample(at: target) {
        case .failure(let u):
            // The same one-line form as `winnow validate`.
            let id = data.id(at: target).map { " (id \($0))" } ?? ""
            let line = "\(u.file):\(u.location.line):\(u.location.column): error: sample \(target)\(id) is unreadable: \(u.reason) (byte \(u.location.byteOffset))"
            FileHandle.standardError.write(Data((VisibleText.sanitize(line, keepNewlines: false, keepTabs: false) + "\n").utf8))
            throw WinnowExit.problemsFound
        case .success(let sample):
            print(Self.render(sample, in: data), terminator: "")
        }
    }

    /// The readable dialogue, already sanitised for a terminal.
    static func render(_ sample: Sample, in dataset: Dataset) -> String {
        let s = VisibleText.sanitize
        var out = "sample \(sample.index) of \(dataset.count) · id \(s(sample.id, true, true))\(sample.idIsSynthetic ? " (no id in the file)" : "")\n"
        let task = "\(sample.taskType.rawValue) (\(sample.taskTypeSource == .field ? "from the file" : "inferred"))"
        out += "task: \(task) · schema: \(sample.schema.rawValue) · turns: \(sample.turns.count)\n"
        let locator = ImageLocator(imageRoot: nil, datasetPath: dataset.path)
        for image in sample.images {
            let resolved = locator.resolve(image)
            out += "image: \(s(image, false, false))\(resolved.exists ? "" : " (\(resolved.problem ?? "missing"))")\n"
        }
        for video in sample.videos { out += "video: \(s(video, false, false))\n" }
        for member in sample.extraFields {
            out += "\(s(member.key, false, false)): \(s(JSONPreview.compact(member.value, limit: 200), false, false))\n"
        }
        for problem in sample.problems {
            out += "problem: \(s(problem.message, false, false))\(problem.location.map { " at \($0)" } ?? "")\n"
        }
        for turn in sample.turns {
            out += "\n── \(s(turn.roleName, false, false)) ──\n"
            out += s(turn.text, true, true)
            out += "\n"
        }
        return out
    }
}

/// A short one-line rendering of a JSON value for metadata lines.
enum JSONPreview {
    static func compact(_ value: JSONValue, limit: Int) -> String {
        var text: String
        switch value {
        case .null: text = "null"
        case .bool(let b): text = b ? "true" : "false"
        case .number(let n): text = n
        case .string(let s): text = "\"\(s)\""
        case .array(let items): text = "[" + items.map { compact($0, limit: limit) }.joined(separator: ", ") + "]"
        case .object(let members): text = "{" + members.map { "\"\($0.key)\": \(compact($0.value, limit: limit))" }.joined(separator: ", ") + "}"
        }
        if text.count > limit { text = String(text.prefix(limit)) + "…" }
        return text
    }
}
