import Foundation

/// A real terminal for end-to-end tests: the built `winnow` binary runs in a detached tmux
/// session on a private server socket; tests type keys and read the screen back.
///
/// Every session gets its own temporary HOME / XDG_CONFIG_HOME / XDG_CACHE_HOME, TERM is
/// xterm-256color and LANG is C.UTF-8, so tests never see the developer's configuration.
/// Waits poll the screen with a timeout instead of sleeping a fixed time.
///
///     let t = try TmuxSession(arguments: ["review"])
///     defer { t.close() }
///     #expect(t.waitFor("accepted"))
///     t.sendKeys("a")
final class TmuxSession {
    /// The private tmux server socket name (`tmux -L`).
    let socket: String
    /// A scratch folder removed by `close()`: home, config and cache live under it.
    let directory: URL
    /// The session's environment (after defaults and overrides).
    let environment: [String: String]
    private var closed = false

    /// Starts `executable arguments...` (default: the winnow binary) in a new session of the
    /// given size. `environment` entries override the defaults; a nil value removes one.
    /// `workingDirectory` defaults to the scratch folder.
    init(arguments: [String], executable: String? = nil, width: Int = 80, height: Int = 24,
         environment overrides: [String: String?] = [:], workingDirectory: String? = nil,
         stdinFromDevNull: Bool = false) throws {
        let unique = "winnow-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        socket = unique
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(unique)
        let fm = FileManager.default
        for sub in ["home", "config", "cache"] {
            try fm.createDirectory(at: directory.appendingPathComponent(sub),
                                   withIntermediateDirectories: true)
        }
        var env: [String: String] = [
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "HOME": directory.appendingPathComponent("home").path,
            "XDG_CONFIG_HOME": directory.appendingPathComponent("config").path,
            "XDG_CACHE_HOME": directory.appendingPathComponent("cache").path,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        for (key, value) in overrides { env[key] = value }
        environment = env

        let conf = directory.appendingPathComponent("tmux.conf")
        // remain-on-exit keeps the pane after the program ends so tests can read its last
        // screen and exit status.
        try "set -g remain-on-exit on\nset -g status off\nset -g history-limit 100\n"
            .write(to: conf, atomically: true, encoding: .utf8)

        var command = ["env", "-i"] + env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        command.append(try executable ?? WinnowBinary.path())
        command += arguments
        // The pane's shell records the program's pid and exit status in files: under a busy
        // test run tmux sometimes marks a pane dead without ever recording its status.
        // The inner `sh` execs the program, so the recorded pid is the program itself.
        let pidFile = directory.appendingPathComponent("pid").path
        let statusFile = directory.appendingPathComponent("exit-status").path
        var shell = "sh -c " + TmuxSession.shellQuote("echo $$ > \(TmuxSession.shellQuote(pidFile)); exec \"$@\"")
            + " sh " + command.map(TmuxSession.shellQuote).joined(separator: " ")
        if stdinFromDevNull { shell += " < /dev/null" }
        shell += "; echo $? > " + TmuxSession.shellQuote(statusFile + ".tmp")
            + " && mv " + TmuxSession.shellQuote(statusFile + ".tmp") + " " + TmuxSession.shellQuote(statusFile)
        let cwd = workingDirectory ?? directory.path
        let result = try TmuxSession.run([
            "tmux", "-L", socket, "-f", conf.path, "new-session", "-d", "-s", "main",
            "-x", String(width), "-y", String(height), "-c", cwd, shell,
        ])
        guard result.status == 0 else {
            throw TmuxError(message: "tmux new-session failed: \(result.output)")
        }
    }

    deinit { close() }

    /// Kills the tmux server and removes the scratch folder. Safe to call twice.
    func close() {
        guard !closed else { return }
        closed = true
        _ = try? TmuxSession.run(["tmux", "-L", socket, "kill-server"])
        try? FileManager.default.removeItem(at: directory)
    }

    /// Sends tmux key names (`"a"`, `"Enter"`, `"C-c"`, `"Escape"`, `"Up"`).
    func sendKeys(_ keys: String...) {
        _ = try? TmuxSession.run(["tmux", "-L", socket, "send-keys", "-t", "main"] + keys)
    }

    /// Types text literally (UTF-8, Chinese included).
    func type(_ text: String) {
        _ = try? TmuxSession.run(["tmux", "-L", socket, "send-keys", "-t", "main", "-l", text])
    }

    /// Sends text as a bracketed paste (tmux wraps it in the paste markers when the
    /// application enabled bracketed paste mode).
    func paste(_ text: String) {
        let buffer = "e2e"
        _ = try? TmuxSession.run(["tmux", "-L", socket, "set-buffer", "-b", buffer, text])
        _ = try? TmuxSession.run(["tmux", "-L", socket, "paste-buffer", "-p", "-d", "-b", buffer, "-t", "main"])
    }

    /// The visible screen as text, one line per row (trailing blanks trimmed by tmux).
    /// With `escapes`, colours and attributes are included as escape sequences.
    func capture(escapes: Bool = false) -> String {
        var args = ["tmux", "-L", socket, "capture-pane", "-p", "-t", "main"]
        if escapes { args.append("-e") }
        return (try? TmuxSession.run(args).output) ?? ""
    }

    /// The screen with up to `lines` lines of scrollback above it: what a program printed
    /// on its way out may have scrolled off the top (the first line after the pane died).
    func captureWithHistory(lines: Int = 100) -> String {
        (try? TmuxSession.run(["tmux", "-L", socket, "capture-pane", "-p", "-J", "-S", "-\(lines)", "-t", "main"]).output) ?? ""
    }

    /// Polls the screen until `predicate` holds or `timeout` seconds pass; returns whether it held.
    @discardableResult
    func waitUntil(timeout: Double = 10, escapes: Bool = false,
                   _ predicate: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if predicate(capture(escapes: escapes)) { return true }
            if Date() > deadline { return false }
            usleep(30_000)
        }
    }

    /// Waits until `text` appears on screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10) -> Bool {
        waitUntil(timeout: timeout) { $0.contains(text) }
    }

    /// Waits until `text` is no longer on screen.
    @discardableResult
    func waitForAbsence(_ text: String, timeout: Double = 10) -> Bool {
        waitUntil(timeout: timeout) { !$0.contains(text) }
    }

    /// Where the terminal cursor is (column, row), as tmux reports it.
    var cursor: (column: Int, row: Int)? {
        let parts = paneFormat("#{cursor_x} #{cursor_y}").split(separator: " ").compactMap { Int($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    /// Waits until the cursor is at (column, row).
    @discardableResult
    func waitForCursor(column: Int, row: Int, timeout: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let c = cursor, c.column == column, c.row == row { return true }
            if Date() > deadline { return false }
            usleep(30_000)
        }
    }

    /// Resizes the window (the program gets SIGWINCH).
    func resize(width: Int, height: Int) {
        _ = try? TmuxSession.run(["tmux", "-L", socket, "resize-window", "-t", "main",
                                  "-x", String(width), "-y", String(height)])
    }

    /// A tmux format value of the pane, e.g. `#{pane_pid}`.
    func paneFormat(_ format: String) -> String {
        let out = (try? TmuxSession.run(["tmux", "-L", socket, "display-message", "-p", "-t",
                                          "main", format]).output) ?? ""
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The pid of the program in the pane (once it started).
    var pid: Int32? {
        let text = (try? String(contentsOf: directory.appendingPathComponent("pid"), encoding: .utf8)) ?? ""
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The exit status once the program ended (128 + signal when a signal ended it), else nil.
    var exitStatus: Int32? {
        let text = (try? String(contentsOf: directory.appendingPathComponent("exit-status"), encoding: .utf8)) ?? ""
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Waits for the program to end and returns its exit status (nil on timeout).
    func waitForExit(timeout: Double = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let status = exitStatus { return status }
            usleep(30_000)
        }
        return nil
    }

    /// Sends a signal to the program in the pane.
    func signal(_ signal: Int32) {
        if let pid { kill(pid, signal) }
    }

    struct TmuxError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Runs a program to completion and returns its exit status and combined output.
    /// Uses posix_spawn and waitpid directly: Foundation's `Process.waitUntilExit` can hang
    /// under the test runner, and a pipe for output would never reach end-of-file when the
    /// program (`tmux new-session`) forks a server that inherits it, so output goes to a file.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String]? = nil,
                    stdin: Data? = nil) throws -> (status: Int32, output: String) {
        let outPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("winnow-e2e-out-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        defer { unlink(outPath) }
        var inPath: String?
        if let stdin {
            let path = outPath + ".in"
            try stdin.write(to: URL(fileURLWithPath: path))
            inPath = path
        }
        defer { if let inPath { unlink(inPath) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let env = environment ?? ProcessInfo.processInfo.environment
        let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // The test runner's threads block some signals; a tmux server inheriting that mask
        // would never see SIGCHLD and could not report exit statuses. Start from a clean slate.
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
        guard rc == 0 else {
            throw TmuxError(message: "cannot run \(arguments.joined(separator: " ")): errno \(rc)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = (status & 0x7f) == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let data = FileManager.default.contents(atPath: outPath) ?? Data()
        return (code, String(decoding: data, as: UTF8.self))
    }

    /// Single-quotes a word for `sh -c`.
    static func shellQuote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
