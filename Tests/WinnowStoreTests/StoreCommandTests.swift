import Foundation
import Testing
import WinnowCore
@testable import WinnowStore
#if canImport(Glibc)
import Glibc
#endif

/// The built `winnow` binary against a real server.
@Suite("Store commands")
struct StoreCommandTests {
    static var binaryBuilt: Bool { FileManager.default.isExecutableFile(atPath: Run.winnow) }

    @Test(.enabled(if: binaryBuilt, "needs .build/debug/winnow (run swift build first)"))
    func initDecideLogPullMergeAndStatus() throws {
        let f = try StoreFixture(initSchema: false)
        defer { f.remove() }
        let w = Run.winnow
        let initRun = try Run.program([w, "store", "init", "--store", f.url, f.datasetPath, "--name", "team"])
        #expect(initRun.status == 0, "\(initRun.output)")
        #expect(initRun.output.contains(try f.dataset().fingerprint))
        let again = try Run.program([w, "store", "init", "--store", f.url, f.datasetPath, "--name", "team"])
        #expect(again.output.contains("up to date"))
        let env = ["WINNOW_STORE": f.url]
        let one = try Run.program([w, "decide", f.datasetPath, "--dataset-name", "team", "--reviewer", "ann", "1", "reject", "--reason", "ocr"], environment: env)
        #expect(one.status == 0, "\(one.output)")
        #expect(one.output.contains(#""saved":true"#))
        let lines = (0..<5).map { #"{"index": \#($0), "decision": "accept"}"# }.joined(separator: "\n")
        let many = try Run.program([w, "decide", f.datasetPath, "--dataset-name", "team", "--reviewer", "bob", "--from", "-"],
                                   environment: env, stdin: lines + "\n")
        #expect(many.status == 0, "\(many.output)")
        #expect(many.output.components(separatedBy: #""saved":true"#).count - 1 == 5)
        let log = try Run.program([w, "journal", "log", f.datasetPath, "--dataset-name", "team", "--reviewer", "ann"], environment: env)
        #expect(log.output.contains("reject [ocr]"), "\(log.output)")
        let pulled = f.folder + "/bob.jsonl"
        let pull = try Run.program([w, "store", "pull", "--store", f.url, f.datasetPath, "--dataset-name", "team", "--reviewer", "bob", "-o", pulled])
        #expect(pull.status == 0, "\(pull.output)")
        #expect(try JournalReader.read(path: pulled).items.count == 5)
        // Push of the pulled file is harmless.
        let push = try Run.program([w, "store", "push", pulled, "--store", f.url])
        #expect(push.output.contains("0 entries added"), "\(push.output)")
        let merged = f.folder + "/merged.jsonl"
        let merge = try Run.program([w, "merge", f.datasetPath, "--dataset-name", "team", "-o", merged, "--policy", "reject-wins"], environment: env)
        #expect(merge.status == 0, "\(merge.output)")
        let out = try String(contentsOfFile: merged, encoding: .utf8)
        #expect(out.split(separator: "\n").count == 19)  // sample 1 rejected by ann
        let status = try Run.program([w, "team", "status", f.datasetPath, "--dataset-name", "team"], environment: env)
        #expect(status.output.contains("ann"))
        #expect(status.output.contains("progress: 5/20"), "\(status.output)")
    }

    @Test(.enabled(if: binaryBuilt, "needs .build/debug/winnow"))
    func passwordsNeverAppearAndPGPASSWORDIsUsed() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        try f.server.psql("GRANT ALL ON ALL TABLES IN SCHEMA public TO ann; GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ann", database: f.database)
        let w = Run.winnow
        let bad = try Run.program([w, "decide", f.datasetPath, "--store", f.server.url(database: f.database, user: "ann", password: "hunter2-secret"),
                                   "--reviewer", "ann", "0", "accept"])
        #expect(bad.status == 75)
        #expect(bad.output.contains("authentication failed"), "\(bad.output)")
        #expect(!bad.output.contains("hunter2-secret"))
        let good = try Run.program([w, "decide", f.datasetPath, "--store", f.server.url(database: f.database, user: "ann"),
                                    "--reviewer", "ann", "0", "accept"], environment: ["PGPASSWORD": "ann-secret"])
        #expect(good.status == 0, "\(good.output)")
        #expect(try f.counts(reviewer: "ann") == (1, 1))
        let wrongURL = try Run.program([w, "decide", f.datasetPath, "--store", "postgres://ann@host:port/db", "0", "accept"])
        #expect(wrongURL.status == 64, "\(wrongURL.output)")
    }

    @Test(.enabled(if: binaryBuilt, "needs .build/debug/winnow"))
    func aReviewerKilledWithSigkillLosesNoSavedEntryAndReusesNoNumber() throws {
        let f = try StoreFixture(samples: 200)
        defer { f.remove() }
        let input = f.folder + "/in.jsonl"
        try (0..<3000).map { #"{"index": \#($0 % 200), "decision": "\#($0 % 3 == 0 ? "skip" : "accept")"}"# }
            .joined(separator: "\n").write(toFile: input, atomically: false, encoding: .utf8)
        let child = try Run.spawn([Run.winnow, "decide", f.datasetPath, "--store", f.url, "--reviewer", "kim", "--from", input])
        var saved = 0
        for _ in 0..<400 {
            usleep(20_000)
            saved = child.output.components(separatedBy: #""saved":true"#).count - 1
            if saved >= 40 { break }
        }
        kill(child.pid, SIGKILL)
        let result = child.wait()
        #expect(result.status == 128 + SIGKILL)
        let reported = result.output.split(separator: "\n").filter { $0.contains(#""saved":true"#) }
            .compactMap { line -> Int? in
                guard let r = line.range(of: #"{"seq":"#) else { return nil }
                return Int(line[r.upperBound...].prefix { $0.isNumber })
            }
        #expect(reported.count >= 40)
        let inStore = try Set(f.server.psql("SELECT seq FROM winnow_entries WHERE reviewer = 'kim'", database: f.database)
            .split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) })
        #expect(Set(reported).isSubset(of: inStore))
        // The next run goes on with new numbers.
        let next = try Run.program([Run.winnow, "decide", f.datasetPath, "--store", f.url, "--reviewer", "kim", "7", "reject"])
        #expect(next.status == 0, "\(next.output)")
        let c = try f.counts(reviewer: "kim")
        #expect(c.rows == c.distinct)
        #expect(c.rows == inStore.count + 1)
    }

    @Test(.enabled(if: binaryBuilt, "needs .build/debug/winnow"))
    func decideOfflineSpoolsAndTheNextCallResends() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let f = try StoreFixture(server: server)
        defer { f.remove() }
        try server.stopServer()
        let off = try Run.program([Run.winnow, "decide", f.datasetPath, "--store", f.url, "--reviewer", "lee", "3", "accept"])
        #expect(off.status == 0, "\(off.output)")
        #expect(off.output.contains("offline: 1 unsynced entry kept in"), "\(off.output)")
        #expect(off.output.contains(".winnow-spool-lee.jsonl"))
        try server.start()
        let on = try Run.program([Run.winnow, "decide", f.datasetPath, "--store", f.url, "--reviewer", "lee", "4", "accept"])
        #expect(on.status == 0, "\(on.output)")
        #expect(!on.output.contains("unsynced"))
        #expect(try f.counts(reviewer: "lee") == (2, 2))
    }

    @Test(.enabled(if: binaryBuilt, "needs .build/debug/winnow"))
    func anExplicitJournalWinsOverWINNOW_STORE() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let journal = f.folder + "/mine.winnow.jsonl"
        let env = ["WINNOW_STORE": f.url]
        let r = try Run.program([Run.winnow, "decide", f.datasetPath, "--journal", journal, "--reviewer", "zed", "0", "accept"], environment: env)
        #expect(r.status == 0, "\(r.output)")
        #expect(try JournalReader.read(path: journal).items.count == 1)
        #expect(try f.counts(reviewer: "zed").rows == 0)
        let log = try Run.program([Run.winnow, "journal", "log", journal], environment: env)
        #expect(log.status == 0, "\(log.output)")
        #expect(log.output.contains("zed  sample 0"), "\(log.output)")
    }

    @Test(.enabled(if: binaryBuilt, "needs .build/debug/winnow"))
    func reviewOpensOnTheStoreAndSaysWhereUnsyncedEntriesAre() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let f = try StoreFixture(server: server)
        defer { f.remove() }
        let on = try Run.program([Run.winnow, "review", f.datasetPath, "--store", f.url, "--reviewer", "ann", "--bench-first-frame"])
        #expect(on.status == 0, "\(on.output)")
        #expect(on.output.contains("first-frame"))
        // Offline with a spooled entry: the review still opens, and quitting says where it is.
        try server.stopServer()
        let off = try Run.program([Run.winnow, "decide", f.datasetPath, "--store", f.url, "--reviewer", "ann", "2", "skip"])
        #expect(off.status == 0, "\(off.output)")
        let review = try Run.program([Run.winnow, "review", f.datasetPath, "--store", f.url, "--reviewer", "ann", "--bench-first-frame"])
        #expect(review.status == 0, "\(review.output)")
        #expect(review.output.contains("offline: 1 unsynced entry kept in"), "\(review.output)")
    }
}

/// `agree`, `report` and `adjudicate` read the reviewers' entries from the store, with the
/// same figures as from journal files pulled out of it.
@Suite("Team commands on the store")
struct StoreTeamCommandTests {
    @Test(.enabled(if: StoreCommandTests.binaryBuilt, "needs .build/debug/winnow (run swift build first)"))
    func agreeReportAndAdjudicateReadTheStore() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let w = Run.winnow
        let env = ["WINNOW_STORE": f.url]
        // ann and bob judge samples 0-5; they differ on 2 and 4.
        let ann = (0..<6).map { i in i == 2 ? #"{"index": 2, "decision": "reject", "reasons": ["ocr"]}"# : #"{"index": \#(i), "decision": "accept"}"# }
        let bob = (0..<6).map { i in i == 4 ? #"{"index": 4, "decision": "reject", "reasons": ["ocr"]}"# : #"{"index": \#(i), "decision": "accept"}"# }
        for (name, lines) in [("ann", ann), ("bob", bob)] {
            let r = try Run.program([w, "decide", f.datasetPath, "--reviewer", name, "--from", "-"], environment: env,
                                    stdin: lines.joined(separator: "\n") + "\n")
            #expect(r.status == 0, "\(r.output)")
        }
        let fromStore = try Run.program([w, "agree", f.datasetPath, "--json"], environment: env)
        #expect(fromStore.status == 0, "\(fromStore.output)")
        #expect(fromStore.output.contains(#""samples":6"#) || fromStore.output.contains(#""samples": 6"#), "\(fromStore.output)")
        // The same figures from journal files pulled out of the store.
        var files: [String] = []
        for name in ["ann", "bob"] {
            let path = f.folder + "/\(name).jsonl"
            let pull = try Run.program([w, "store", "pull", "--store", f.url, f.datasetPath, "--reviewer", name, "-o", path])
            #expect(pull.status == 0, "\(pull.output)")
            files += ["--journal", path]
        }
        let fromFiles = try Run.program([w, "agree", f.datasetPath, "--json"] + files)
        #expect(fromFiles.status == 0, "\(fromFiles.output)")
        // The figures agree; only the reviewers' sources differ (the store's URL, the files).
        func figures(_ s: String) -> Substring { s.firstRange(of: #""samples""#).map { s[$0.lowerBound...] } ?? Substring(s) }
        #expect(figures(fromStore.output) == figures(fromFiles.output))
        #expect(fromStore.output.contains("#ann"))

        let report = try Run.program([w, "report", f.datasetPath], environment: env)
        #expect(report.status == 0, "\(report.output)")
        #expect(report.output.contains("ann") && report.output.contains("bob"), "\(report.output)")

        let list = try Run.program([w, "adjudicate", f.datasetPath, "--list", "--journal-out", f.folder + "/adj.jsonl"], environment: env)
        #expect(list.status == 1, "conflicts without a ruling: \(list.output)")
        #expect(list.output.contains("sample 2 (id s2)") && list.output.contains("sample 4 (id s4)"), "\(list.output)")
        #expect(list.output.contains("2 conflict(s)"), "\(list.output)")
        #expect(!list.output.contains("sample 3"), "\(list.output)")

        // No store and no journals: the usage message still explains what is needed.
        let none = try Run.program([w, "agree", f.datasetPath], environment: ["WINNOW_STORE": ""])
        #expect(none.status == 64, "\(none.output)")
    }
}
