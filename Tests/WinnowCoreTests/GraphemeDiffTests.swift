import Testing
import WinnowCore

@Suite struct GraphemeDiffTests {
    /// Applying the runs must give back both texts.
    func check(_ a: String, _ b: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let runs = GraphemeDiff.diff(a, b)
        let old = runs.filter { $0.kind != .insert }.map(\.text).joined()
        let new = runs.filter { $0.kind != .delete }.map(\.text).joined()
        #expect(old == a, sourceLocation: sourceLocation)
        #expect(new == b, sourceLocation: sourceLocation)
        for (x, y) in zip(runs, runs.dropFirst()) {
            #expect(x.kind != y.kind, "adjacent runs of one kind", sourceLocation: sourceLocation)
        }
    }

    @Test func cjkReplacement() {
        let runs = GraphemeDiff.diff("图中有一只猫在桌子上", "图中有一只狗在桌子上")
        #expect(runs == [DiffRun(.equal, "图中有一只"), DiffRun(.delete, "猫"), DiffRun(.insert, "狗"),
                         DiffRun(.equal, "在桌子上")])
    }

    @Test func clustersAreUnits() {
        let family = "👨\u{200D}👩\u{200D}👧"
        let couple = "👨\u{200D}👩"
        let runs = GraphemeDiff.diff("a\(family)b", "a\(couple)b")
        #expect(runs == [DiffRun(.equal, "a"), DiffRun(.delete, family), DiffRun(.insert, couple), DiffRun(.equal, "b")])
        let marks = GraphemeDiff.diff("cafe\u{301}", "cafe")
        #expect(marks == [DiffRun(.equal, "caf"), DiffRun(.delete, "e\u{301}"), DiffRun(.insert, "e")])
    }

    @Test func identicalAndEmpty() {
        #expect(GraphemeDiff.diff("同", "同") == [DiffRun(.equal, "同")])
        #expect(GraphemeDiff.diff("", "") == [])
        #expect(GraphemeDiff.diff("", "新") == [DiffRun(.insert, "新")])
        #expect(GraphemeDiff.diff("旧", "") == [DiffRun(.delete, "旧")])
    }

    @Test func roundTripsOnScatteredEdits() {
        check("The quick brown fox jumps", "A quick brown cat jumped over")
        check("第一行\r\n第二行\t末尾", "第一行\n第二行 末尾！")
        check("abcabba", "cbabac")
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("ab东京\n 👍🏽é")
        for _ in 0..<200 {
            let a = String((0..<Int.random(in: 0..<30, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "a" })
            let b = String((0..<Int.random(in: 0..<30, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "a" })
            check(a, b)
        }
    }

    @Test func minimalForSimpleCases() {
        let runs = GraphemeDiff.diff("abcabba", "cbabac")
        let counts = GraphemeDiff.changeCounts(runs)
        #expect(counts.deleted + counts.inserted == 5)  // the classic Myers example: D = 5
    }

    @Test func longTextWithSmallEditIsFastAndExact() {
        let base = String(repeating: "这是一段很长的描述文字，用来测试差异算法。", count: 1_000)
        var edited = base
        edited.insert(contentsOf: "【新】", at: edited.index(edited.startIndex, offsetBy: 10_000))
        let runs = GraphemeDiff.diff(base, edited)
        #expect(runs.count == 3)
        #expect(runs[1] == DiffRun(.insert, "【新】"))
    }

    @Test func completeRewriteFallsBackToDeleteInsert() {
        let a = String((0..<5_000).map { _ in Character("a") })
        let b = String((0..<5_000).map { _ in Character("b") })
        let runs = GraphemeDiff.diff(a, b)
        #expect(runs == [DiffRun(.delete, a), DiffRun(.insert, b)])
    }

    @Test func plainAndANSIFormats() {
        let runs = GraphemeDiff.diff("猫在桌上", "狗在桌上")
        #expect(GraphemeDiff.format(runs, marking: .plain) == "[-猫-]{+狗+}在桌上")
        #expect(GraphemeDiff.format(runs, marking: .ansi) == "\u{1B}[31;9m猫\u{1B}[0m\u{1B}[32;4m狗\u{1B}[0m在桌上")
    }

    @Test func formatSanitizesControlsAndMarksLineBreaks() {
        let runs = GraphemeDiff.diff("a\nb", "a\u{1B}[2J\nb\u{202E}")
        let plain = GraphemeDiff.format(runs, marking: .plain)
        #expect(!plain.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        #expect(plain.contains("␛[2J"))
        let joined = GraphemeDiff.format(GraphemeDiff.diff("ab", "a\nb"), marking: .plain)
        #expect(joined == "a{+↵\n+}b")
    }
}
