import ArgumentParser
import Foundation
import WinnowCore

/// `winnow stats [FILE]`: counts, task types, turns, text lengths, images, unreadable samples.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Summarise a dataset: samples, task types, turns, text lengths, images.",
        discussion: "Exit codes: 0 done, 64 usage, 65 the file cannot be read."
    )

    @Argument(help: "The dataset (default: the bundled demo).")
    var file: String?

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Option(name: .customLong("image-root"), help: "Resolve image paths against this folder first.")
    var imageRoot: String?

    @OptionGroup var dataset: DatasetArguments

    struct Percentiles: Codable {
        var count: Int
        var p50: Int
        var p90: Int
        var p99: Int
        var max: Int
    }

    struct Report: Codable {
        var file: String
        var container: String
        var samples: Int
        var readable: Int
        var unreadable: Int
        var fileProblems: Int
        var taskTypes: [String: Int]
        var taskTypesFromField: Int
        var taskTypesInferred: Int
        var turnsPerSample: [String: Int]
        /// Text length in characters (Unicode scalars) per role.
        var textLength: [String: Percentiles]
        var imagesReferenced: Int
        var imagesUnique: Int
        var imagesFound: Int
        var imagesMissing: Int
        var imagesShared: Int
        var samplesWithoutImage: Int
    }

    func run() throws {
        let path = try DatasetLocator.resolve(file)
        let data = try dataset.open(path)
        let report = Self.compute(data, imageRoot: imageRoot)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(report))
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            print(Self.text(report), terminator: "")
        }
    }

    static func compute(_ data: Dataset, imageRoot: String?) -> Report {
        var taskTypes: [String: Int] = [:]
        var fromField = 0, inferred = 0, unreadable = 0, withoutImage = 0, referenced = 0
        var turns: [Int: Int] = [:]
        var lengths: [String: [Int32]] = [:]
        var imageUse: [String: Int] = [:]
        for index in 0..<data.count {
            guard case .success(let sample) = data.sample(at: index) else { unreadable += 1; continue }
            taskTypes[sample.taskType.rawValue, default: 0] += 1
            if sample.taskTypeSource == .field { fromField += 1 } else { inferred += 1 }
            turns[sample.turns.count, default: 0] += 1
            for turn in sample.turns {
                let role: String
                switch turn.role {
                case .human: role = "human"
                case .gpt: role = "gpt"
                case .system: role = "system"
                case .other(let name): role = name
                }
                lengths[role, default: []].append(Int32(clamping: turn.text.unicodeScalars.count))
            }
            if sample.images.isEmpty { withoutImage += 1 }
            referenced += sample.images.count
            for image in Set(sample.images) { imageUse[image, default: 0] += 1 }
        }
        let locator = ImageLocator(imageRoot: imageRoot, datasetPath: data.path)
        var found = 0
        for image in imageUse.keys where locator.resolve(image).exists { found += 1 }
        var percentiles: [String: Percentiles] = [:]
        for (role, var values) in lengths {
            values.sort()
            func at(_ q: Double) -> Int { Int(values[min(values.count - 1, Int(Double(values.count - 1) * q))]) }
            percentiles[role] = Percentiles(count: values.count, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1))
        }
        return Report(
            file: data.path, container: data.container.rawValue, samples: data.count, readable: data.count - unreadable,
            unreadable: unreadable, fileProblems: data.problems.count, taskTypes: taskTypes, taskTypesFromField: fromField,
            taskTypesInferred: inferred, turnsPerSample: Dictionary(uniqueKeysWithValues: turns.map { (String($0.key), $0.value) }),
            textLength: percentiles, imagesReferenced: referenced, imagesUnique: imageUse.count, imagesFound: found,
            imagesMissing: imageUse.count - found, imagesShared: imageUse.values.filter { $0 > 1 }.count,
            samplesWithoutImage: withoutImage)
    }

    static func text(_ r: Report) -> String {
        var out = "\(VisibleText.sanitize(r.file, keepNewlines: false)) (\(r.container))\n"
        out += "samples: \(r.samples) (\(r.readable) readable, \(r.unreadable) unreadable); file problems: \(r.fileProblems)\n"
        out += "task types (\(r.taskTypesFromField) from a field, \(r.taskTypesInferred) inferred):\n"
        for type in TaskType.allCases {
            out += "  \(type.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) \(r.taskTypes[type.rawValue] ?? 0)\n"
        }
        out += "turns per sample:\n"
        for (turns, n) in r.turnsPerSample.sorted(by: { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }) {
            out += "  \(turns.padding(toLength: 4, withPad: " ", startingAt: 0)) \(n)\n"
        }
        out += "text length in characters (p50 / p90 / p99 / max):\n"
        for (role, p) in r.textLength.sorted(by: { $0.key < $1.key }) {
            let name = VisibleText.sanitize(role, keepNewlines: false, keepTabs: false)
            out += "  \(name.padding(toLength: 8, withPad: " ", startingAt: 0)) \(p.p50) / \(p.p90) / \(p.p99) / \(p.max)  (\(p.count) turns)\n"
        }
        out += "images: \(r.imagesReferenced) referenced, \(r.imagesUnique) distinct, \(r.imagesFound) found, "
        out += "\(r.imagesMissing) missing, \(r.imagesShared) shared by several samples; \(r.samplesWithoutImage) samples without an image\n"
        return out
    }
}
