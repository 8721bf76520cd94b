import Foundation
import Testing
import WinnowCore
@testable import WinnowStore

/// `assign --store`, `team status` agreement and `review --assigned` through the built binary.
@Suite("Team store commands")
struct TeamStoreCommandTests {
    static var binaryBuilt: Bool { FileManager.default.isExecutableFile(atPath: Run.winnow) }

    func slots(_ f: StoreFixture) throws -> (total: Int, samples: Int, overlap: Int) {
        let out = try f.server.psql("SELECT count(*), count(DISTINCT sample_index), coalesce(max(slot), 0) FROM winnow_slots", database: f.database)
        let v = out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|").compactMap { Int($0) }
        return (v.first ?? -1, v.count > 1 ? v[1] : -1, v.last ?? -1)
    }

    @Test(.enabled(if: binaryBuilt, "needs .build/debug/winnow (run swift build first)"))
    func assignWithStoreFillsThePoolAndStoreAssignIsTheSameCommand() throws {
        let f = try StoreFixture(samples: 40)
        defer { f.remove() }
        let w = Run.winnow
        let a = try Run.program([w, "assign", "--store", f.url, f.datasetPath, "--overlap", "2", "--sample", "10", "--seed", "3"])
        #expect(a.status == 0, "\(a.output)")
        #expect(a.output.contains("10 samples x 2 reviewers = 20 slots"), "\(a.output)")
        #expect(try slots(f) == (20, 10, 2))
        // Again without --replace: refused, the pool unchanged.
        let again = try Run.program([w, "assign", "--store", f.url, f.datasetPath, "--overlap", "3"])
        #expect(again.status != 0)
        #expect(again.output.contains("--replace"), "\(again.output)")
        // The alias, with gold: 3 gold samples offered, round(0.05 x 37) = 2 join the 37 others.
        let gold = f.folder + "/gold.jsonl"
        try (0..<3).map { #"{"index": \#(30 + $0), "decision": "accept"}"# }.joined(separator: "\n")
            .write(toFile: gold, atomically: true, encoding: .utf8)
        let s = try Run.program([w, "store", "assign", "--store", f.url, f.datasetPath, "--overlap", "3",
                                 "--seed", "3", "--gold", gold, "--gold-rate", "0.05", "--replace"])
        #expect(s.status == 0, "\(s.output)")
        #expect(s.output.contains("39 samples (2 of them gold) x 3 reviewers = 117 slots"), "\(s.output)")
        #expect(try slots(f) == (117, 39, 3))
        // The WINNOW_STORE environment works like --store.
        let env = try Run.program([w, "assign", f.datasetPath, "--overlap", "1", "--replace"], environment: ["WINNOW_STORE": f.url])
        #expect(env.status == 0, "\(env.output)")
        #expect(try slots(f) == (40, 40, 1))
        // A plan file's arguments with --store: one or the other.
        let both = try Run.program([w, "assign", "--store", f.url, f.datasetPath, "--reviewers", "ann,bob", "-o", f.folder + "/p.json"])
        #expect(both.status == 64, "\(both.output)")
        let neither = try Run.program([w, "assign", f.datasetPath], environment: ["WINNOW_STORE": ""])
        #expect(neither.status == 64, "\(neither.output)")
        #expect(neither.output.contains("--reviewers"), "\(neither.output)")
    }

    @Test(.enabled(if: binaryBuilt, "needs .build/debug/winnow (run swift build first)"))
    func teamStatusShowsTheFiguresOfAgreeFromTheStore() throws {
        let f = try StoreFixture(samples: 12)
        defer { f.remove() }
        let w = Run.winnow
        let before = try Run.program([w, "team", "status", "--store", f.url, f.datasetPath])
        #expect(before.status == 0, "\(before.output)")
        #expect(before.output.contains("agreement: needs two or more reviewers (0 so far)"), "\(before.output)")
        func decide(_ reviewer: String, _ lines: [String]) throws {
            let r = try Run.program([w, "decide", f.datasetPath, "--store", f.url, "--reviewer", reviewer, "--from", "-"],
                                    stdin: lines.joined(separator: "\n") + "\n")
            #expect(r.status == 0, "\(r.output)")
        }
        let ann = (0..<10).map { #"{"index": \#($0), "decision": "accept"}"# }
        var bob = ann
        bob[2] = #"{"index": 2, "decision": "reject", "reason": "ocr"}"#
        bob[7] = #"{"index": 7, "decision": "reject", "reason": "blur"}"#
        bob.append(#"{"index": 11, "decision": "accept"}"#)
        try decide("ann", ann)
        try decide("bob", bob)
        let status = try Run.program([w, "team", "status", "--store", f.url, f.datasetPath])
        #expect(status.status == 0, "\(status.output)")
        // The same figures as `winnow agree` on the same entries as journal files.
        var journals: [String] = []
        for r in ["ann", "bob"] {
            let path = f.folder + "/\(r).jsonl"
            let pull = try Run.program([w, "store", "pull", "--store", f.url, f.datasetPath, "--reviewer", r, "-o", path])
            #expect(pull.status == 0, "\(pull.output)")
            journals += ["--journal", path]
        }
        let agree = try Run.program([w, "agree", f.datasetPath] + journals)
        #expect(agree.status == 0, "\(agree.output)")
        let figures = agree.output.split(separator: "\n").filter {
            $0.contains("percent agreement") || $0.contains("Krippendorff") || $0.contains("Gwet") || $0.contains("Cohen's kappa")
                || $0.hasPrefix("samples judged")
        }
        #expect(figures.count == 5, "\(agree.output)")
        for line in figures { #expect(status.output.contains(line), "missing from team status: \(line)\n\(status.output)") }
        #expect(status.output.contains("percent agreement    0.800  (10 samples)"), "\(status.output)")
        let onDecision = try Run.program([w, "team", "status", "--store", f.url, f.datasetPath, "--on", "decision"])
        #expect(onDecision.output.contains("agreement on decision (accept / reject)"), "\(onDecision.output)")
    }

    @Test(.enabled(if: binaryBuilt, "needs .build/debug/winnow (run swift build first)"))
    func reviewAssignedClaimsABatchAndGivesItBackOnQuit() throws {
        let f = try StoreFixture(samples: 6)
        defer { f.remove() }
        let w = Run.winnow
        let noStore = try Run.program([w, "review", f.datasetPath, "--assigned", "--bench-first-frame"], environment: ["WINNOW_STORE": ""])
        #expect(noStore.status == 64, "\(noStore.output)")
        #expect(noStore.output.contains("--assigned claims work from the team store"), "\(noStore.output)")
        let none = try Run.program([w, "review", f.datasetPath, "--store", f.url, "--reviewer", "ann", "--assigned", "--bench-first-frame"])
        #expect(none.status == 1, "no assignment, no work: \(none.output)")
        #expect(none.output.contains("no assigned work left for 'ann'"), "\(none.output)")
        #expect(try Run.program([w, "assign", "--store", f.url, f.datasetPath, "--overlap", "1"]).status == 0)
        let ok = try Run.program([w, "review", f.datasetPath, "--store", f.url, "--reviewer", "ann", "--assigned", "--batch", "4",
                                  "--bench-first-frame"])
        #expect(ok.status == 0, "\(ok.output)")
        #expect(ok.output.contains("first-frame"), "\(ok.output)")
        // The batch was given back at the quit: bob can claim all six.
        let claim = try Run.program([w, "team", "claim", "--store", f.url, f.datasetPath, "--reviewer", "bob", "--batch", "10"])
        #expect(claim.output.split(separator: "\n").map(String.init) == ["0", "1", "2", "3", "4", "5"], "\(claim.output)")
    }
}
