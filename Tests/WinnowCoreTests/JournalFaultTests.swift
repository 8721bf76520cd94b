import Foundation
import Testing
@testable import WinnowCore

/// Disk faults at every write and fsync of a journal session: nothing is reported saved that is
/// not on disk, a failed line never stays in front of the next one, and the journal still reads
/// clean (what `winnow journal check` checks) afterwards.
@Suite struct JournalFaultTests {
    static let decisions: [(Decision, Int)] = [
        (.accept, 0),
        (.reject(reasons: ["ocr"], note: "字 wrong"), 1),
        (.edit(.turns([1: "新的回答"]), note: nil), 2),
        (.note(text: "看一下", flag: "check"), 0),
        (.skip, 1),
    ]

    private func makeDataset() throws -> Dataset {
        let text = (0..<3).map { #"{"id":"s\#($0)","conversations":[{"from":"human","value":"问题\#($0)"},{"from":"gpt","value":"回答\#($0)"}]}"# }
            .joined(separator: "\n") + "\n"
        return try openUncached(writeTemp(text, name: "data.jsonl"))
    }

    private struct Outcome {
        var saved: [JournalEntry] = []
        var failures: [String] = []
        var openFailed = false
    }

    /// Opens the journal through `io` and appends every decision, continuing after failures.
    private func run(_ io: FaultyFileCalls, dataset: Dataset, journal: String) -> Outcome {
        var outcome = Outcome()
        let j: Journal
        do {
            j = try Journal.open(path: journal, dataset: dataset, reviewer: "ann", mode: .readWrite, io: io)
        } catch {
            outcome.openFailed = true
            outcome.failures.append(error.description)
            return outcome
        }
        defer { j.close() }
        for (decision, index) in Self.decisions {
            do {
                let e = try j.append(decision, index: index)
                outcome.saved.append(e)
                // "Saved" means on disk now: the reader finds it as the last entry.
                let onDisk = try? JournalReader.read(path: journal)
                #expect(onDisk?.items.last?.entry == e, "entry \(e.sequence) reported saved but not on disk")
            } catch {
                outcome.failures.append(error.description)
            }
        }
        return outcome
    }

    @Test func everyFaultAtEveryCallKeepsTheJournalClean() throws {
        let dataset = try makeDataset()
        var checked = 0
        for (op, fault) in FaultyFileCalls.kinds where op == .write || op == .fsync {
            for position in 0..<8 {
                let dir = makeTempDir()
                let journal = dir.appendingPathComponent("j.jsonl").path
                let io = FaultyFileCalls(op, at: position, fault)
                let outcome = run(io, dataset: dataset, journal: journal)
                let label = "\(op) \(fault) at call \(position)"
                let silent: Bool = { if case .shortWrite(nil) = fault { return true }; return false }()
                if io.fired && !silent {
                    #expect(outcome.failures.count == 1, "\(label): \(outcome.failures)")
                    #expect(outcome.failures.allSatisfy { $0.contains("NOT saved") }, "\(label): \(outcome.failures)")
                } else {
                    #expect(outcome.failures.isEmpty, "\(label): \(outcome.failures)")
                }
                if !outcome.openFailed {
                    // Every decision but the failed one was saved: the journal stayed appendable.
                    #expect(outcome.saved.count == Self.decisions.count - outcome.failures.count, "\(label)")
                }
                // What the reader finds is exactly what was reported saved, with no damage.
                let contents = try JournalReader.read(path: journal)
                #expect(contents.issues.isEmpty, "\(label): \(contents.issues)")
                #expect(contents.items.map(\.entry) == outcome.saved, "\(label)")
                // And it opens for writing again without anything to set aside.
                let again = try Journal.open(path: journal, dataset: dataset, reviewer: "bob", mode: .readWrite)
                #expect(again.problems.isEmpty, "\(label): \(again.problems)")
                let next = try again.append(.accept, index: 2)
                #expect(next.sequence == (outcome.saved.last?.sequence ?? 0) + 1, "\(label)")
                again.close()
                try? FileManager.default.removeItem(at: dir)
                checked += 1
            }
        }
        #expect(checked == 6 * 8)
    }

    @Test func aFailedCutBackStopsTheJournalAndSaysSo() throws {
        let dataset = try makeDataset()
        for (op, fault) in FaultyFileCalls.kinds where op == .write || op == .fsync {
            if case .shortWrite(nil) = fault { continue }
            for position in 1..<6 {  // call 0 is the header, written while opening
                let dir = makeTempDir()
                let journal = dir.appendingPathComponent("j.jsonl").path
                let io = FaultyFileCalls(op, at: position, fault, truncateAlsoFails: true)
                let outcome = run(io, dataset: dataset, journal: journal)
                let label = "\(op) \(fault) at call \(position), truncate fails"
                #expect(io.fired, "\(label)")
                // The failed decision and every one after it are refused, and say why.
                #expect(outcome.saved.count + outcome.failures.count == Self.decisions.count, "\(label)")
                #expect(outcome.failures.first?.contains("NOT saved") == true, "\(label): \(outcome.failures)")
                #expect(outcome.failures.allSatisfy { $0.contains("no longer accepts decisions") }, "\(label): \(outcome.failures)")
                // Everything reported saved is on disk, in order, undamaged; at most the failed
                // line follows it (a torn fragment, or the whole line when only fsync failed).
                let contents = try JournalReader.read(path: journal)
                #expect(Array(contents.items.map(\.entry).prefix(outcome.saved.count)) == outcome.saved, "\(label)")
                #expect(contents.items.count <= outcome.saved.count + 1, "\(label)")
                #expect(contents.issues.allSatisfy { $0.kind == .torn }, "\(label): \(contents.issues)")
                // Reopening sets any fragment aside; the journal then checks clean.
                let again = try Journal.open(path: journal, dataset: dataset, reviewer: "bob", mode: .readWrite)
                try again.append(.accept, index: 2)
                again.close()
                #expect(try JournalReader.read(path: journal).issues.isEmpty, "\(label)")
                try? FileManager.default.removeItem(at: dir)
            }
        }
    }
}

/// The merge output under the same faults: a failed write, fsync or rename leaves neither a
/// partial OUT nor the temporary file, and an OUT that was there before stays as it was.
@Suite struct OutputFileFaultTests {
    @Test func noPartialOutputUnderAnyFault() throws {
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: 100_000)
        let expected = Array("[\n".utf8) + big + Array("\n]\n".utf8)
        for (op, fault) in FaultyFileCalls.kinds {
            for position in 0..<4 {
                let dir = makeTempDir()
                let out = dir.appendingPathComponent("out.json").path
                _ = FileManager.default.createFile(atPath: out, contents: Data("old".utf8))
                let io = FaultyFileCalls(op, at: position, fault)
                let label = "\(op) \(fault) at call \(position)"
                var succeeded = false
                do {
                    let f = try OutputFile(path: out, io: io)
                    do {
                        try f.write("[\n")
                        let failure: MergeError? = big.withUnsafeBytes { b in
                            do throws(MergeError) { try f.write(b); return nil } catch { return error }
                        }
                        if let failure { throw failure }
                        try f.write("\n]\n")
                        try f.finish()
                        try f.rename()
                        succeeded = true
                    } catch {
                        f.discard()
                    }
                }
                let now = try Data(contentsOf: URL(fileURLWithPath: out))
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "out.json" }
                #expect(leftovers.isEmpty, "\(label): \(leftovers)")
                if succeeded {
                    #expect(Array(now) == expected, "\(label)")
                } else {
                    #expect(io.fired, "\(label)")
                    #expect(now == Data("old".utf8), "\(label)")
                }
                let silent: Bool = { if case .shortWrite(nil) = fault { return true }; return false }()
                if io.fired && !silent { #expect(!succeeded, "\(label)") }
                try? FileManager.default.removeItem(at: dir)
            }
        }
    }
}
