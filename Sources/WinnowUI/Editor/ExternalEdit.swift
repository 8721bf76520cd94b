/// Why the external editor could not be used.
public enum ExternalEditError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `$VISUAL` / `$EDITOR` could not be split into words.
    case badCommandLine(variable: String, value: String, reason: String)
    case tempFile(path: String, reason: String)
    /// The editor exited with a failure status; the edit is dropped, as git does.
    case editorFailed(command: String, status: Int32)
    /// The file the editor left is not UTF-8 text.
    case notUTF8(path: String, byteOffset: Int)

    public var description: String {
        switch self {
        case .badCommandLine(let variable, let value, let reason):
            return "$\(variable) (\(value)): \(reason)"
        case .tempFile(let path, let reason):
            return "\(path): \(reason)"
        case .editorFailed(let command, let status):
            // 127: the backend could not start it (or a shell said "command not found").
            if status == 127 { return "could not run \(command) (set $VISUAL or $EDITOR); the turn is unchanged" }
            return "\(command) exited with status \(status); the turn is unchanged"
        case .notUTF8(let path, let offset):
            return "\(path): not valid UTF-8 at byte \(offset); the turn is unchanged"
        }
    }
}

/// Hands one turn to `$VISUAL` / `$EDITOR` in a private temporary file and reads it back.
/// The file itself is created, read and removed by the shell's `ScratchFiles`.
///
/// The command is split into words here and run without a shell (see
/// `splitCommandLine`), so neither the file name nor the variable's value can run other
/// commands.
public struct ExternalEdit: Sendable, Equatable {
    /// The `ExternalProgram.purpose` tag of the editor program.
    public static let purpose = "editor-external"

    /// The temporary file (0600, removed by `finish`).
    public let path: String
    /// The text written to the file.
    public let original: String
    public let sampleIndex: Int
    public let turnIndex: Int
    /// The argv run (editor words, then the path).
    public let arguments: [String]

    /// The editor's argv words: `$VISUAL`, else `$EDITOR`, else `vi`; an empty or blank
    /// variable counts as unset.
    public static func editorWords(environment: [String: String]) throws(ExternalEditError) -> [String] {
        for name in ["VISUAL", "EDITOR"] {
            guard let value = environment[name], value.contains(where: { !$0.isWhitespace }) else { continue }
            do {
                return try splitCommandLine(value)
            } catch {
                throw .badCommandLine(variable: name, value: value, reason: error.reason)
            }
        }
        return ["vi"]
    }

    /// Splits a command line into words without a shell, POSIX-like but deliberately small:
    /// words are separated by blanks; `'...'` quotes everything literally; `"..."` quotes
    /// with `\` escaping only `"`, `\`, `$` and `` ` ``; outside quotes `\` escapes the next
    /// character. Nothing is expanded (`$HOME`, `~`, globs, `;`, `|` are plain characters), so
    /// `EDITOR="code --wait"` and `EDITOR="'/opt/My Editor/bin/ed' -n"` work and
    /// `EDITOR="vi; rm -rf ~"` runs `vi` with odd arguments rather than a second command.
    public static func splitCommandLine(_ line: String) throws(CommandLineError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = line.makeIterator()
        while let c = iterator.next() {
            switch c {
            case " ", "\t", "\n":
                if inWord { words.append(current); current = ""; inWord = false }
            case "'":
                inWord = true
                var closed = false
                while let q = iterator.next() {
                    if q == "'" { closed = true; break }
                    current.append(q)
                }
                if !closed { throw CommandLineError(reason: "unterminated single quote") }
            case "\"":
                inWord = true
                var closed = false
                while let q = iterator.next() {
                    if q == "\"" { closed = true; break }
                    if q == "\\" {
                        guard let next = iterator.next() else { break }
                        if !"\"\\$`".contains(next) { current.append("\\") }
                        current.append(next)
                    } else {
                        current.append(q)
                    }
                }
                if !closed { throw CommandLineError(reason: "unterminated double quote") }
            case "\\":
                inWord = true
                guard let next = iterator.next() else {
                    throw CommandLineError(reason: "backslash at the end")
                }
                current.append(next)
            default:
                inWord = true
                current.append(c)
            }
        }
        if inWord { words.append(current) }
        if words.isEmpty { throw CommandLineError(reason: "no command") }
        return words
    }

    /// Writes `text` to a new private temporary file (in `$TMPDIR`, else `/tmp`) and returns
    /// the program to run.
    public static func begin(text: String, sampleIndex: Int, turnIndex: Int, environment: [String: String],
                             files: any ScratchFiles) throws(ExternalEditError) -> (ExternalEdit, ExternalProgram) {
        let words = try editorWords(environment: environment)
        var directory = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        while directory.count > 1 && directory.hasSuffix("/") { directory.removeLast() }
        let path = try files.create(text, in: directory, prefix: "winnow-edit-", suffix: ".txt")
        let edit = ExternalEdit(path: path, original: text, sampleIndex: sampleIndex,
                                turnIndex: turnIndex, arguments: words + [path])
        return (edit, ExternalProgram(arguments: edit.arguments, takesTerminal: true, purpose: purpose))
    }

    /// Reads the file back and removes it. Returns the new text, or nil when it did not
    /// change. One trailing line break that the editor added is dropped when the original
    /// had none (most editors end the last line on save).
    public func finish(exitStatus: Int32, files: any ScratchFiles) throws(ExternalEditError) -> String? {
        defer { files.discard(path) }
        guard exitStatus == 0 else {
            throw .editorFailed(command: arguments.first ?? "editor", status: exitStatus)
        }
        let bytes = try files.read(path)
        guard var text = String(validating: bytes, as: UTF8.self) else {
            throw .notUTF8(path: path, byteOffset: ExternalEdit.firstInvalidUTF8(bytes))
        }
        text = ExternalEdit.droppingAddedNewline(text, original: original)
        return text == original ? nil : text
    }

    /// `text` without the one trailing `\n` (or `\r\n`) an editor added to `original`.
    static func droppingAddedNewline(_ text: String, original: String) -> String {
        guard !original.hasSuffix("\n"), !original.hasSuffix("\r\n") else { return text }
        var t = text
        if t.hasSuffix("\r\n") || t.hasSuffix("\n") { t.removeLast() }
        return t
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var offset = 0
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): offset += UTF8.width(s)
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }
}

/// A command line that could not be split into words.
public struct CommandLineError: Error, Sendable, Equatable {
    public var reason: String
}
