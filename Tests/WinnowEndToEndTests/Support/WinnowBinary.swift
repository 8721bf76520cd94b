import Foundation
import Testing

/// The `winnow` binary the end-to-end tests run: the one built beside this test bundle, built
/// here when it is missing or older than the sources. A missing binary is a failure, never a
/// skip: it is a product of this package, not an outside prerequisite.
enum WinnowBinary {
    /// The repository root, found from this file's path.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // WinnowEndToEndTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// Why the binary could not be found or built.
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// The binary's path, or why there is none (resolved once per test process).
    static let resolved: Result<String, Unavailable> = resolve()

    /// The binary's path; throws with the build log when it cannot be built.
    static func path() throws -> String { try resolved.get() }

    /// The path for helpers that cannot throw; a missing binary then fails at its first run
    /// (the file does not exist) with the reason recorded by `path()` in other tests.
    static var pathOrPlaceholder: String {
        (try? resolved.get()) ?? buildDirectory.appendingPathComponent("winnow").path
    }

    /// The build folder of this test run: `swift test` runs
    /// `<scratch>/<triple>/<configuration>/WinnowPackageTests.xctest`, so a release run or a
    /// custom `--scratch-path` tests its own `winnow`, not a stale debug one.
    static let buildDirectory: URL = testBundleFolder ?? repositoryRoot.appendingPathComponent(".build/debug")

    /// The folder of the running `.xctest` executable, when that is what is running.
    private static let testBundleFolder: URL? = {
        guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
              exe.hasSuffix(".xctest") else { return nil }
        return URL(fileURLWithPath: exe).deletingLastPathComponent()
    }()

    private static func resolve() -> Result<String, Unavailable> {
        let binary = buildDirectory.appendingPathComponent("winnow").path
        if isFresh(binary) { return .success(binary) }
        // `swift test` holds the scratch folder's lock while tests run (SwiftPM 6), and has
        // finished building by then: build the one product without waiting for that lock.
        let configuration = buildDirectory.lastPathComponent == "release" ? "release" : "debug"
        var arguments = ["swift", "build", "--product", "winnow", "-c", configuration, "--ignore-lock"]
        if let folder = testBundleFolder {
            // <scratch>/<triple>/<configuration>
            arguments += ["--scratch-path", folder.deletingLastPathComponent().deletingLastPathComponent().path]
        }
        let log = FileManager.default.temporaryDirectory
            .appendingPathComponent("winnow-e2e-build-\(getpid()).log").path
        let status = runToFile(arguments, output: log, directory: repositoryRoot.path)
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        unlink(log)
        guard status == 0, FileManager.default.isExecutableFile(atPath: binary) else {
            return .failure(Unavailable(description: "cannot build \(binary) (`\(arguments.joined(separator: " "))` exited \(status)):\n\(text.suffix(4000))"))
        }
        return .success(binary)
    }

    /// Whether `binary` exists and is newer than every source and keymap it is built from.
    static func isFresh(_ binary: String) -> Bool {
        guard let built = modificationDate(binary), FileManager.default.isExecutableFile(atPath: binary) else { return false }
        for folder in ["Sources", "Keymaps"] {
            let root = repositoryRoot.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: root.path) else { continue }
            for case let relative as String in walker {
                if let date = modificationDate(root.appendingPathComponent(relative).path), date > built { return false }
            }
        }
        if let date = modificationDate(repositoryRoot.appendingPathComponent("Package.swift").path), date > built { return false }
        return true
    }

    private static func modificationDate(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    /// Runs `arguments` (PATH lookup) in `directory` with stdout and stderr into `output`.
    private static func runToFile(_ arguments: [String], output: String, directory: String) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: output) else { return -1 }
        defer { try? handle.close() }
        p.standardOutput = handle
        p.standardError = handle
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}

/// What the end-to-end tests need from outside this package. Tests that need one use
/// `.enabled(if:)` with the reason, so a missing one is reported as a skip (and `.ci/run`
/// fails on any skip), never a silent pass.
enum Prerequisite {
    /// tmux can be run.
    static let tmux: Bool = (try? TmuxSession.run(["tmux", "-V"]).status) == 0
    static let tmuxReason: Comment = "needs tmux (apt-get install tmux)"

    /// See `RealSamples.root`.
    static let realSamplesReason: Comment = "needs ../shared/real-samples beside the checkout"
}
