import WinnowCore
import Foundation

/// Builds the active keymap: a base (`default`, `vim`, `emacs` — embedded at build time — or a
/// file path), its `inherit` chain, then the user's file overriding single keys.
public enum KeymapLoader {
    /// Names of the embedded keymaps (`default`, `emacs`, `vim`).
    public static var builtInNames: [String] {
        EmbeddedKeymaps.files.keys.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The text of an embedded keymap file, if there is one by that name.
    public static func builtInText(_ name: String) -> String? {
        guard let b64 = EmbeddedKeymaps.files["\(name).yaml"], let data = Data(base64Encoded: b64) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The user's override file: `$XDG_CONFIG_HOME/winnow/keymap.yaml`, else
    /// `~/.config/winnow/keymap.yaml`. The shell passes its environment.
    public static func userFilePath(environment env: [String: String]) -> String? {
        if let xdg = env["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/winnow/keymap.yaml" }
        if let home = env["HOME"], !home.isEmpty { return home + "/.config/winnow/keymap.yaml" }
        return nil
    }

    /// Loads a keymap file by name or path: (display path, text), or a problem.
    static func source(_ nameOrPath: String, relativeTo base: String?,
                       files: any KeymapFiles) -> Result<(String, String), KeymapProblem> {
        if let text = builtInText(nameOrPath) { return .success(("Keymaps/\(nameOrPath).yaml", text)) }
        var path = nameOrPath
        if !path.hasPrefix("/"), let base {
            path = PathText.join(PathText.parent(base), path)
        }
        guard let text = files.text(atPath: path) else {
            let known = builtInNames.joined(separator: ", ")
            return .failure(KeymapProblem(path: nameOrPath, line: 0, message: "no such keymap (built in: \(known); or give a file path)"))
        }
        return .success((path, text))
    }

    /// The active keymap and every problem found on the way. Problems never stop loading:
    /// a missing base falls back to `default`, bad lines are skipped. Keymap files given by
    /// path (a base, an `inherit`, `userFile`) are read through `files`; the default reads
    /// none, so only the embedded keymaps resolve.
    public static func load(base: String? = nil, userFile: String?,
                            files: any KeymapFiles = NoKeymapFiles()) -> (Keymap, [KeymapProblem]) {
        var problems: [KeymapProblem] = []
        let baseName = base ?? "default"
        var chain: [KeymapFile] = []
        var next: String? = baseName
        var from: String? = nil
        var visited: Set<String> = []
        while let name = next, chain.count < 8 {
            switch source(name, relativeTo: from, files: files) {
            case .failure(let p):
                problems.append(p)
                next = chain.isEmpty && name != "default" ? "default" : nil
            case .success(let (path, text)):
                guard visited.insert(path).inserted else {
                    problems.append(KeymapProblem(path: path, line: 0, message: "inherit loop"))
                    next = nil
                    break
                }
                let file = KeymapFile.parse(text, path: path)
                problems += file.problems
                chain.append(file)
                next = file.inherit
                from = path
            }
        }
        var keymap = Keymap(name: baseName)
        for file in chain.reversed() { apply(file, to: &keymap) }
        if let userFile, let text = files.text(atPath: userFile) {
            let file = KeymapFile.parse(text, path: userFile)
            problems += file.problems
            // A user file may name a base with `inherit`; only when no --keymap was given.
            if base == nil, let inherit = file.inherit, inherit != "default" {
                let (based, more) = load(base: inherit, userFile: nil, files: files)
                keymap = based
                problems += more
            }
            apply(file, to: &keymap)
        }
        return (keymap, problems)
    }

    /// Parses one text as a complete keymap (for tests and `keymap check`); an `inherit` of a
    /// file path is read through `files`.
    public static func keymap(fromText text: String, path: String,
                              files: any KeymapFiles = NoKeymapFiles()) -> (Keymap, [KeymapProblem]) {
        let file = KeymapFile.parse(text, path: path)
        var problems = file.problems
        var keymap = Keymap(name: path)
        if let inherit = file.inherit {
            let (based, more) = load(base: inherit, userFile: nil, files: files)
            keymap = based
            problems += more
        }
        apply(file, to: &keymap)
        return (keymap, problems)
    }

    static func apply(_ file: KeymapFile, to keymap: inout Keymap) {
        for e in file.entries {
            let source = BindingSource(path: file.path, line: e.line)
            if let sequence = e.sequence {
                keymap.bind(sequence, to: e.command, in: e.context, source: source)
            } else {
                keymap.bind(e.key, to: e.command, in: e.context, source: source)
            }
        }
    }
}
