import ArgumentParser
import Foundation
import WinnowCore

/// `winnow validate [FILE] [--json]`: every problem with its location.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "List every problem in a dataset with its location.",
        discussion: """
        Reports file-level problems (truncation, trailing data, BOM, invalid UTF-8, ...), \
        unreadable samples and problems inside readable samples, as FILE:LINE:COLUMN messages.
        Exit codes: 0 no problem at all, 1 problems found, 64 usage, 65 the file is unusable.
        """
    )

    @Argument(help: "The dataset (default: the bundled demo).")
    var file: String?

    @Flag(name: .long, help: "Print a JSON report instead of text.")
    var json = false

    @OptionGroup var dataset: DatasetArguments

    struct Problem: Codable {
        var severity: String
        var file: String
        var line: Int?
        var column: Int?
        var byteOffset: Int?
        var sample: Int?
        var id: String?
        var message: String

        init(severity: String, file: String, line: Int? = nil, column: Int? = nil, byteOffset: Int? = nil,
             sample: Int? = nil, id: String? = nil, message: String) {
            self.severity = severity
            self.file = file
            self.line = line
            self.column = column
            self.byteOffset = byteOffset
            self.sample = sample
            self.id = id
            self.message = message
        }
    }

    struct Report: Codable {
        var file: String
        var samples: Int
        /// False when the file could not be used at all (then `problems` says why).
        var usable: Bool
        var problems: [Problem]
    }

    static func printJSON(_ report: Report) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try encoder.encode(report))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    func run() throws {
        let path = try DatasetLocator.resolve(file)
        let data: Dataset
        switch try dataset.openResult(path) {
        case .success(let opened): data = opened
        case .failure(let error):
            if json {
                var problem = Problem(severity: "error", file: path, message: error.description)
                if case .unusable(let p) = error {
                    problem = Problem(severity: "error", file: p.file, line: p.location?.line, column: p.location?.column,
                                      byteOffset: p.location?.byteOffset, message: p.message)
                }
                try Self.printJSON(Report(file: path, samples: 0, usable: false, problems: [problem]))
            } else {
                FileHandle.standardError.write(Data("winnow: \(VisibleText.sanitize(error.description))\n".utf8))
            }
            throw WinnowExit.badInput
        }
        var problems: [Problem] = data.problems.map {
            Problem(severity: $0.severity.rawValue, file: $0.file, line: $0.location?.line, column: $0.location?.column,
                    byteOffset: $0.location?.byteOffset, sample: nil, id: nil, message: $0.message)
        }
        var firstWithID: [String: Int] = [:]
        for index in 0..<data.count {
            if let id = data.id(at: index) {
                if let first = firstWithID[id] {
                    let location = data.location(ofByte: data.byteRange(at: index).lowerBound)
                    problems.append(Problem(severity: "warning", file: data.path, line: location.line, column: location.column,
                                            byteOffset: location.byteOffset, sample: index, id: id,
                                            message: "duplicate id (first used by sample \(first))"))
                } else {
                    firstWithID[id] = index
                }
            }
            switch data.sample(at: index) {
            case .failure(let u):
                problems.append(Problem(severity: "error", file: u.file, line: u.location.line, column: u.location.column,
                                        byteOffset: u.location.byteOffset, sample: index, id: data.id(at: index), message: u.reason))
            case .success(let sample):
                for p in sample.problems {
                    let location = p.location ?? data.location(ofByte: data.byteRange(at: index).lowerBound)
                    // A damaged part (a turn whose text is not a string, ...) is an error: the
                    // sample can only be rejected, and merge stops on it.
                    problems.append(Problem(severity: sample.damage.contains(p) ? "error" : "warning", file: data.path, line: location.line, column: location.column,
                                            byteOffset: location.byteOffset, sample: index,
                                            id: sample.idIsSynthetic ? nil : sample.id, message: p.message))
                }
            }
        }
        if json {
            try Self.printJSON(Report(file: data.path, samples: data.count, usable: true, problems: problems))
        } else {
            for p in problems {
                var where_ = p.file
                if let line = p.line, let column = p.column { where_ += ":\(line):\(column)" }
                var text = "\(where_): \(p.severity):"
                if let sample = p.sample { text += " sample \(sample)" + (p.id.map { " (id \($0))" } ?? "") + ":" }
                text += " \(p.message)"
                if let byte = p.byteOffset { text += " (byte \(byte))" }
                print(VisibleText.sanitize(text, keepNewlines: false, keepTabs: false))
            }
            let errors = problems.filter { $0.severity == "error" }.count
            let samples = counted(data.count, "sample")
            print(problems.isEmpty ? "\(samples), no problems"
                  : "\(samples), \(counted(problems.count, "problem")) (\(counted(errors, "error")), \(counted(problems.count - errors, "warning")))")
        }
        if !problems.isEmpty { throw WinnowExit.problemsFound }
    }
}

/// `1 sample`, `2 samples`: counts in messages read as English.
func counted(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }
