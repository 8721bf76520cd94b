import Foundation
import Testing
import WinnowCore
@testable import WinnowStore

@Suite("Store journal against a real PostgreSQL")
struct StoreJournalTests {
    @Test func decisionsAreCommittedAndReplayedLikeAJournal() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let data = try f.dataset()
        let j = try StoreJournal.open(location: f.location, dataset: data, reviewer: "ann")
        let a = try j.append(.accept, index: 1)
        try j.append(.reject(reasons: ["ocr"], note: "blurry"), index: 2)
        try j.append(.undo(sequence: a.sequence), index: 1)
        #expect(j.isOnline)
        #expect(j.unsyncedCount == 0)
        j.close()
        let again = try StoreJournal.open(location: f.location, dataset: data, reviewer: "ann")
        defer { again.close() }
        #expect(again.review(at: 1).status == .undecided)
        #expect(again.review(at: 2).status == .rejected)
        #expect(again.review(at: 2).reasons == ["ocr"])
        #expect(again.entries.count == 3)
        #expect(try f.counts(reviewer: "ann") == (3, 3))
    }

    @Test func anotherFingerprintIsRefusedWithBothNamed() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let registered = try f.dataset().fingerprint
        try StoreFixture.datasetText(samples: 20, salt: " changed").write(toFile: f.datasetPath, atomically: false, encoding: .utf8)
        let changed = try Dataset.open(path: f.datasetPath)
        #expect(changed.fingerprint != registered)
        do {
            _ = try StoreJournal.open(location: f.location, dataset: changed, reviewer: "bob")
            Issue.record("a changed dataset was accepted")
        } catch let error as StoreError {
            #expect(error.description.contains(registered))
            #expect(error.description.contains(changed.fingerprint))
        }
    }

    @Test func aMalformedURLIsRefusedBeforeConnecting() throws {
        #expect(throws: StoreError.self) { try StoreLocation("mysql://x@y/z") }
        do {
            _ = try StoreLocation("postgres://ann:topsecret@host:notaport/db?bogus=1")
            Issue.record("a bad URL was accepted")
        } catch {
            #expect(!error.description.contains("topsecret"))
            #expect(error.description.contains("***"))
        }
    }

    @Test func aRefusedLoginIsAnErrorNotOfflineAndHidesThePassword() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let url = f.server.url(database: f.database, user: "ann", password: "wrong-password-123")
        do {
            _ = try StoreJournal.open(location: StoreLocation(url), dataset: f.dataset(), reviewer: "ann")
            Issue.record("a wrong password was accepted")
        } catch let error as StoreError {
            #expect(error.description.contains("authentication failed"))
            #expect(!error.description.contains("wrong-password-123"))
        }
        // The right password works, and the location never shows it.
        let good = try StoreLocation(f.server.url(database: f.database, user: "ann", password: "ann-secret"))
        #expect(!good.redacted.contains("ann-secret"))
        try f.server.psql("GRANT ALL ON ALL TABLES IN SCHEMA public TO ann; GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ann", database: f.database)
        let j = try StoreJournal.open(location: good, dataset: f.dataset(), reviewer: "ann")
        defer { j.close() }
        #expect(j.isOnline)
    }

    @Test func aMissingSchemaSaysToRunInit() throws {
        let f = try StoreFixture(initSchema: false)
        defer { f.remove() }
        do {
            _ = try StoreJournal.open(location: f.location, dataset: f.dataset(), reviewer: "ann")
            Issue.record("opened without a schema")
        } catch let error as StoreError {
            #expect(error == .noSchema(location: try f.location.redacted))
            #expect(error.description.contains("winnow store init"))
        }
    }

    @Test func anOlderSchemaIsRefusedAndInitMigratesIt() throws {
        let f = try StoreFixture(initSchema: false)
        defer { f.remove() }
        let c = try f.client()
        defer { c.close() }
        try c.migrate(to: 1)
        _ = try c.register(dataset: f.dataset())
        do {
            _ = try StoreJournal.open(location: f.location, dataset: f.dataset(), reviewer: "ann")
            Issue.record("opened an old schema")
        } catch let error as StoreError {
            #expect(error == .schemaVersion(location: try f.location.redacted, found: 1, expected: StoreSchema.currentVersion))
        }
        #expect(try c.migrate() == Array(2...StoreSchema.currentVersion))
        #expect(try c.migrate() == [])
        let j = try StoreJournal.open(location: f.location, dataset: f.dataset(), reviewer: "ann")
        j.close()
    }

    @Test func pushThenPullGivesTheSameEntries() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let data = try f.dataset()
        let path = f.folder + "/ann.winnow.jsonl"
        let journal = try Journal.open(path: path, dataset: data, reviewer: "ann", mode: .readWrite)
        let e = try journal.append(.edit(.turns([1: "新的回答 \"quoted\" \\ back"]), note: "fixed"), index: 3)
        try journal.append(.reject(reasons: ["hallucination", "ocr"], note: nil), index: 4)
        try journal.append(.undo(sequence: e.sequence), index: 3)
        try journal.append(.note(text: "look again", flag: "later"), index: 5)
        journal.close()
        let contents = try JournalReader.read(path: path)
        let c = try f.client()
        defer { c.close() }
        let reg = try c.find(dataset: data)
        #expect(try c.send(batch: contents.items.map(\.entry), dataset: reg, host: "test") == 4)
        // A second push is harmless.
        #expect(try c.send(batch: contents.items.map(\.entry), dataset: reg, host: "test") == 0)
        let pulled = try c.contents(dataset: reg, reviewer: "ann")
        #expect(pulled.count == 1)
        #expect(pulled.first?.items.map(\.entry) == contents.items.map(\.entry))
        #expect(pulled.first?.issues.isEmpty == true)
        // New numbers for ann never reuse the pushed ones.
        #expect(try c.reserveSequences(dataset: reg, reviewer: "ann", count: 1) == 5)
    }

    @Test func anEntryWithTheSameNumberAndOtherContentIsAConflict() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let data = try f.dataset()
        let c = try f.client()
        defer { c.close() }
        let reg = try c.find(dataset: data)
        let e = JournalEntry(sequence: 1, time: JournalLine.now(), reviewer: "bob", index: 0, id: "s0",
                             sampleHash: data.sampleHash(at: 0), decision: .accept)
        #expect(try c.send(e, dataset: reg, host: "h") == .inserted)
        #expect(try c.send(e, dataset: reg, host: "h") == .alreadyThere)
        var other = e
        other.decision = .skip
        #expect(throws: StoreError.conflict(reviewer: "bob", sequence: 1)) { try c.send(other, dataset: reg, host: "h") }
    }
}
