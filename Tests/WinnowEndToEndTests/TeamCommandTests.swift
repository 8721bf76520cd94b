import Foundation
import Testing
import WinnowCore

/// `winnow assign / agree / adjudicate / report` and `merge --policy adjudicated`, run as the
/// built binary.
@Suite
struct TeamCommandTests {
    /// Three reviewers over 10 samples with exactly 3 conflicts (samples 2, 5 and 7), one
    /// sample judged by ann only (9), and one reviewer skipping (bob on 8).
    static func threeReviewers(_ dir: E2ETempDir) throws -> (data: String, journals: [String]) {
        let data = try dir.dataset(count: 10)
        var plans: [String: [String]] = ["ann": [], "bob": [], "cy": []]
        for i in 0..<9 {
            for name in ["ann", "bob", "cy"] {
                var d = #"{"index":\#(i),"decision":"accept"}"#
                if i == 2, name == "bob" { d = #"{"index":2,"decision":"reject","reason":"ocr"}"# }
                if i == 5, name != "ann" { d = #"{"index":5,"decision":"reject","reason":"hallucination","note":"no such sign"}"# }
                if i == 7, name == "cy" { d = #"{"index":7,"decision":"edit","turn":1,"text":"回答 七"}"# }
                if i == 8, name == "bob" { d = #"{"index":8,"decision":"skip"}"# }
                plans[name, default: []].append(d)
            }
        }
        plans["ann", default: []].append(#"{"index":9,"decision":"reject","reason":"ocr"}"#)
        var journals: [String] = []
        for name in ["ann", "bob", "cy"] {
            let j = dir.file("\(name).jsonl")
            let r = try WinnowCLI.run(["decide", data, "--from", "-", "--journal", j, "--reviewer", name],
                                      input: (plans[name] ?? []).joined(separator: "\n") + "\n")
            #expect(r.status == 0, "\(r.stderr)")
            journals.append(j)
        }
        return (data, journals)
    }

    static func journalArgs(_ journals: [String]) -> [String] { journals.flatMap { ["--journal", $0] } }

    @Test func agreeJSONHasTheDocumentedMembers() throws {
        let dir = E2ETempDir()
        let (data, journals) = try Self.threeReviewers(dir)
        let r = try WinnowCLI.run(["agree", data] + Self.journalArgs(journals) + ["--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONLineDecoding.parse(r.stdout)
        #expect(jsonInt(json["samples"]) == 10)
        #expect(jsonInt(json["judgments"]) == 27)  // 9 x 3, minus bob's skip, plus ann's sample 9
        #expect(jsonInt(json["pairable_samples"]) == 9)
        for key in ["percent_agreement", "krippendorff_alpha", "gwet_ac1"] {
            guard case .number = json[key] else { Issue.record("\(key) is not a number: \(String(describing: json[key]))"); continue }
        }
        #expect(json["fleiss_kappa"] == .null)  // sample 8 has two judgments, the others three
        let pairs = json["pairs"]?.arrayValue ?? []
        #expect(pairs.count == 3)
        #expect(pairs.first?["a"]?.stringValue == "ann")
        #expect(jsonInt(pairs.first?["samples"]) == 8)
        #expect(json["single_reviewer_samples"] == .array([.number("9")]))
        #expect(json["edits"]?.arrayValue?.allSatisfy { jsonInt($0["samples"]) == 0 } == true)
        let text = try WinnowCLI.run(["agree", data] + Self.journalArgs(journals))
        #expect(text.stdout.contains("Krippendorff's alpha"))
        #expect(text.stdout.contains("judged by one reviewer only"))
    }

    @Test func adjudicateThreeConflictsThenMerge() throws {
        let dir = E2ETempDir()
        let (data, journals) = try Self.threeReviewers(dir)
        let args = ["adjudicate", data] + Self.journalArgs(journals)
        let list = try WinnowCLI.run(args + ["--list", "--json"])
        #expect(list.status == 1, "conflicts without a ruling: \(list.stderr)")
        let conflicts = try JSONLineDecoding.parse(list.stdout)["conflicts"]?.arrayValue ?? []
        #expect(conflicts.compactMap { jsonInt($0["index"]) } == [2, 5, 7])
        let five = conflicts.count > 1 ? conflicts[1] : .null
        #expect(five["majority"]?.stringValue == "reject: hallucination")
        #expect(five["reviewers"]?.arrayValue?[1]["note"]?.stringValue == "no such sign")

        let merged = dir.file("clean.jsonl")
        let adj = dir.file("adj.jsonl")
        let early = try WinnowCLI.run(["merge", data] + Self.journalArgs(journals + [])
                                      + ["--journal", adj, "--policy", "adjudicated", "-o", merged])
        #expect(early.status != 0)  // no adjudicator's journal yet
        let out = ["--journal-out", adj, "--reviewer", "judy"]
        #expect(try WinnowCLI.run(args + out + ["--rule", "2", "accept"]).status == 0)
        let partial = try WinnowCLI.run(["merge", data] + Self.journalArgs(journals + [adj]) + ["--policy", "adjudicated", "-o", merged])
        #expect(partial.status == 1)
        #expect(partial.stderr.contains("sample 5"))
        #expect(!FileManager.default.fileExists(atPath: merged))
        #expect(try WinnowCLI.run(args + out + ["--rule", "5", "--pick", "bob"]).status == 0)
        #expect(try WinnowCLI.run(args + out + ["--rule", "7", "--pick", "cy"]).status == 0)
        let auto = try WinnowCLI.run(args + out + ["--auto-unanimous", "--yes"])
        #expect(auto.status == 0, "\(auto.stderr)")
        #expect(auto.stderr.contains("6 unanimous rulings"))  // 0, 1, 3, 4, 6, 8
        let done = try WinnowCLI.run(args + ["--journal-out", adj, "--list"])
        #expect(done.status == 0, "every conflict ruled: \(done.stdout)")

        let m = try WinnowCLI.run(["merge", data] + Self.journalArgs(journals + [adj]) + ["--policy", "adjudicated", "-o", merged, "--json"])
        #expect(m.status == 0, "\(m.stderr)")
        let summary = try JSONLineDecoding.parse(m.stdout)
        #expect(jsonInt(summary["rejected"]) == 2)  // 5 (ruled) and 9 (ann alone)
        #expect(jsonInt(summary["edited"]) == 1)  // 7: cy's edit picked
        let text = try String(contentsOfFile: merged, encoding: .utf8)
        #expect(text.contains("回答 七"))
        #expect(!text.contains("\"s5\""))

        // Rulings are scored against: the adjudicated result.
        let agree = try WinnowCLI.run(["agree", data] + Self.journalArgs(journals + [adj]) + ["--json"])
        let adjudicated = try JSONLineDecoding.parse(agree.stdout)["adjudicated"]?.arrayValue ?? []
        #expect(adjudicated.count == 3)
        #expect(adjudicated.first?["reviewer"]?.stringValue == "ann")

        // The reviewers' journals were never written by the adjudication.
        for j in journals {
            let log = try String(contentsOfFile: j, encoding: .utf8)
            #expect(!log.contains("ruling"))
        }
    }

    @Test func undoingARulingReopensTheConflict() throws {
        let dir = E2ETempDir()
        let (data, journals) = try Self.threeReviewers(dir)
        let adj = dir.file("adj.jsonl")
        let args = ["adjudicate", data] + Self.journalArgs(journals) + ["--journal-out", adj, "--reviewer", "judy"]
        #expect(try WinnowCLI.run(args + ["--rule", "2", "reject", "--reason", "ocr"]).status == 0)
        #expect(try WinnowCLI.run(args + ["--rule", "2", "accept"]).status == 0)  // replaces the first
        #expect(try WinnowCLI.run(["decide", data, "2", "undo", "--journal", adj, "--reviewer", "judy"]).status == 0)
        let list = try WinnowCLI.run(args + ["--list", "--json"])
        let two = (try JSONLineDecoding.parse(list.stdout)["conflicts"]?.arrayValue ?? []).first
        #expect(two?["ruling"] == .null, "after undoing the accept and with the reject undone, no ruling")
    }

    @Test func badInputIsExplained() throws {
        let dir = E2ETempDir()
        let (data, journals) = try Self.threeReviewers(dir)
        let none = try WinnowCLI.run(["agree", data])
        #expect(none.status == 64)
        #expect(none.stderr.contains("two or more reviewers"))
        let one = try WinnowCLI.run(["agree", data, "--journal", journals[0]])
        #expect(one.status == 64)
        #expect(one.stderr.contains("only one journal"))

        let otherData = try dir.dataset(count: 11, name: "other.jsonl")
        let other = dir.file("other.jsonl.winnow.jsonl")
        #expect(try WinnowCLI.run(["decide", otherData, "0", "accept", "--journal", other]).status == 0)
        let wrong = try WinnowCLI.run(["agree", data, "--journal", journals[0], "--journal", other])
        #expect(wrong.status == 65)
        #expect(wrong.stderr.contains(other))
        #expect(wrong.stderr.contains("another dataset"))

        let copy = dir.file("ann-again.jsonl")
        try FileManager.default.copyItem(atPath: journals[0], toPath: copy)
        let twice = try WinnowCLI.run(["agree", data, "--journal", journals[0], "--journal", copy])
        #expect(twice.status == 0)
        #expect(twice.stderr.contains("ann is in two journals"))

        let before = try String(contentsOfFile: journals[1], encoding: .utf8)
        let clash = try WinnowCLI.run(["adjudicate", data] + Self.journalArgs(journals) + ["--journal-out", journals[1], "--rule", "2", "accept"])
        #expect(clash.status == 64)
        #expect(try String(contentsOfFile: journals[1], encoding: .utf8) == before)
        let noTerminal = try WinnowCLI.run(["adjudicate", data] + Self.journalArgs(journals) + ["--journal-out", dir.file("a.jsonl"), "--auto-unanimous"])
        #expect(noTerminal.status == 64)
        #expect(noTerminal.stderr.contains("--yes"))
    }

    @Test func assignPlanAndReviewTheShare() throws {
        let dir = E2ETempDir()
        let data = try dir.dataset(count: 40)
        let gold = dir.file("gold.jsonl")
        try (0..<5).map { #"{"index":\#(35 + $0),"decision":"accept"}"# }.joined(separator: "\n").write(toFile: gold, atomically: true, encoding: .utf8)
        let plan = dir.file("plan.json")
        let r = try WinnowCLI.run(["assign", data, "--reviewers", "ann,bob,cy", "--overlap", "2", "--seed", "7",
                                   "--gold", gold, "--gold-rate", "0.1", "-o", plan])
        #expect(r.status == 0, "\(r.stderr)")
        let value = try JSONLineDecoding.parse(try String(contentsOfFile: plan, encoding: .utf8))
        let shares = value["reviewers"]?.arrayValue ?? []
        #expect(shares.count == 3)
        let sizes = shares.map { $0["samples"]?.arrayValue?.count ?? 0 }
        #expect(sizes.reduce(0, +) == 70)  // 35 regular samples x 2
        #expect(shares.allSatisfy { $0["gold"]?.arrayValue?.count == 2 })
        let again = dir.file("plan2.json")
        _ = try WinnowCLI.run(["assign", data, "--reviewers", "ann,bob,cy", "--overlap", "2", "--seed", "7",
                               "--gold", gold, "--gold-rate", "0.1", "-o", again])
        #expect(try String(contentsOfFile: plan, encoding: .utf8) == String(contentsOfFile: again, encoding: .utf8))

        let ok = try WinnowCLI.run(["review", data, "--plan", plan, "--reviewer", "ann", "--journal", dir.file("ann.jsonl"), "--bench-first-frame"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let stranger = try WinnowCLI.run(["review", data, "--plan", plan, "--reviewer", "zed", "--journal", dir.file("z.jsonl"), "--bench-first-frame"])
        #expect(stranger.status == 64)
        #expect(stranger.stderr.contains("ann, bob, cy"))
        let bad = try WinnowCLI.run(["assign", data, "--reviewers", "ann,bob", "--overlap", "3", "-o", dir.file("p3.json")])
        #expect(bad.status == 64)
    }

    @Test func reportShowsBarsPaceAndGold() throws {
        let dir = E2ETempDir()
        let (data, journals) = try Self.threeReviewers(dir)
        let gold = dir.file("gold.jsonl")
        try #"{"index":2,"decision":"reject","reason":"ocr"}"#.write(toFile: gold, atomically: true, encoding: .utf8)
        let r = try WinnowCLI.run(["report", data] + Self.journalArgs(journals) + ["--gold", gold])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("█"))
        #expect(r.stdout.contains("pace:"))
        let j = try WinnowCLI.run(["report", data] + Self.journalArgs(journals) + ["--gold", gold, "--json"])
        let rows = try JSONLineDecoding.parse(j.stdout)["reviewers"]?.arrayValue ?? []
        #expect(rows.count == 3)
        #expect(jsonInt(rows[1]["gold"]?["correct"]) == 1)  // bob rejected 2 for ocr
        #expect(jsonInt(rows[0]["gold"]?["correct"]) == 0)
        #expect(jsonInt(rows[1]["skipped"]) == 1)
    }
}
