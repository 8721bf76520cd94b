import Foundation
import Yams

/// A parsed keymap file: an optional base to inherit and the bindings it sets, in order.
public struct KeymapFile: Sendable {
    public struct Entry: Sendable, Equatable {
        public var context: KeyContext
        /// The key, or the first key of `sequence`.
        public var key: KeyPress
        /// nil unbinds the key (`none`, `null` or `~` in the file).
        public var command: Command?
        public var line: Int
        /// Set for a key sequence (`z m: toggle-metadata`).
        public var sequence: KeySequence? = nil
    }

    public var path: String
    public var inherit: String?
    public var entries: [Entry] = []
    public var problems: [KeymapProblem] = []

    /// Parses keymap YAML. Every problem is collected with its line; the bindings that are
    /// fine are kept, so one bad line never costs the rest of the file.
    public static func parse(_ text: String, path: String) -> KeymapFile {
        var file = KeymapFile(path: path)
        // Yams rejects a whole document with a key written twice in one mapping, so those
        // lines are found first, reported, and commented out before composing.
        let (cleaned, duplicateProblems) = removeLiteralDuplicates(text, path: path)
        file.problems += duplicateProblems
        let root: Node?
        do {
            root = try Yams.compose(yaml: cleaned)
        } catch let error as YamlError {
            file.problems.append(KeymapProblem(path: path, line: line(of: error), message: "not valid YAML: \(summary(of: error))"))
            return file
        } catch {
            file.problems.append(KeymapProblem(path: path, line: 0, message: "not valid YAML: \(error)"))
            return file
        }
        guard let root else { return file }   // empty file: nothing to bind
        guard let top = root.mapping else {
            file.problems.append(KeymapProblem(path: path, line: root.mark?.line ?? 1,
                                               message: "expected sections such as `review:` at the top level"))
            return file
        }
        for (keyNode, value) in top {
            let sectionLine = keyNode.mark?.line ?? 0
            guard let section = keyNode.scalar?.string else {
                file.problems.append(KeymapProblem(path: path, line: sectionLine, message: "a section name must be text"))
                continue
            }
            if section == "inherit" {
                if let base = value.scalar?.string, !base.isEmpty { file.inherit = base }
                else { file.problems.append(KeymapProblem(path: path, line: sectionLine, message: "inherit: expected a keymap name or path")) }
                continue
            }
            if section == "name" || section == "description" { continue }
            guard let context = KeyContext(rawValue: section) else {
                let known = (["inherit"] + KeyContext.allCases.map(\.rawValue)).joined(separator: ", ")
                file.problems.append(KeymapProblem(path: path, line: sectionLine, message: "unknown section '\(section)' (known: \(known))"))
                continue
            }
            if value.scalar?.string == "" || value.null != nil { continue } // empty section
            guard let mapping = value.mapping else {
                file.problems.append(KeymapProblem(path: path, line: sectionLine, message: "section '\(section)' must map keys to commands"))
                continue
            }
            file.parseSection(mapping, context: context)
        }
        return file
    }

    private mutating func parseSection(_ mapping: Node.Mapping, context: KeyContext) {
        var seen: [KeyPress: (line: Int, spelling: String)] = [:]
        var seenSequences: [KeySequence: Int] = [:]
        defer { reportPrefixClashes(context: context) }
        for (keyNode, value) in mapping {
            let line = keyNode.mark?.line ?? 0
            guard let keyText = keyNode.scalar?.string else {
                problems.append(KeymapProblem(path: path, line: line, message: "a key name must be text"))
                continue
            }
            if keyText.count > 1, keyText.contains(" ") {
                parseSequence(keyText, value: value, line: line, context: context, seenSequences: &seenSequences)
                continue
            }
            guard let key = KeyName.parse(keyText) else {
                problems.append(KeymapProblem(path: path, line: line, message: "bad key name '\(keyText)' (examples: a, G, space, ctrl-s, alt-x, up, pgdn, f1, enter, esc; a sequence: z m)"))
                continue
            }
            if let first = seen[key] {
                problems.append(KeymapProblem(path: path, line: line, message: "duplicate key '\(keyText)' in [\(context.rawValue)]: already bound as '\(first.spelling)' on line \(first.line)"))
                continue
            }
            seen[key] = (line, keyText)
            guard let scalar = value.scalar else {
                problems.append(KeymapProblem(path: path, line: line, message: "key '\(keyText)': expected a command name"))
                continue
            }
            let name = scalar.string
            if value.null != nil || name == "none" || name == "~" || name.isEmpty {
                entries.append(Entry(context: context, key: key, command: nil, line: line))
                continue
            }
            guard let command = Command(name: name) else {
                problems.append(KeymapProblem(path: path, line: line, message: "unknown command '\(name)'\(suggestion(for: name))"))
                continue
            }
            guard command.contexts.contains(context) || context == .global else {
                let where_ = command.contexts.map(\.rawValue).sorted().joined(separator: ", ")
                problems.append(KeymapProblem(path: path, line: line, message: "command '\(name)' cannot be used in [\(context.rawValue)] (only in: \(where_))"))
                continue
            }
            entries.append(Entry(context: context, key: key, command: command, line: line))
        }
    }

    /// One `z m: command` line of a section.
    private mutating func parseSequence(_ keyText: String, value: Node, line: Int, context: KeyContext,
                                        seenSequences: inout [KeySequence: Int]) {
        guard let sequence = KeySequence.parse(keyText) else {
            problems.append(KeymapProblem(path: path, line: line, message: "bad key sequence '\(keyText)': 2 to \(KeySequence.maximumLength) key names separated by spaces (e.g. z m)"))
            return
        }
        guard KeySequence.contexts.contains(context) else {
            let allowed = KeySequence.contexts.map(\.rawValue).sorted().joined(separator: ", ")
            problems.append(KeymapProblem(path: path, line: line, message: "key sequence '\(keyText)' in [\(context.rawValue)]: sequences are only for \(allowed) (there typed keys are text)"))
            return
        }
        if let first = seenSequences[sequence] {
            problems.append(KeymapProblem(path: path, line: line, message: "duplicate key sequence '\(keyText)' in [\(context.rawValue)]: already bound on line \(first)"))
            return
        }
        seenSequences[sequence] = line
        guard let scalar = value.scalar else {
            problems.append(KeymapProblem(path: path, line: line, message: "key sequence '\(keyText)': expected a command name"))
            return
        }
        let name = scalar.string
        let first = sequence.keys[0]
        if value.null != nil || name == "none" || name == "~" || name.isEmpty {
            entries.append(Entry(context: context, key: first, command: nil, line: line, sequence: sequence))
            return
        }
        guard let command = Command(name: name) else {
            problems.append(KeymapProblem(path: path, line: line, message: "unknown command '\(name)'\(suggestion(for: name))"))
            return
        }
        guard command.contexts.contains(context) || context == .global else {
            let where_ = command.contexts.map(\.rawValue).sorted().joined(separator: ", ")
            problems.append(KeymapProblem(path: path, line: line, message: "command '\(name)' cannot be used in [\(context.rawValue)] (only in: \(where_))"))
            return
        }
        entries.append(Entry(context: context, key: first, command: command, line: line, sequence: sequence))
    }

    /// A key bound alone and as the start of a sequence in one section: pressing it could
    /// not do both. Both lines are named; the later binding wins when the file is applied.
    private mutating func reportPrefixClashes(context: KeyContext) {
        let here = entries.filter { $0.context == context && $0.command != nil }
        for single in here where single.sequence == nil {
            if let seq = here.first(where: { $0.sequence?.keys.first == single.key }), let name = seq.sequence?.name {
                problems.append(KeymapProblem(path: path, line: max(single.line, seq.line), message: "'\(KeyName.format(single.key))' (line \(single.line)) is also the first key of '\(name)' (line \(seq.line)) in [\(context.rawValue)]: a key is either a command or a prefix"))
            }
        }
    }

    private func suggestion(for name: String) -> String {
        let close = Command.allCases.map(\.name).filter { $0.hasPrefix(name) || name.hasPrefix($0) || $0.contains(name) }
        return close.isEmpty ? "" : " (did you mean \(close.prefix(3).map { "'\($0)'" }.joined(separator: ", "))?)"
    }

    /// Finds keys written twice in one section by reading lines, reports them and comments
    /// the later ones out.
    static func removeLiteralDuplicates(_ text: String, path: String) -> (String, [KeymapProblem]) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var problems: [KeymapProblem] = []
        var section = ""
        var seen: [String: Int] = [:]
        for (n, line) in lines.enumerated() {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let key = literalKey(trimmed) else { continue }
            if trimmed.count == line.count {
                section = key
                seen = [:]
                continue
            }
            if let first = seen[key] {
                problems.append(KeymapProblem(path: path, line: n + 1, message: "duplicate key '\(key)' in [\(section)]: already bound on line \(first)"))
                lines[n] = "#" + line
            } else {
                seen[key] = n + 1
            }
        }
        return (lines.joined(separator: "\n"), problems)
    }

    /// The key text of a `key: value` line (quotes removed), or nil.
    static func literalKey(_ s: Substring) -> String? {
        if let q = s.first, q == "\"" || q == "'" {
            var i = s.index(after: s.startIndex)
            var key = ""
            while i < s.endIndex, s[i] != q {
                if s[i] == "\\" && q == "\"" { i = s.index(after: i); if i == s.endIndex { return nil } }
                key.append(s[i])
                i = s.index(after: i)
            }
            return i < s.endIndex ? key : nil
        }
        // Plain key: up to the first ": " or a trailing ":".
        var prev: Character? = nil
        var key = ""
        for c in s {
            if let p = prev, p == ":", c == " " || c == "\t" { return String(key.dropLast()) }
            key.append(c)
            prev = c
        }
        return key.hasSuffix(":") ? String(key.dropLast()) : nil
    }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        case .duplicatedKeysInMapping(_, let context):
            return context.mark.line
        default:
            return 0
        }
    }

    static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicate keys \(duplicates.joined(separator: ", "))"
        default:
            return "\(error)"
        }
    }
}
