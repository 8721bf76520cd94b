import Testing
import WinnowCore

/// Wrapped lines as text, for comparing with literals.
func wrapped(_ text: String, _ width: Int) -> [String] {
    TextWrapper.wrap(text, width: width).map { String(text[$0.range]) }
}

@Suite struct TextWrapperTests {
    @Test func chineseBreaksBetweenAnyTwoCharacters() {
        #expect(wrapped("图片中有一只猫和一只狗", 10) == ["图片中有一", "只猫和一只", "狗"])
    }

    @Test func wideCharacterNeverStraddlesTheEdge() {
        // 9 columns: 4 wide characters fit (8), the fifth goes down.
        let lines = TextWrapper.wrap("图片中有一只猫", width: 9)
        #expect(lines.map(\.width) == [8, 6])
        #expect(lines.allSatisfy { $0.width <= 9 })
    }

    @Test func closingPunctuationNeverStartsALine() {
        // At 6 columns 。 would start line 2; 一 is pulled down with it.
        #expect(wrapped("图片一。好", 6) == ["图片", "一。好"])
        #expect(wrapped("hello world。", 11) == ["hello ", "world。"])
        #expect(wrapped("他说：“好的”，然后走了。", 8) == ["他说：", "“好的”，", "然后走", "了。"])
        for width in [4, 6, 8, 10, 12] {
            let text = "这是一个测试，包含标点。还有「引号」和（括号）！以及省略号……完。"
            for line in wrapped(text, width).dropFirst() {
                let first = line.first.map { LineBreakClass($0) }
                #expect(first != .closing || line.allSatisfy { LineBreakClass($0) == .closing },
                        "width \(width): line starts with closing punctuation: \(line)")
            }
        }
    }

    /// When nothing can move down with it, one closing mark hangs past the edge.
    @Test func punctuationHangsWhenItCannotBePulledDown() {
        let lines = TextWrapper.wrap("（笑）了", width: 5)
        #expect(lines.map { String("（笑）了"[$0.range]) } == ["（笑）", "了"])
        #expect(lines[0].width == 6)
        // A run of closing punctuation cannot all hang: it breaks.
        let dots = String(repeating: "。", count: 10)
        #expect(wrapped(dots, 8) == [String(repeating: "。", count: 5), String(repeating: "。", count: 5)])
    }

    @Test func openingPunctuationNeverEndsALine() {
        for width in [5, 6, 7, 8, 9] {
            for line in wrapped("他说「你好」然后（笑）了起来", width).dropLast() {
                #expect(line.last.map { LineBreakClass($0) } != .opening, "width \(width): \(line)")
            }
        }
    }

    @Test func latinWordsStayWhole() {
        #expect(wrapped("The quick brown fox jumps over the lazy dog", 16)
                == ["The quick brown ", "fox jumps over ", "the lazy dog"])
        #expect(wrapped("hello, world.", 6) == ["hello, ", "world."])
    }

    @Test func longWordsAreBrokenAtTheEdge() {
        #expect(wrapped("abcdefghij", 4) == ["abcd", "efgh", "ij"])
        // A comma after a broken word pulls the last letter down.
        #expect(wrapped("abcd,", 4) == ["abc", "d,"])
    }

    @Test func mixedChineseAndLatin() {
        #expect(wrapped("使用GPT-4V模型生成的描述", 10) == ["使用GPT-4V", "模型生成的", "描述"])
    }

    @Test func paragraphsAndBlankLinesAreKept() {
        #expect(wrapped("第一段\n\n第二段\r\n", 20) == ["第一段", "", "第二段", ""])
        #expect(wrapped("", 20) == [""])
    }

    /// A Chinese paragraph at 80 and 40 columns (tig's wrap test, with CJK).
    @Test func paragraphAt80And40Columns() {
        let text = "这张图片展示了一个繁忙的城市街道，街上有许多行人和车辆。在图片的左侧，可以看到一家咖啡店，门口摆放着几张桌子和椅子；右侧是一栋高楼，楼顶上有一个巨大的广告牌，上面写着“欢迎光临”。整体来看，这是一个充满活力的都市场景。"
        let at80 = wrapped(text, 80)
        #expect(at80 == [
            "这张图片展示了一个繁忙的城市街道，街上有许多行人和车辆。在图片的左侧，可以看到一",
            "家咖啡店，门口摆放着几张桌子和椅子；右侧是一栋高楼，楼顶上有一个巨大的广告牌，上",
            "面写着“欢迎光临”。整体来看，这是一个充满活力的都市场景。",
        ])
        let at40 = wrapped(text, 40)
        #expect(at40 == [
            "这张图片展示了一个繁忙的城市街道，街上有",
            "许多行人和车辆。在图片的左侧，可以看到一",
            "家咖啡店，门口摆放着几张桌子和椅子；右侧",
            "是一栋高楼，楼顶上有一个巨大的广告牌，上",
            "面写着“欢迎光临”。整体来看，这是一个充满",
            "活力的都市场景。",
        ])
        for line in TextWrapper.wrap(text, width: 40) { #expect(line.width <= 40) }
        #expect(at40.joined() == text)
    }

    @Test func englishAt40Columns() {
        let text = "The image shows a busy street with many people walking, and a red double-decker bus waiting at the traffic lights."
        let lines = TextWrapper.wrap(text, width: 40)
        for line in lines { #expect(line.width <= 40) }
        #expect(wrapped(text, 40) == [
            "The image shows a busy street with many ",
            "people walking, and a red double-decker ",
            "bus waiting at the traffic lights.",
        ])
    }
}
