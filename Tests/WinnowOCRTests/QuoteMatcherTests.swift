import Testing
import WinnowCore

/// Quote extraction and matching against OCR lines, no engine involved.
@Suite struct QuoteMatcherTests {
    static func line(_ text: String, conf: Double = 95, y: Int = 0) -> OCRLine {
        OCRLine(text: text, box: OCRBox(x: 10, y: y, width: 200, height: 40), confidence: conf)
    }

    @Test func findsEveryKindOfQuoteMark() {
        let text = #"招牌写着“鑫源水果店”，门口的「营业中」、『特价』和《本店菜单》，还有"COFFEE"。"#
        let phrases = QuotedPhrase.find(in: text, turn: 1)
        #expect(phrases.map(\.text) == ["鑫源水果店", "营业中", "特价", "本店菜单", "COFFEE"])
        #expect(phrases.allSatisfy { $0.turn == 1 })
        let first = phrases[0]
        #expect(String(Array(text)[first.start..<(first.start + first.length)]) == "鑫源水果店")
    }

    @Test func unclosedOrOverlongMarksAreNotQuotes() {
        #expect(QuotedPhrase.find(in: "他说“没完", turn: 0).isEmpty)
        #expect(QuotedPhrase.find(in: "“”", turn: 0).isEmpty)
        #expect(QuotedPhrase.find(in: "“" + String(repeating: "字", count: 41) + "”", turn: 0).isEmpty)
        #expect(QuotedPhrase.find(in: "“第一行\n第二行”", turn: 0).isEmpty)
    }

    @Test func equalTextIsFoundIgnoringPunctuationAndSpaces() {
        let m = QuoteMatcher().matches(turns: ["地址是“时间：2023年9月27日”。"], lines: [Self.line("时间: 2023年9月27日")])
        #expect(m.map(\.status) == [.found])
        #expect(m.first?.lineIndices == [0])
    }

    @Test func lookAlikeIsNearWithTheImageTextAsSuggestion() throws {
        let m = try #require(QuoteMatcher().matches(turns: ["招牌上写着“自己的店”"], lines: [Self.line("自已的店")]).first)
        #expect(m.status == .near)
        #expect(m.suggestion == "自已的店")
        #expect(m.distance == 0.5)
        #expect(m.diff == [DiffRun(.equal, "自"), DiffRun(.delete, "己"), DiffRun(.insert, "已"), DiffRun(.equal, "的店")])
    }

    @Test func droppedCharacterIsNearAndTheSuggestionRestoresIt() throws {
        let m = try #require(QuoteMatcher().matches(turns: ["海报上的文字是“2023年南山亲子动”"],
                                                     lines: [Self.line("2023年南山亲子活动")]).first)
        #expect(m.status == .near)
        #expect(m.suggestion == "2023年南山亲子活动")
        #expect(GraphemeDiff.changeCounts(m.diff) == (0, 1))
    }

    @Test func firstCharacterDroppedFromAWholeLineIsNear() throws {
        let m = try #require(QuoteMatcher().matches(turns: ["“记手机维修”"], lines: [Self.line("戴记手机维修")]).first)
        #expect(m.status == .near)
        #expect(m.suggestion == "戴记手机维修")
    }

    @Test func swappedNeighboursAreOneEdit() throws {
        let m = try #require(QuoteMatcher().matches(turns: ["“兰州辣麻烫”"], lines: [Self.line("兰州麻辣烫")]).first)
        #expect(m.status == .near)
        #expect(m.suggestion == "兰州麻辣烫")
    }

    @Test func partOfALongLineIsFound() {
        let m = QuoteMatcher().matches(turns: ["“热烈欢迎”"], lines: [Self.line("热烈欢迎新同学入学")])
        #expect(m.map(\.status) == [.found])
    }

    @Test func lineCutShortByOCRIsNotAMismatch() {
        // OCR lost the first four characters; the rest agrees.
        let m = QuoteMatcher().matches(turns: ["“订餐热线：15954657088”"], lines: [Self.line("：15954657088")])
        #expect(m.map(\.status) == [.found])
    }

    @Test func unrelatedTextIsNotFound() {
        let m = QuoteMatcher().matches(turns: ["“鑫源水果店”"], lines: [Self.line("营业时间 9:00-21:00"), Self.line("全场八折")])
        #expect(m.map(\.status) == [.notFound])
        #expect(m.first?.suggestion == nil)
    }

    @Test func latinNoiseForChineseIsNotAMismatch() {
        let lines = [Self.line("he：常山图书馆"), Self.line("小炒牛肉面 ¥Y68")]
        let m = QuoteMatcher().matches(turns: ["“地点：常山图书馆”和“小炒牛肉面 ¥68”"], lines: lines)
        #expect(m.map(\.status) == [.notFound, .notFound])
    }

    @Test func signSplitOverTwoLinesIsFound() {
        let lines = [Self.line("热烈庆祝", y: 0), Self.line("开业大吉", y: 50)]
        let m = QuoteMatcher().matches(turns: ["“热烈庆祝开业大吉”"], lines: lines)
        #expect(m.map(\.status) == [.found])
        #expect(m.first?.lineIndices == [0, 1])
        #expect(m.first?.box == OCRBox(x: 10, y: 0, width: 200, height: 90))
    }

    @Test func lintGivesTheFixAndTheFixApplies() throws {
        let turns = ["<image>\n招牌上写着什么？", "招牌上写着“宋记鲜花”，很好看。"]
        let findings = OCRMismatchLinter().lint(turns: turns, ocrLines: [Self.line("宋记鲜花坊")])
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.kind == .ocrMismatch)
        #expect(finding.turn == 1)
        let fix = try #require(finding.fix)
        #expect(fix.original == "宋记鲜花")
        #expect(fix.text == "宋记鲜花坊")
        #expect(LintFix.apply([fix], to: turns[1]) == "招牌上写着“宋记鲜花坊”，很好看。")
        // A turn changed since the lint is not patched blindly.
        #expect(LintFix.apply([fix], to: "别的文字") == nil)
    }

    @Test func noOCRLinesNoFindings() {
        #expect(OCRMismatchLinter().lint(turns: ["“鑫源水果店”"], ocrLines: []).isEmpty)
    }

    @Test func lastCharacterSubstitutedIsNearNotCutShort() throws {
        // A tie between "dropped the last character" and "changed it" must not read as an
        // OCR line cut short (which would count as found).
        let m = try #require(QuoteMatcher().matches(turns: ["“许记饺子管”"], lines: [Self.line("许记饺子馆")]).first)
        #expect(m.status == .near)
        #expect(m.suggestion == "许记饺子馆")
    }

    @Test func shortQuoteIsNearOnlyAWholeLine() {
        #expect(QuoteMatcher().matches(turns: ["“单菜”"], lines: [Self.line("菜单")]).map(\.status) == [.near])
        #expect(QuoteMatcher().matches(turns: ["“单菜”"], lines: [Self.line("本店菜单推荐")]).map(\.status) == [.notFound])
    }

    @Test func arrowMisreadAsACharacterIsNotAMismatch() {
        let lines = [Self.line("东安街 →一"), Self.line("东安街一"), Self.line("所← 泰州路")]
        let m = QuoteMatcher().matches(turns: ["“东安街 →”和“← 泰州路”"], lines: lines)
        #expect(m.map(\.status) == [.found, .found])
    }

    @Test func unconfidentLineConfirmsButDoesNotContradict() {
        let low = [Self.line("自己的店", conf: 60)]
        #expect(QuoteMatcher().matches(turns: ["“自己的店”"], lines: low).map(\.status) == [.found])
        #expect(QuoteMatcher().matches(turns: ["“自已的店”"], lines: low).map(\.status) == [.notFound])
    }

    @Test func characterTheOCRLostIsNotAMismatch() {
        // The quote has 1 where the OCR line has nothing: more likely OCR lost it.
        let m = QuoteMatcher().matches(turns: ["“时间：2020年1月3日”"], lines: [Self.line("时间：2020年月3日")])
        #expect(m.map(\.status) == [.notFound])
    }
}

/// Tesseract's per-character alternatives: a quote character OCR also considered is not a
/// contradiction.
@Suite struct QuoteMatcherAlternativesTests {
    static func line(_ text: String, alternatives: [String], conf: Double = 95) -> OCRLine {
        OCRLine(text: text, box: OCRBox(x: 10, y: 0, width: 200, height: 40), confidence: conf, alternatives: alternatives)
    }

    @Test func quoteCharacterAmongTheAlternativesIsFound() {
        // The sign says 亲子活动; OCR read 杀 but also considered 亲.
        let read = Self.line("杀子活动", alternatives: ["亲", "", "", ""])
        #expect(QuoteMatcher().matches(turns: ["“亲子活动”"], lines: [read]).map(\.status) == [.found])
        // Without the alternatives the same reading contradicts the quote.
        let plain = Self.line("杀子活动", alternatives: [])
        #expect(QuoteMatcher().matches(turns: ["“亲子活动”"], lines: [plain]).map(\.status) == [.near])
    }

    @Test func lookAlikeAmongTheAlternativesIsNotFlagged() {
        // 己 for 已: a look-alike pair, and OCR hesitated between them at that place.
        let read = Self.line("自已的店", alternatives: ["", "己巳", "", ""])
        #expect(QuoteMatcher().matches(turns: ["“自己的店”"], lines: [read]).map(\.status) == [.found])
        // A look-alike OCR did not consider is still near.
        let other = Self.line("自已的店", alternatives: ["", "巳", "", ""])
        #expect(QuoteMatcher().matches(turns: ["“自己的店”"], lines: [other]).map(\.status) == [.near])
    }

    @Test func alternativeElsewhereDoesNotExcuseADifferentCharacter() throws {
        // 亲 is among the alternatives of the first character, but the quote differs at the
        // third: still a misquote, and the suggestion keeps the line's reading there.
        let read = Self.line("南山亲子活动", alternatives: ["", "", "杀", "", "", ""])
        let m = try #require(QuoteMatcher().matches(turns: ["“南山亲子话动”"], lines: [read]).first)
        #expect(m.status == .near)
        #expect(m.suggestion == "南山亲子活动")
    }

    @Test func misreadSignWithTheQuoteShortenedGetsTheFullSignBack() throws {
        // OCR read 化 for 花 (花 among its alternatives); the answer dropped the last character.
        let read = Self.line("宋记鲜化坊", alternatives: ["", "", "", "花", ""])
        let m = try #require(QuoteMatcher().matches(turns: ["“宋记鲜花”"], lines: [read]).first)
        #expect(m.status == .near)
        #expect(m.suggestion == "宋记鲜花坊")
    }

    @Test func alternativesOfTheWrongLengthAreIgnored() {
        let read = Self.line("杀子活动", alternatives: ["亲"])
        #expect(QuoteMatcher().matches(turns: ["“亲子活动”"], lines: [read]).map(\.status) == [.near])
    }

    @Test func alternativesSpanTwoJoinedLines() {
        // A sign split over two lines; the second line's first character was misread.
        let lines = [Self.line("热烈欢迎", alternatives: []), Self.line("新同孛入学", alternatives: ["", "", "学", "", ""])]
        #expect(QuoteMatcher().matches(turns: ["“热烈欢迎新同学入学”"], lines: lines).map(\.status) == [.found])
    }
}

/// How confident an OCR line must be to contradict a quote, by the kind of difference.
@Suite struct QuoteMatcherConfidenceTests {
    static func line(_ text: String, conf: Double) -> OCRLine {
        OCRLine(text: text, box: OCRBox(x: 0, y: 0, width: 500, height: 120), confidence: conf)
    }

    @Test func aDroppedCharacterIsNearEvenOnALessConfidentLine() throws {
        // OCR does not invent 火 in the middle of a sign: the quote lost it.
        let m = try #require(QuoteMatcher().matches(turns: ["“上海锅城”"], lines: [Self.line("上海火锅城", conf: 79)]).first)
        #expect(m.status == .near)
        #expect(m.suggestion == "上海火锅城")
    }

    @Test func swappedNeighboursAreNearOnALessConfidentLine() {
        let m = QuoteMatcher().matches(turns: ["“四川酒烟行”"], lines: [Self.line("四川烟酒行", conf: 72)])
        #expect(m.map(\.status) == [.near])
    }

    @Test func aDifferentCharacterNeedsAConfidentLine() {
        // 士 for 土 at 80: Tesseract's own kind of mistake; the quote is not contradicted.
        let unsure = QuoteMatcher().matches(turns: ["“红烧土豆丝”"], lines: [Self.line("红烧士豆丝", conf: 80)])
        #expect(unsure.map(\.status) == [.notFound])
        let sure = QuoteMatcher().matches(turns: ["“红烧土豆丝”"], lines: [Self.line("红烧士豆丝", conf: 95)])
        #expect(sure.map(\.status) == [.near])
    }

    @Test func aVeryUnsureLineContradictsNothing() {
        let m = QuoteMatcher().matches(turns: ["“上海锅城”"], lines: [Self.line("上海火锅城", conf: 50)])
        #expect(m.map(\.status) == [.notFound])
    }
}
