import Foundation
import Testing

/// The layers point one way (WinnowCore <- WinnowUI <- WinnowTerminal <- winnow), ncurses
/// has one owner, and the UI layer does no I/O of its own. Read from the sources, so a
/// violation fails here before it fails in review.
struct LayeringTests {
    /// Modules a layer must not import.
    static let forbiddenImports: [(target: String, modules: Set<String>)] = [
        ("WinnowCore", ["WinnowUI", "WinnowTerminal", "WinnowImage", "CNcursesw", "CChafa", "CImageDecode",
                        "Yams", "ArgumentParser"]),
        ("WinnowUI", ["WinnowTerminal", "WinnowImage", "CNcursesw", "CChafa", "CImageDecode", "ArgumentParser",
                      "WinnowOCR", "CTesseract"]),
        ("WinnowImage", ["WinnowTerminal", "CNcursesw", "ArgumentParser"]),
        ("WinnowTerminal", ["WinnowImage", "CChafa", "CImageDecode", "ArgumentParser"]),
    ]

    @Test(arguments: forbiddenImports.map(\.target))
    func layersImportOnlyWhatIsBelowThem(target: String) throws {
        let forbidden = try #require(Self.forbiddenImports.first { $0.target == target }).modules
        let files = try SourceTree.swiftFiles(under: "Sources/\(target)")
        #expect(!files.isEmpty)
        var found: [String] = []
        for file in files {
            for module in SourceTree.imports(in: file.text) where forbidden.contains(module) {
                found.append("\(file.path) imports \(module)")
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    @Test func onlyWinnowTerminalImportsNcurses() throws {
        var importers: Set<String> = []
        for folder in ["Sources", "Tests"] {
            for file in try SourceTree.swiftFiles(under: folder) where SourceTree.imports(in: file.text).contains("CNcursesw") {
                importers.insert(file.path.split(separator: "/").prefix(2).joined(separator: "/"))
            }
        }
        #expect(importers == ["Sources/WinnowTerminal"])
    }

    /// What counts as touching the file system, the environment or processes directly.
    static let ioPatterns: [(name: String, pattern: String)] = [
        ("FileManager", #"\bFileManager\b"#),
        ("FileHandle", #"\bFileHandle\b"#),
        ("ProcessInfo", #"\bProcessInfo\b"#),
        ("Process", #"\bProcess\("#),
        ("getenv", #"(?:^|[^.\w])(getenv|setenv|unsetenv)\("#),
        ("environ", #"(?:^|[^.\w])environ\b"#),
        ("open", #"(?:^|[^.\w])(open|fopen|openat|opendir)\("#),
        ("stat", #"(?:^|[^.\w])(stat|lstat|fstat|access|realpath|readlink)\("#),
        ("unlink", #"(?:^|[^.\w])(unlink|remove|rename|mkdir|rmdir)\("#),
        ("mkstemp", #"(?:^|[^.\w])mkstemps?\("#),
        ("read/write", #"(?:^|[^.\w])(read|write|close)\(\s*fd\b"#),
        ("contentsOf", #"\b(Data|String)\(\s*contentsOf"#),
        ("write(to", #"\.write\(\s*(to|toFile):"#),
        ("posix_spawn", #"\bposix_spawn"#),
    ]

    /// Files allowed to do such I/O anyway: none since issue 10 moved the keymap files, the
    /// external editor's scratch file and the environment into the shell. An entry whose file
    /// no longer offends fails too, so the list can only shrink.
    static let knownOffenders: Set<String> = []

    @Test func winnowUIDoesNoFileSystemOrEnvironmentAccess() throws {
        // "path: kind" -> the offending lines, for the message.
        var found: [String: [String]] = [:]
        for file in try SourceTree.swiftFiles(under: "Sources/WinnowUI") {
            let code = SourceTree.withoutComments(file.text)
            for (name, pattern) in Self.ioPatterns {
                let regex = try Regex(pattern).wordBoundaryKind(.simple)
                for (number, line) in code.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                    where line.contains(regex) {
                    found["\(file.path): \(name)", default: []]
                        .append("\(file.path):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        let new = Set(found.keys).subtracting(Self.knownOffenders).sorted()
        #expect(new.isEmpty, """
            the UI layer must not touch files, the environment or processes; take the data as a \
            value or return an effect:
            \(new.flatMap { found[$0] ?? [] }.joined(separator: "\n"))
            """)
        let fixed = Self.knownOffenders.subtracting(found.keys).sorted()
        #expect(fixed.isEmpty, "no longer offending, remove from knownOffenders: \(fixed)")
    }

    @Test func thePatternsCatchWhatTheyAreFor() throws {
        let offending = [
            "let fm = FileManager.default", "let e = ProcessInfo.processInfo.environment",
            "let fd = open(path, O_RDONLY)", "_ = unlink(path)", "if stat(p, &s) == 0 {",
            "let v = getenv(\"HOME\")", "let d = try Data(contentsOf: url)", "try text.write(toFile: p, atomically: true, encoding: .utf8)",
        ]
        let innocent = ["let j = try Journal.open(path: p)", "lines.remove(at: 0)", "c.insert(contentsOf: clean, at: 0)",
                        "let s = Dataset.open(path: p)", "// FileManager is not used here"]
        let patterns = try Self.ioPatterns.map { try Regex($0.pattern).wordBoundaryKind(.simple) }
        for line in offending {
            #expect(patterns.contains { line.contains($0) }, "\(line)")
        }
        for line in innocent {
            let code = SourceTree.withoutComments(line)
            #expect(!patterns.contains { code.contains($0) }, "\(line)")
        }
    }
}

/// The package's Swift sources, read relative to this file.
enum SourceTree {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct File {
        /// Relative to the package root.
        var path: String
        var text: String
    }

    static func swiftFiles(under folder: String) throws -> [File] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var files: [File] = []
        for case let relative as String in walker where relative.hasSuffix(".swift") {
            let text = try String(contentsOf: base.appendingPathComponent(relative), encoding: .utf8)
            files.append(File(path: "\(folder)/\(relative)", text: text))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Module names of `import` lines (`@testable`, `@preconcurrency`, `import struct M.X` too).
    static func imports(in text: String) -> Set<String> {
        var modules: Set<String> = []
        for raw in text.split(separator: "\n") {
            var words = raw.split(separator: " ").map(String.init)
            while let first = words.first, first.hasPrefix("@") || ["public", "package", "internal", "private"].contains(first) {
                words.removeFirst()
            }
            guard words.first == "import", words.count >= 2 else { continue }
            let kinds: Set<String> = ["struct", "class", "enum", "protocol", "func", "var", "let", "typealias"]
            let path = kinds.contains(words[1]) && words.count >= 3 ? words[2] : words[1]
            if let module = path.split(separator: ".").first { modules.insert(String(module)) }
        }
        return modules
    }

    /// The text with `//` comments removed (string literals holding `//` are rare enough in
    /// this code base; a false hit shows up as a failure, never as a miss).
    static func withoutComments(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard let range = line.range(of: "//") else { return String(line) }
            return String(line[..<range.lowerBound])
        }.joined(separator: "\n")
    }
}
