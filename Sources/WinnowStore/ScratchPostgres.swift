import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throw-away PostgreSQL server for tests and benchmarks: `initdb` in a temporary folder, listening only on
/// a unix socket there, stopped and removed by `stop()`. PostgreSQL refuses to run as root, so
/// as root the server runs as the `postgres` system user (`runuser -u postgres --`).
///
/// Roles: `winnow` (superuser, trusted on the socket) and `ann` (password `ann-secret`,
/// checked with scram-sha-256), for login tests.
package final class ScratchPostgres: @unchecked Sendable {
    package struct Failure: Error, CustomStringConvertible {
        package var message: String
        package var description: String { message }
        package init(message: String) { self.message = message }
    }

    package let folder: String
    package let socketDir: String
    package let dataDir: String
    package let port = 5432
    private let bin: String
    private let asUser: [String]

    /// Starts a new server (about a second).
    package init() throws {
        guard let bin = ScratchPostgres.binDir() else { throw Failure(message: ScratchPostgres.missingMessage) }
        self.bin = bin
        var template = Array((NSTemporaryDirectory() + "/winnow-pg-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ b in b.baseAddress.flatMap { mkdtemp($0) } }) else {
            throw Failure(message: "cannot make a temporary folder: \(String(cString: strerror(errno)))")
        }
        folder = String(cString: made)
        socketDir = folder + "/sock"
        dataDir = folder + "/data"
        mkdir(socketDir, 0o777)
        asUser = getuid() == 0 ? ["runuser", "-u", "postgres", "--"] : []
        if getuid() == 0 {
            guard let pw = getpwnam("postgres") else {
                throw Failure(message: "running as root needs the `postgres` system user (created by the Debian package `postgresql`)")
            }
            chown(folder, pw.pointee.pw_uid, pw.pointee.pw_gid)
            chown(socketDir, pw.pointee.pw_uid, pw.pointee.pw_gid)
        }
        try run(asUser + [bin + "/initdb", "-D", dataDir, "-U", "winnow", "--auth-local=trust", "--no-sync",
                          "--no-instructions", "-E", "UTF8", "--locale=C"], what: "initdb")
        let hba = """
            local all ann scram-sha-256
            local all all trust

            """
        try hba.write(toFile: dataDir + "/pg_hba.conf", atomically: false, encoding: .utf8)
        try start()
        try psql("CREATE ROLE ann LOGIN PASSWORD 'ann-secret'")
    }

    deinit { stop() }

    /// What a test or bench says when there is no server to start.
    package static let missingMessage = "PostgreSQL server binaries (initdb, pg_ctl) were not found: install the Debian package `postgresql` (or set WINNOW_PG_BINDIR to their folder)"

    /// The folder with initdb and pg_ctl: WINNOW_PG_BINDIR, else the newest Debian install.
    package static func binDir(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let env = environment["WINNOW_PG_BINDIR"] { return access(env + "/initdb", X_OK) == 0 ? env : nil }
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for v in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) where access("\(root)/\(v)/bin/initdb", X_OK) == 0 {
            return "\(root)/\(v)/bin"
        }
        return nil
    }

    package func start() throws {
        try run(asUser + [bin + "/pg_ctl", "-D", dataDir, "-l", folder + "/log", "-w", "-o",
                          "-k \(socketDir) -c listen_addresses='' -p \(port) -c synchronous_commit=on -c fsync=on -c max_connections=100",
                          "start"], what: "pg_ctl start")
    }

    /// `pg_ctl restart -m fast`: every session is cut.
    package func restart() throws {
        try run(asUser + [bin + "/pg_ctl", "-D", dataDir, "-w", "-m", "fast", "-o",
                          "-k \(socketDir) -c listen_addresses='' -p \(port) -c synchronous_commit=on -c fsync=on -c max_connections=100",
                          "restart"], what: "pg_ctl restart")
    }

    package func stopServer() throws {
        try run(asUser + [bin + "/pg_ctl", "-D", dataDir, "-w", "-m", "fast", "stop"], what: "pg_ctl stop")
    }

    private var stopped = false
    /// Stops the server and removes its folder.
    package func stop() {
        guard !stopped else { return }
        stopped = true
        _ = try? run(asUser + [bin + "/pg_ctl", "-D", dataDir, "-w", "-m", "immediate", "stop"], what: "pg_ctl stop")
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The socket folder percent-encoded as a URL host.
    package var encodedHost: String { socketDir.replacingOccurrences(of: "/", with: "%2F") }

    /// A URL for `database` as `user` (with `password` written into it when given).
    package func url(database: String, user: String = "winnow", password: String? = nil) -> String {
        let auth = password.map { "\(user):\($0)" } ?? user
        return "postgres://\(auth)@\(encodedHost):\(port)/\(database)"
    }

    /// Runs SQL as the superuser on `database` through psql; returns its output.
    @discardableResult
    package func psql(_ sql: String, database: String = "postgres") throws -> String {
        try run([bin + "/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", socketDir, "-p", String(port),
                 "-U", "winnow", "-d", database, "-c", sql], what: "psql")
    }

    /// A new empty database.
    package func createDatabase() throws -> String {
        let name = "t\(UInt32.random(in: 0...UInt32.max))"
        try psql("CREATE DATABASE \(name)")
        return name
    }

    @discardableResult
    private func run(_ args: [String], what: String) throws -> String {
        let r = try ScratchPostgres.runProgram(args)
        guard r.status == 0 else { throw Failure(message: "\(what) failed (\(r.status)): \(r.output)") }
        return r.output
    }

    /// Runs a program to completion with posix_spawn (Foundation's `Process.waitUntilExit`
    /// can hang under the test runner); stdout and stderr together, through a file.
    package static func runProgram(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let outPath = NSTemporaryDirectory() + "/winnow-pg-out-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
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
        guard rc == 0 else { throw Failure(message: "cannot run \(arguments.joined(separator: " ")): errno \(rc)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = (status & 0x7f) == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let data = FileManager.default.contents(atPath: outPath) ?? Data()
        return (code, String(decoding: data, as: UTF8.self))
    }
}
