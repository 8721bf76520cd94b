import ArgumentParser
import Foundation
import WinnowCore
import WinnowTerminal
import WinnowUI

/// `winnow keymap check FILE` and `winnow keymap show [NAME]`.
struct KeymapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keymap",
        abstract: "Check or show keymaps (Keymaps/*.yaml, your $XDG_CONFIG_HOME/winnow/keymap.yaml).",
        subcommands: [KeymapCheckCommand.self, KeymapShowCommand.self]
    )
}

/// Reports each problem of a keymap file as `path:line: message`; exits 1 on problems.
struct KeymapCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report each problem of a keymap file as path:line: message (exit 1 if any), and warn about keys a terminal cannot send."
    )

    @Argument(help: "A keymap file, or the name of a built-in keymap (default, vim, emacs).")
    var file: String

    func run() throws {
        let text: String
        let path: String
        if let builtIn = KeymapLoader.builtInText(file), !FileManager.default.fileExists(atPath: file) {
            text = builtIn
            path = "Keymaps/\(file).yaml"
        } else {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("\(file): cannot read the file\n".utf8))
                throw WinnowExit.badInput
            }
            text = String(decoding: data, as: UTF8.self)
            path = file
        }
        let (keymap, problems) = KeymapLoader.keymap(fromText: text, path: path, files: DiskKeymapFiles())
        // Bindings a terminal cannot deliver are warnings: the file still loads and works.
        let warnings = KeyDeliverability.warnings(in: keymap, path: path)
        for p in problems + warnings { print(p.description) }
        if !problems.isEmpty { throw WinnowExit.problemsFound }
        let count = KeyContext.allCases.reduce(0) { $0 + keymap.entries(in: $1).count + keymap.sequenceEntries(in: $1).count }
        let warned = warnings.isEmpty ? "" : warnings.count == 1 ? ", 1 warning" : ", \(warnings.count) warnings"
        print("\(path): ok (\(count) bindings\(warned))")
    }
}

/// Prints the bindings of a keymap (the active one by default) per context.
struct KeymapShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a keymap's bindings per context (default: the active keymap with your overrides)."
    )

    @Argument(help: "A built-in keymap name or a file path.")
    var name: String?

    @Flag(help: "List every command name with its summary instead.")
    var commands = false

    func run() throws {
        if commands {
            // Columns sized to the longest name: names are never cut.
            let nameWidth = Command.allCases.map { DisplayWidth.of($0.name) }.max() ?? 0
            for c in Command.allCases {
                let contexts = c.contexts.map(\.rawValue).sorted().joined(separator: ",")
                print("\(Self.pad(c.name, to: nameWidth)) \(c.summary) [\(contexts)]")
            }
            return
        }
        let userFile = name == nil ? KeymapLoader.userFilePath(environment: ProcessInfo.processInfo.environment) : nil
        let (keymap, problems) = KeymapLoader.load(base: name, userFile: userFile, files: DiskKeymapFiles())
        for p in problems { FileHandle.standardError.write(Data("\(p.description)\n".utf8)) }
        // Single keys, then sequences (`z m`), per context; columns sized to the longest.
        let rows: [(KeyContext, [(String, Command)])] = KeyContext.allCases.map { context in
            (context, keymap.entries(in: context).map { (KeyName.format($0.key), $0.command) }
                + keymap.sequenceEntries(in: context).map { ($0.sequence.name, $0.command) })
        }
        let keyWidth = rows.flatMap { $0.1 }.map { DisplayWidth.of($0.0) }.max() ?? 0
        for (context, entries) in rows where !entries.isEmpty {
            print("\(context.rawValue):")
            for (key, command) in entries {
                print("  \(Self.pad(key, to: keyWidth)) \(command)")
            }
        }
        if !problems.isEmpty { throw WinnowExit.problemsFound }
    }

    /// `text` followed by spaces up to `width` display columns; never cut.
    static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
    }
}
