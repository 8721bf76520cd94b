import Foundation
import Testing
import WinnowCore
@testable import WinnowStore
#if canImport(Glibc)
import Glibc
#endif

/// Faults against servers of their own (restarted, stopped) or connections cut on purpose.
@Suite("Store faults", .serialized)
struct StoreFaultTests {
    @Test func offlineEntriesAreSpooledThenResentOnceWithProvisionalNumbersRenumbered() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let f = try StoreFixture(server: server)
        defer { f.remove() }
        let data = try f.dataset()
        // Some entries online first, so the reviewer already has numbers in the store.
        let first = try StoreJournal.open(location: f.location, dataset: data, reviewer: "cy")
        try first.append(.accept, index: 0)
        first.close()
        try server.stopServer()
        let j = try StoreJournal.open(location: f.location, dataset: data, reviewer: "cy", connectTimeout: 2)
        #expect(!j.isOnline)
        #expect(j.problems.contains { $0.hasPrefix("offline:") })
        let a = try j.append(.reject(reasons: ["ocr"], note: nil), index: 1)
        #expect(a.sequence >= StoreJournal.provisionalBase)
        try j.append(.undo(sequence: a.sequence), index: 1)
        try j.append(.skip, index: 2)
        #expect(j.unsyncedCount == 3)
        #expect(j.syncStatus == "offline: 3 unsynced")
        #expect(try Spool(path: j.spool.path, fingerprint: data.fingerprint).entries().count == 3)
        try server.start()
        #expect(j.sync() == 0)
        #expect(!FileManager.default.fileExists(atPath: j.spool.path))
        #expect(j.review(at: 1).status == .undecided)
        #expect(j.review(at: 2).status == .skipped)
        #expect(j.entries.allSatisfy { $0.sequence < StoreJournal.provisionalBase })
        j.close()
        #expect(try f.counts(reviewer: "cy") == (4, 4))
        // The renumbered undo points at the renumbered reject: a fresh replay agrees.
        let again = try StoreJournal.open(location: f.location, dataset: data, reviewer: "cy")
        defer { again.close() }
        #expect(again.review(at: 1).status == .undecided)
        #expect(again.review(at: 0).status == .accepted)
    }

    @Test func aServerRestartInMidSessionLosesNothing() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let f = try StoreFixture(server: server)
        defer { f.remove() }
        let data = try f.dataset()
        let j = try StoreJournal.open(location: f.location, dataset: data, reviewer: "dee")
        defer { j.close() }
        for i in 0..<5 { try j.append(.accept, index: i) }
        try server.restart()
        for i in 5..<10 { try j.append(.skip, index: i) }
        j.sync()
        #expect(j.unsyncedCount == 0)
        #expect(try f.counts(reviewer: "dee") == (10, 10))
    }

    @Test(arguments: [true, false])
    func aConnectionCutDuringACommitSavesTheEntryExactlyOnce(reconnectWorks: Bool) throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let data = try f.dataset()
        let reviewer = reconnectWorks ? "eve" : "fay"
        let j = try StoreJournal.open(location: f.location, dataset: data, reviewer: reviewer)
        defer { j.close() }
        try j.append(.accept, index: 0)
        let db = f.database
        let cuts = Counter()
        // Cut this test's connections after the statement is sent: the server may or may not
        // have committed it. With `reconnectWorks` only the first statement is cut.
        PGConnection.afterSendHook = { conn in
            guard conn.location.url.hasSuffix("/" + db) else { return }
            guard !reconnectWorks || cuts.value == 0 else { return }
            cuts.increment()
            usleep(100_000)
            // The connection's socket now reads end-of-file, even if the answer had arrived.
            let null = open("/dev/null", O_RDWR)
            dup2(null, conn.socket)
            close(null)
        }
        let e = try j.append(.reject(reasons: ["cut"], note: nil), index: 1)
        PGConnection.afterSendHook = nil
        #expect(cuts.value >= 1)
        let spooled = try j.spool.entries()
        let rows = try f.counts(reviewer: reviewer).rows
        if reconnectWorks {
            #expect(spooled.isEmpty)
            #expect(rows == 2)
        } else {
            // Reported saved, so it is in the spool (and maybe committed as well).
            #expect(spooled.map(\.sequence) == [e.sequence])
        }
        #expect(j.sync() == 0)
        #expect(try f.counts(reviewer: reviewer) == (2, 2))
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    var value: Int { lock.withLock { n } }
    func increment() { lock.withLock { n += 1 } }
}
