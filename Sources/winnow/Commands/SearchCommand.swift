import ArgumentParser
import Foundation
import WinnowCore

/// `winnow search [FILE] PHRASE`: the review screen's search engine for scripts.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Print the index and id of every sample containing a phrase.",
        discussion: """
            Searches the raw JSON text of each sample (dialogue, ids, image paths, metadata), \
            Chinese included; in files written with \\u escapes the escaped form is searched. \
            Exit status 0 when something matched, 1 when nothing did.
            """
    )

    @Argument(help: "The dataset and the phrase; with only a phrase, the bundled demo is searched.")
    var arguments: [String] = []

    @Flag(help: "Print only the number of matching samples.")
    var count = false

    @Flag(help: "Print JSON lines: {\"index\": N, \"id\": \"...\"}.")
    var json = false

    @OptionGroup var datasetArguments: DatasetArguments

    func validate() throws {
        guard (1...2).contains(arguments.count) else {
            throw ValidationError("give [FILE] PHRASE")
        }
        guard let phrase = arguments.last, !phrase.isEmpty else {
            throw ValidationError("the phrase is empty")
        }
        // `winnow search d.json` with the phrase forgotten would search the demo for the
        // file's name: an existing file alone is taken as a missing phrase.
        var isDirectory: ObjCBool = false
        if arguments.count == 1, FileManager.default.fileExists(atPath: arguments[0], isDirectory: &isDirectory), !isDirectory.boolValue {
            let name = VisibleText.sanitize(arguments[0])
            throw ValidationError("missing PHRASE: '\(name)' is a file; give the phrase to search for: winnow search \(name) PHRASE")
        }
    }

    func run() throws {
        let phrase = arguments.last ?? ""
        let path = try DatasetLocator.resolve(arguments.count == 2 ? arguments[0] : nil)
        let dataset = try datasetArguments.open(path)
        let hits = DatasetSearch(dataset: dataset).matches(phrase)
        var out = ""
        if count {
            out = json ? "{\"count\": \(hits.count)}\n" : "\(hits.count)\n"
        } else {
            for index in hits {
                // A sample without an id is named as everywhere else in Winnow: `#<index>`.
                let id = dataset.id(at: index) ?? "#\(index)"
                if json {
                    out += "{\"index\": \(index), \"id\": \(SearchCommand.quote(id))}\n"
                } else {
                    out += "\(index)\t\(VisibleText.sanitize(id))\n"
                }
            }
        }
        try DatasetChangeCheck.stopIfChanged(dataset)
        FileHandle.standardOutput.write(Data(out.utf8))
        if hits.isEmpty { throw ExitCode(WinnowExit.problemsFound.rawValue) }
    }

    /// `s` as a JSON string literal, escaped by the same writer as merge output.
    static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        JSONWriter(style: JSONStyle(ensureASCII: false)).escape(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
