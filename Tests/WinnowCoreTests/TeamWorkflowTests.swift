import Foundation
import Testing
@testable import WinnowCore

/// A small dataset and reviewers' journals written through `Journal`, as the CLI writes them.
struct TeamFixture {
    let dir = JournalTempDir()
    let dataset: Dataset

    init(count: Int = 10, name: String = "d.jsonl", salt: String = "") throws {
        var text = ""
        for i in 0..<count {
            text += #"{"id":"s\#(i)","image":"i\#(i).jpg","conversations":[{"from":"human","value":"<image>\nQ\#(i)\#(salt)"},{"from":"gpt","value":"answer \#(i)"}]}"# + "\n"
        }
        let path = dir.file(name)
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        dataset = try Dataset.open(path: path, options: DatasetOptions(useIndexCache: false))
    }

    /// Writes a journal for `reviewer` and returns its contents.
    func journal(_ reviewer: String, _ decisions: [(Int, Decision)], rulings: Bool = false, file: String? = nil) throws -> JournalContents {
        let p = dir.file(file ?? "\(reviewer).jsonl")
        let j = try Journal.open(path: p, dataset: dataset, reviewer: reviewer, mode: .readWrite)
        for (i, d) in decisions { try j.append(d, index: i, ruling: rulings ? Ruling() : nil) }
        j.close()
        return try JournalReader.read(path: p)
    }

    func states(_ contents: [JournalContents]) throws(TeamError) -> TeamJournals { try TeamJournals(contents, dataset: dataset) }

    var original: (Int) -> [Turn]? {
        { i in if case .success(let s) = dataset.sample(at: i) { return s.turns }; return nil }
    }
}

@Suite struct TeamLabelTests {
    @Test func skipAndUndecidedAreNoJudgmentAndEditsAreAccepts() {
        #expect(ReviewerLabel(SampleReview(status: .skipped), on: .reasons) == nil)
        #expect(ReviewerLabel(SampleReview.undecided, on: .decision) == nil)
        #expect(ReviewerLabel(SampleReview(status: .edited, edit: .turns([0: "x"])), on: .reasons) == ReviewerLabel(verdict: .accept))
        let r = SampleReview(status: .rejected, reasons: ["ocr", "blur", "ocr"])
        #expect(ReviewerLabel(r, on: .reasons)?.description == "reject: blur+ocr")
        #expect(ReviewerLabel(r, on: .decision)?.description == "reject")
        #expect(ReviewerLabel.hasReason(r, "ocr") == true)
        #expect(ReviewerLabel.hasReason(SampleReview(status: .accepted), "ocr") == false)
        #expect(ReviewerLabel.hasReason(SampleReview(status: .skipped), "ocr") == nil)
    }

    @Test func labelsComeFromTheFinalStateAfterUndo() throws {
        let f = try TeamFixture()
        let a = try f.journal("ann", [(0, .accept), (0, .reject(reasons: ["ocr"], note: nil)), (0, .undo(sequence: 2)), (1, .skip)])
        let team = try f.states([a])
        #expect(team.reviewers[0].label(at: 0, on: .reasons) == ReviewerLabel(verdict: .accept))
        #expect(team.reviewers[0].label(at: 1, on: .reasons) == nil)
        #expect(team.reviewers[0].reviewer == "ann")
    }
}

@Suite struct TeamAgreementFromJournalsTests {
    @Test func reportRestsOnPairableSamplesAndListsSingleOnes() throws {
        let f = try TeamFixture()
        let ann = try f.journal("ann", [(0, .accept), (1, .accept), (2, .reject(reasons: ["ocr"], note: nil)), (3, .accept), (4, .skip)])
        let bob = try f.journal("bob", [(0, .accept), (1, .reject(reasons: ["ocr"], note: nil)), (2, .reject(reasons: ["ocr"], note: nil)), (4, .accept)])
        let team = try f.states([ann, bob])
        let report = AgreementReport(team.reviewers, on: .reasons, original: f.original)
        #expect(report.samples == 5)
        #expect(report.judgments == 8)
        #expect(report.percentAgreement.samples == 3)
        #expect(report.percentAgreement.value == 2.0 / 3.0)
        // Sample 3 (ann only) and sample 4 (ann skipped, bob accepted) rest on one judgment.
        #expect(report.singleReviewer == [3, 4])
        #expect(report.pairs.count == 1)
        #expect(report.pairs[0].samples == 3)
        #expect(report.pairs[0].confusion.counts == [[1, 1], [0, 1]])
        #expect(report.reasons.map(\.reason) == ["ocr"])
        let json = try JSONLineDecoding.parse(report.json)
        for key in ["samples", "judgments", "percent_agreement", "krippendorff_alpha", "fleiss_kappa", "gwet_ac1", "pairs"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        let pair = try #require(json["pairs"]?.arrayValue?.first)
        for key in ["a", "b", "samples", "percent_agreement", "cohen_kappa"] { #expect(pair[key] != nil, "pairs lack \(key)") }
    }

    @Test func fleissIsNullWhenJudgmentCountsDiffer() throws {
        let f = try TeamFixture()
        let a = try f.journal("a", [(0, .accept), (1, .accept), (2, .accept)])
        let b = try f.journal("b", [(0, .accept), (1, .reject(reasons: [], note: nil)), (2, .accept)])
        let c = try f.journal("c", [(0, .accept), (1, .accept)])
        let report = AgreementReport(try f.states([a, b, c]).reviewers, on: .decision, original: f.original)
        #expect(report.fleissKappa.value == nil)
        #expect(try JSONLineDecoding.parse(report.json)["fleiss_kappa"] == .null)
        #expect(report.krippendorffAlpha.samples == 3)
    }

    @Test func editAgreementComparesTheEditedTexts() throws {
        let f = try TeamFixture()
        let a = try f.journal("a", [(0, .edit(.turns([1: "abcd"]), note: nil)), (1, .edit(.turns([1: "same"]), note: nil)), (2, .edit(.turns([1: "x"]), note: nil))])
        let b = try f.journal("b", [(0, .edit(.turns([1: "abXd"]), note: nil)), (1, .edit(.conversation([
            Turn(role: Role(name: "human"), roleName: "human", text: "<image>\nQ1"),
            Turn(role: Role(name: "gpt"), roleName: "gpt", text: "same")]), note: nil)), (2, .accept)])
        let team = try f.states([a, b])
        let e = EditAgreement.pair(team.reviewers[0], team.reviewers[1], original: f.original)
        #expect(e.samples == 2)
        #expect(e.exactMatches == 1)
        // "gpt: abcd" vs "gpt: abXd" (with the human turn before): one deletion and one insertion.
        let texts = ("human: <image>\nQ0\ngpt: abcd", "human: <image>\nQ0\ngpt: abXd")
        let d = 2.0 / Double(texts.0.count + texts.1.count)
        #expect(abs((e.meanDistance ?? -1) - d / 2) < 1e-12)
    }

    @Test func goldAccuracyAndKappa() throws {
        let f = try TeamFixture()
        let a = try f.journal("a", [(0, .accept), (1, .reject(reasons: ["ocr"], note: nil)), (2, .accept), (3, .accept)])
        let gold = try GoldSet.parse(Array(#"{"index":0,"decision":"accept"}\#n{"id":"s1","decision":"reject","reason":"ocr"}\#n{"index":2,"decision":"reject","reasons":["ocr"]}\#n"#.utf8),
                                     path: "g.jsonl", count: f.dataset.count) { f.dataset.index(ofID: $0) }
        #expect(gold.indices == [0, 1, 2])
        let rows = ReferenceAgreement.rows(try f.states([a]).reviewers, reference: gold.reviews, on: .reasons)
        #expect(rows[0].samples == 3)
        #expect(rows[0].correct == 2)
        #expect(rows[0].cohenKappa.map { ($0 * 1000).rounded() / 1000 } == 0.400)
    }

    @Test func badGoldLinesNameTheirLine() {
        #expect(throws: TeamError.badLine(path: "g", line: 2, reason: "a gold answer is \"accept\" or \"reject\", not \"skip\"")) {
            _ = try GoldSet.parse(Array("{\"index\":0,\"decision\":\"accept\"}\n{\"index\":1,\"decision\":\"skip\"}\n".utf8), path: "g", count: 5) { _ in nil }
        }
        #expect(throws: TeamError.self) {
            _ = try GoldSet.parse(Array("{\"index\":9,\"decision\":\"accept\"}\n".utf8), path: "g", count: 5) { _ in nil }
        }
    }
}

@Suite struct TeamBadInputTests {
    @Test func aJournalOfAnotherDatasetIsRefusedWithItsPath() throws {
        let f = try TeamFixture()
        let other = try TeamFixture(salt: "other")
        let mine = try f.journal("ann", [(0, .accept)])
        let theirs = try other.journal("bob", [(0, .accept)])
        do {
            _ = try f.states([mine, theirs])
            Issue.record("a journal of another dataset was accepted")
        } catch {
            guard case .badFile(let path, let reason) = error else { Issue.record("wrong error \(error)"); return }
            #expect(path == theirs.path)
            #expect(reason.contains("another dataset"))
        }
    }

    @Test func oneNameInTwoJournalsIsReportedAndKeptApart() throws {
        let f = try TeamFixture()
        let a = try f.journal("ann", [(0, .accept)], file: "a.jsonl")
        let b = try f.journal("ann", [(0, .accept)], file: "b.jsonl")
        let team = try f.states([a, b])
        #expect(team.reviewers.map(\.reviewer) == ["ann", "ann#2"])
        #expect(team.warnings.count == 1)
        #expect(team.warnings.first?.contains("a.jsonl") == true)
    }

    @Test func theAdjudicatorsJournalIsNotAReviewer() throws {
        let f = try TeamFixture()
        let a = try f.journal("ann", [(0, .accept)])
        let b = try f.journal("bob", [(0, .reject(reasons: [], note: nil))])
        let adj = try f.journal("judy", [(0, .accept)], rulings: true)
        let team = try f.states([a, b, adj])
        #expect(team.reviewers.map(\.reviewer) == ["ann", "bob"])
        #expect(team.adjudicator?.reviewer == "judy")
        #expect(team.adjudicator?.rulings.keys.sorted() == [0])
    }
}

@Suite struct TeamRulingJournalTests {
    @Test func rulingsRoundTripAndOldLinesStillRead() throws {
        let entry = JournalEntry(sequence: 3, time: "2026-11-27T02:31:05.412Z", reviewer: "judy", index: 4, id: "s4",
                                 sampleHash: "h", decision: .reject(reasons: ["ocr"], note: nil), ruling: Ruling(basis: .picked, picked: "bob"))
        let line = JournalLine.entry(entry)
        #expect(String(decoding: line, as: UTF8.self).contains(#""ruling":{"basis":"picked","picked":"bob"},"crc""#))
        let path = writeTemp(JournalLine.header(JournalHeader(fingerprint: "f", created: "x")) + line + JournalLine.entry(JournalEntry(
            sequence: 4, time: "t", reviewer: "ann", index: 1, id: "s1", sampleHash: "h", decision: .accept)), name: "j.jsonl")
        let contents = try JournalReader.read(path: path)
        #expect(contents.items.map(\.entry.ruling) == [Ruling(basis: .picked, picked: "bob"), nil])
        #expect(contents.issues.isEmpty)
    }

    @Test func undoingARulingLeavesTheSampleUnruled() throws {
        let f = try TeamFixture()
        let p = f.dir.file("adj.jsonl")
        let j = try Journal.open(path: p, dataset: f.dataset, reviewer: "judy", mode: .readWrite)
        let e = try j.append(.accept, index: 2, ruling: Ruling())
        try j.append(.undo(sequence: e.sequence), index: 2)
        j.close()
        let state = ReviewerState(replay: JournalReplay(contents: try JournalReader.read(path: p), dataset: f.dataset, matchByID: false), source: p)
        #expect(state.hasRulings)
        #expect(state.rulings.isEmpty)
    }
}

@Suite struct TeamAdjudicationTests {
    @Test func conflictsMajorityUnanimousAndSingle() throws {
        let f = try TeamFixture()
        let a = try f.journal("a", [(0, .accept), (1, .accept), (2, .edit(.turns([1: "x"]), note: nil)), (3, .accept), (4, .accept)])
        let b = try f.journal("b", [(0, .accept), (1, .reject(reasons: ["ocr"], note: "n")), (2, .edit(.turns([1: "y"]), note: nil)), (3, .accept)])
        let c = try f.journal("c", [(0, .accept), (1, .accept), (2, .edit(.turns([1: "x"]), note: nil)), (3, .skip)])
        let team = try f.states([a, b, c])
        let adj = Adjudication(team.reviewers, on: .reasons, original: f.original, id: { "s\($0)" })
        #expect(adj.conflicts.map(\.index) == [1, 2])
        #expect(adj.conflicts[0].majority == ReviewerLabel(verdict: .accept))
        #expect(adj.conflicts[0].sides.map(\.review.note) == [nil, "n", nil])
        #expect(adj.unanimous.map(\.index) == [0, 3])
        #expect(adj.singleReviewer == [4])
        // The JSON lists every side with decision, reasons, note, time and edit.
        let json = try JSONLineDecoding.parse(adj.json)
        let side = try #require(json["conflicts"]?.arrayValue?[1]["reviewers"]?.arrayValue?[1])
        #expect(side["edit"]?.arrayValue?[1]["value"]?.stringValue == "y")
        #expect(side["time"]?.stringValue?.isEmpty == false)
    }

    @Test func takingAReviewersStateKeepsTheirEditOrReasons() {
        #expect(Adjudication.decision(taking: SampleReview(status: .rejected, reasons: ["a"], note: "n")) == .reject(reasons: ["a"], note: "n"))
        #expect(Adjudication.decision(taking: SampleReview(status: .accepted, edit: .turns([0: "x"]))) == .edit(.turns([0: "x"]), note: nil))
        #expect(Adjudication.decision(taking: SampleReview(status: .accepted)) == .accept)
        #expect(Adjudication.decision(taking: SampleReview(status: .skipped)) == nil)
    }

    @Test func mergeAdjudicatedTakesRulingsFirstAndRefusesTheRest() throws {
        let f = try TeamFixture(count: 4)
        let a = try f.journal("a", [(0, .accept), (1, .accept), (2, .accept)])
        let b = try f.journal("b", [(0, .reject(reasons: ["ocr"], note: nil)), (1, .reject(reasons: ["ocr"], note: nil)), (2, .accept)])
        let adj1 = try f.journal("judy", [(0, .reject(reasons: ["ocr"], note: nil))], rulings: true, file: "adj.jsonl")
        let out = f.dir.file("o.jsonl")
        do {
            _ = try Merger.merge(dataset: f.dataset, journals: [a, b, adj1], options: MergeOptions(outputPath: out, policy: .adjudicated))
            Issue.record("merged with an unruled conflict")
        } catch {
            guard case .conflicts(let list) = error else { Issue.record("wrong error \(error)"); return }
            #expect(list.map(\.index) == [1])
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        let adj2 = try f.journal("judy", [(1, .accept)], rulings: true, file: "adj.jsonl")
        let summary = try Merger.merge(dataset: f.dataset, journals: [a, b, adj2], options: MergeOptions(outputPath: out, policy: .adjudicated))
        #expect(summary.rejected == 1)
        #expect(summary.written == 3)
    }
}

@Suite struct TeamAssignmentTests {
    @Test func everySampleGoesToExactlyOverlapDistinctReviewersWithBalancedLoads() throws {
        for (r, o, n) in [(3, 2, 100), (4, 2, 101), (5, 3, 37), (2, 2, 10), (3, 1, 11)] {
            let names = (0..<r).map { "r\($0)" }
            let plan = try AssignmentPlan.make(candidates: Array(0..<n), reviewers: names, overlap: o, seed: 7)
            var seen: [Int: [String]] = [:]
            for s in plan.shares { for i in s.samples { seen[i, default: []].append(s.reviewer) } }
            #expect(seen.count == n)
            #expect(seen.values.allSatisfy { $0.count == o && Set($0).count == o })
            let loads = plan.shares.map(\.samples.count)
            #expect((loads.max() ?? 0) - (loads.min() ?? 0) <= 1, "loads \(loads)")
            #expect(plan.shares.allSatisfy { $0.queue == $0.samples })
        }
    }

    @Test func everyPairOfReviewersSharesSamples() throws {
        let plan = try AssignmentPlan.make(candidates: Array(0..<120), reviewers: ["a", "b", "c", "d"], overlap: 2, seed: 1)
        var pairs: [String: Int] = [:]
        var owners: [Int: [String]] = [:]
        for s in plan.shares { for i in s.samples { owners[i, default: []].append(s.reviewer) } }
        for o in owners.values { pairs[o.sorted().joined(), default: 0] += 1 }
        #expect(pairs.count == 6, "\(pairs)")
        #expect(pairs.values.allSatisfy { $0 >= 15 }, "\(pairs)")
    }

    @Test func sameSeedSamePlanOtherSeedOtherPlan() throws {
        let a = try AssignmentPlan.make(candidates: Array(0..<50), reviewers: ["ann", "bob", "cy"], overlap: 2, seed: 3, gold: [50, 51, 52], goldRate: 0.1)
        let b = try AssignmentPlan.make(candidates: Array(0..<50), reviewers: ["ann", "bob", "cy"], overlap: 2, seed: 3, gold: [50, 51, 52], goldRate: 0.1)
        let c = try AssignmentPlan.make(candidates: Array(0..<50), reviewers: ["ann", "bob", "cy"], overlap: 2, seed: 4, gold: [50, 51, 52], goldRate: 0.1)
        #expect(a == b)
        #expect(a.shares.map(\.samples) != c.shares.map(\.samples))
    }

    @Test func goldIsMixedIntoEachQueueAtTheRate() throws {
        let gold = Array(1000..<1040)
        let plan = try AssignmentPlan.make(candidates: Array(0..<300) + [1005], reviewers: ["ann", "bob", "cy"], overlap: 2, seed: 9,
                                           gold: gold, goldRate: 0.05)
        for s in plan.shares {
            #expect(s.samples.count == 200)
            #expect(s.gold.count == 10)
            #expect(s.queue.count == 210)
            #expect(Set(s.queue) == Set(s.samples).union(s.gold))
            #expect(!s.samples.contains(1005), "a gold sample is not also a regular one")
            // Gold is spread through the queue, not appended at the end.
            let positions = s.gold.compactMap { s.queue.firstIndex(of: $0) }
            #expect((positions.min() ?? 0) < 150)
        }
    }

    @Test func planFileRoundTrips() throws {
        let plan = try AssignmentPlan.make(candidates: [1, 2, 3, 4], reviewers: ["ann", "bob"], overlap: 1, seed: 5, gold: [7], goldRate: 0.2,
                                           fingerprint: "fp", datasetCount: 9)
        let read = try AssignmentPlan.parse(Array(plan.json.utf8), path: "p.json")
        #expect(read == plan)
        #expect(throws: TeamError.self) { _ = try AssignmentPlan.parse(Array("{\"x\":1}".utf8), path: "p.json") }
    }

    @Test func badArgumentsAreExplained() {
        #expect(throws: TeamError.invalid("--overlap must be between 1 and the number of reviewers (2), not 3")) {
            _ = try AssignmentPlan.make(candidates: [1], reviewers: ["a", "b"], overlap: 3, seed: 0)
        }
        #expect(throws: TeamError.self) { _ = try AssignmentPlan.make(candidates: [1], reviewers: ["a", "a"], overlap: 1, seed: 0) }
    }
}

@Suite struct TeamReportTests {
    @Test func paceLeavesOutPausesOverFiveMinutes() {
        let (m, n) = ReviewerReport.pace([0, 10, 14, 1000, 1006, 1010])
        // Gaps 10, 4, (986 left out), 6, 4 -> median of 4, 4, 6, 10 = 5.
        #expect(m == 5)
        #expect(n == 4)
        #expect(ReviewerReport.pace([3]).median == nil)
    }

    @Test func isoTimesParse() {
        #expect(ISOTime.seconds("1970-01-01T00:00:00.000Z") == 0)
        #expect(ISOTime.seconds("2026-11-27T02:31:05.412Z").map { ($0 * 1000).rounded() } == 1_795_746_665_412)
        #expect(ISOTime.seconds("yesterday") == nil)
    }

    @Test func barsUseEighthBlocks() {
        #expect(ReviewerReport.bar(1, of: 2, width: 4) == "██")
        #expect(ReviewerReport.bar(0.53125, width: 2) == "█▏")
        #expect(ReviewerReport.bar(Double.nan, width: 3) == "")
    }

    @Test func countsPerKindAndReasonAndAgreement() throws {
        let f = try TeamFixture()
        let a = try f.journal("a", [(0, .accept), (1, .reject(reasons: ["ocr", "blur"], note: nil)), (2, .skip), (3, .edit(.turns([1: "x"]), note: nil))])
        let b = try f.journal("b", [(0, .accept), (1, .reject(reasons: ["ocr", "blur"], note: nil))])
        let report = ReviewerReport(try f.states([a, b]).reviewers, on: .reasons)
        let row = report.rows[0]
        #expect(row.statuses == [.accepted: 1, .rejected: 1, .skipped: 1, .edited: 1])
        #expect(row.reasons == ["ocr": 1, "blur": 1])
        #expect(row.decisions == 4)
        #expect(row.agreement.first?.percentAgreement == 1)
        #expect(report.text().contains("█"))
        #expect(try JSONLineDecoding.parse(report.json)["reviewers"]?.arrayValue?.count == 2)
    }
}
