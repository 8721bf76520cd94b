import Foundation
import WinnowStore
#if canImport(Glibc)
import Glibc
#endif

/// Runs programs with posix_spawn (Foundation's `Process.waitUntilExit` can hang under the
/// test runner); output goes through a file.
enum Run {
    /// The repository root, found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `<repo>/.build/debug/winnow` (built before the tests run).
    static var winnow: String { repositoryRoot.appendingPathComponent(".build/debug/winnow").path }

    struct Result {
        var status: Int32
        var output: String
    }

    /// Runs to completion; stdout and stderr together.
    static func program(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> Result {
        let pid = try spawn(arguments, environment: environment, stdin: stdin)
        return pid.wait()
    }

    final class Child {
        let pid: pid_t
        let outPath: String
        let inPath: String?
        init(pid: pid_t, outPath: String, inPath: String?) { self.pid = pid; self.outPath = outPath; self.inPath = inPath }

        var output: String { String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self) }

        func wait() -> Result {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            let exited = (status & 0x7f) == 0
            let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            let out = output
            unlink(outPath)
            if let inPath { unlink(inPath) }
            return Result(status: code, output: out)
        }
    }

    /// Starts a program; stdout and stderr go to a file read by `Child.output`.
    static func spawn(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
                      stdinPath: String? = nil) throws -> Child {
        let outPath = NSTemporaryDirectory() + "/winnow-store-out-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var inPath: String? = stdinPath
        var ownedIn: String? = nil
        if let stdin {
            let p = outPath + ".in"
            try stdin.write(toFile: p, atomically: false, encoding: .utf8)
            inPath = p
            ownedIn = p
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, argv, envp)
        guard rc == 0 else { throw ScratchPostgres.Failure(message: "cannot run \(arguments.joined(separator: " ")): errno \(rc)") }
        return Child(pid: pid, outPath: outPath, inPath: ownedIn)
    }
}
