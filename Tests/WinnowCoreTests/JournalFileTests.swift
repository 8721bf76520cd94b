import Foundation
import Testing
@testable import WinnowCore

@Suite struct JournalFileTests {
    /// A fresh folder per test (Swift Testing makes a new suite value for each test).
    private let tempDir = JournalTempDir()

    private func setUp(count: Int = 6, style: String = "jsonl") throws -> (JournalTempDir, Dataset, String) {
        let dir = tempDir
        let dataPath = dir.file("data.jsonl")
        try JournalFixtures.writeDataset(dataPath, style: style, count: count)
        return (dir, try Dataset.open(path: dataPath), Journal.defaultPath(forDataset: dataPath))
    }

    private func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test func entriesSurviveReopening() throws {
        let (_, dataset, path) = try setUp()
        let j = try Journal.open(path: path, dataset: dataset, reviewer: "ann", mode: .readWrite)
        let e = try j.append(.reject(reasons: ["ocr"], note: "n"), index: 2)
        #expect(e.sequence == 1)
        #expect(e.id == "s2")
        #expect(e.sampleHash == dataset.sampleHash(at: 2))
        try j.append(.accept, index: 3)
        #expect(j.decidedCount == 2)
        j.close()
        let again = try Journal.open(path: path, dataset: dataset, reviewer: "bob", mode: .readWrite)
        #expect(again.review(at: 2).status == .rejected)
        #expect(again.review(at: 2).reasons == ["ocr"])
        #expect(again.review(at: 2).reviewer == "ann")
        #expect(again.review(at: 3).status == .accepted)
        #expect(again.problems.isEmpty)
        #expect(try again.append(.skip, index: 0).sequence == 3)
        #expect(throws: JournalError.self) { try again.append(.accept, index: 6) }
    }

    @Test func appendIsOnDiskWhenItReturns() throws {
        let (_, dataset, path) = try setUp()
        let j = try Journal.open(path: path, dataset: dataset, reviewer: "ann", mode: .readWrite)
        let before = try bytes(path).count
        try j.append(.accept, index: 1)
        let after = try bytes(path)
        #expect(after.count > before)
        #expect(after.last == 0x0A)
        let c = try JournalReader.read(path: path)
        #expect(c.items.map(\.entry.index) == [1])
    }

    @Test func secondWriterIsRefusedNamingTheHolderAndReadersStillWork() throws {
        let (_, dataset, path) = try setUp()
        let writer = try Journal.open(path: path, dataset: dataset, reviewer: "ann", mode: .readWrite)
        try writer.append(.accept, index: 0)
        do {
            _ = try Journal.open(path: path, dataset: dataset, reviewer: "bob", mode: .readWrite)
            Issue.record("a second writer was allowed")
        } catch {
            guard case .locked(_, let pid, let host) = error else { Issue.record("wrong error \(error)"); return }
            #expect(pid == getpid())
            #expect(!host.isEmpty)
            #expect(error.description.contains("open for writing by process \(getpid()) on"))
        }
        let reader = try Journal.open(path: path, dataset: dataset, reviewer: "bob", mode: .readOnly)
        #expect(reader.review(at: 0).status == .accepted)
        #expect(throws: JournalError.self) { try reader.append(.accept, index: 1) }
        writer.close()
        #expect(!FileManager.default.fileExists(atPath: path + ".lock"))
        let next = try Journal.open(path: path, dataset: dataset, reviewer: "bob", mode: .readWrite)
        #expect(next.review(at: 0).status == .accepted)
    }

    @Test func tornTailIsSetAsideAndTruncated() throws {
        let (dir, dataset, path) = try setUp()
        let j = try Journal.open(path: path, dataset: dataset, reviewer: "ann", mode: .readWrite)
        try j.append(.accept, index: 0)
        try j.append(.reject(reasons: ["x"], note: nil), index: 1)
        j.close()
        let good = try bytes(path)
        let torn = Array(#"{"seq":3,"time":"2026-11-27T00:00:00.000Z","reviewer":"ann","index":2,"#.utf8)
        try Data(good + torn).write(to: URL(fileURLWithPath: path))

        // Read-only use reports the tail and changes nothing.
        let reader = try Journal.open(path: path, dataset: dataset, reviewer: "x", mode: .readOnly)
        #expect(reader.issues.contains { $0.kind == .torn })
        #expect(try bytes(path) == good + torn)

        let writer = try Journal.open(path: path, dataset: dataset, reviewer: "ann", mode: .readWrite)
        let tornIssue = writer.issues.first { $0.kind == .torn }
        #expect(tornIssue?.message.contains(".torn-") == true)
        #expect(try bytes(path) == good)
        let aside = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".torn-") }
        #expect(aside.count == 1)
        if let name = aside.first { #expect(try bytes(dir.file(name)) == torn) }
        #expect(writer.review(at: 1).status == .rejected)
        #expect(try writer.append(.accept, index: 2).sequence == 3)
        writer.close()
        #expect(try JournalReader.read(path: path).issues.isEmpty)
    }

    @Test func damagedMiddleLineIsReportedSkippedAndKept() throws {
        let (_, dataset, path) = try setUp()
        let j = try Journal.open(path: path, dataset: dataset, reviewer: "ann", mode: .readWrite)
        try j.append(.accept, index: 0)
        try j.append(.reject(reasons: ["x"], note: nil), index: 1)
        try j.append(.accept, index: 2)
        j.close()
        var b = try bytes(path)
        let lines = b.split(separator: 0x0A, omittingEmptySubsequences: false)
        let offset = lines[0].count + 1 + lines[1].count + 1 + 20  // inside the reject line
        b[offset] ^= 0x01
        try Data(b).write(to: URL(fileURLWithPath: path))
        let again = try Journal.open(path: path, dataset: dataset, reviewer: "ann", mode: .readWrite)
        #expect(again.issues.map(\.kind) == [.damaged])
        #expect(again.issues.first?.line == 3)
        #expect(again.review(at: 0).status == .accepted)
        #expect(again.review(at: 1).status == .undecided)
        #expect(again.review(at: 2).status == .accepted)
        again.close()
        #expect(try bytes(path).starts(with: b))  // damaged bytes stay in the file
    }

    @Test func changedDatasetMakesEntriesStaleAndMatchByIDReattaches() throws {
        let (dir, dataset, path) = try setUp(count: 4)
        let j = try Journal.open(path: path, dataset: dataset, reviewer: "ann", mode: .readWrite)
        try j.append(.reject(reasons: ["x"], note: nil), index: 0)
        try j.append(.accept, index: 1)
        try j.append(.accept, index: 3)
        j.close()
        // Rewrite the dataset: sample 0 removed, so every sample moves up by one.
        let dataPath = dir.file("data.jsonl")
        let lines = try String(contentsOfFile: dataPath, encoding: .utf8).split(separator: "\n")
        try (lines.dropFirst().joined(separator: "\n") + "\n").write(toFile: dataPath, atomically: true, encoding: .utf8)
        let changed = try Dataset.open(path: dataPath)
        #expect(changed.fingerprint != dataset.fingerprint)

        let plain = try Journal.open(path: path, dataset: changed, reviewer: "ann", mode: .readOnly)
        #expect(plain.staleEntries.count == 3)
        #expect(plain.issues.filter { $0.kind == .stale }.count == 3)
        #expect(plain.decidedCount == 0)

        let byID = try Journal.open(path: path, dataset: changed, reviewer: "ann", mode: .readWrite, matchByID: true)
        #expect(byID.staleEntries.count == 1)  // s0 is gone
        #expect(byID.review(at: 0).status == .accepted)  // s1 now at 0
        #expect(byID.review(at: 2).status == .accepted)  // s3 now at 2
        #expect(byID.review(at: 1).status == .undecided)
        // A new header records the new fingerprint; entries after it apply without re-matching.
        try byID.append(.reject(reasons: ["y"], note: nil), index: 1)
        byID.close()
        let c = try JournalReader.read(path: path)
        #expect(c.headers.map(\.fingerprint) == [dataset.fingerprint, changed.fingerprint])
        let reread = try Journal.open(path: path, dataset: changed, reviewer: "ann", mode: .readOnly)
        #expect(reread.review(at: 1).status == .rejected)
    }

    @Test func undoWithoutSequenceTargetsLatestAndUndoOfUndoRedoes() throws {
        let (_, dataset, path) = try setUp()
        let j = try Journal.open(path: path, dataset: dataset, reviewer: "ann", mode: .readWrite)
        try j.append(.accept, index: 4)
        try j.append(.edit(.turns([0: "fixed"]), note: nil), index: 4)
        guard let latest = j.latestUndoableEntry(at: 4) else { Issue.record("nothing to undo"); return }
        #expect(latest.sequence == 2)
        let u = try j.append(.undo(sequence: latest.sequence), index: 0)
        #expect(u.index == 4)  // recorded on the undone entry's sample
        #expect(j.review(at: 4).status == .accepted)
        #expect(j.review(at: 4).edit == nil)
        try j.append(.undo(sequence: u.sequence), index: 4)
        #expect(j.review(at: 4).status == .edited)
        #expect(j.review(at: 4).edit == .turns([0: "fixed"]))
        // A plain undo skips notes and takes decisions back one by one.
        try j.append(.note(text: "hm", flag: nil), index: 4)
        #expect(j.latestUndoableEntry(at: 4)?.sequence == 2)
        try j.append(.undo(sequence: 2), index: 4)
        #expect(j.latestUndoableEntry(at: 4)?.sequence == 1)
        try j.append(.undo(sequence: 1), index: 4)
        #expect(j.latestUndoableEntry(at: 4) == nil)
        #expect(j.review(at: 4).status == .undecided)
        #expect(j.review(at: 4).notes == ["hm"])
        #expect(throws: JournalError.self) { try j.append(.undo(sequence: 99), index: 4) }
    }

    @Test func unwritableFolderSuggestsJournalOption() throws {
        let (_, dataset, _) = try setUp()
        let path = "/proc/winnow-no-such-folder/x.winnow.jsonl"
        do {
            _ = try Journal.open(path: path, dataset: dataset, reviewer: "a", mode: .readWrite)
            Issue.record("opened a journal in an unwritable place")
        } catch {
            guard case .notWritable = error else { Issue.record("wrong error \(error)"); return }
            #expect(error.description.contains("--journal"))
        }
    }
}
