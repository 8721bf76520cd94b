import Foundation
import Testing
@testable import WinnowCore

/// Each per-sample kind fires on a crafted sample, names its turn, and stays quiet otherwise.
@Suite struct LintSampleTests {
    @Test func leakedPrefixes() throws {
        let s = try llava([("human", "<image>\n用户：图片中的招牌写着什么？"), ("gpt", "助手：" + cleanAnswer),
                           ("human", "问题:招牌是什么颜色？"), ("gpt", "回答:" + cleanAnswer)])
        let found = SampleLinter().lint(s).filter { $0.kind == .leakedPrefix }
        #expect(found.map(\.turn) == [0, 1, 2, 3])
        #expect(found[1].message == "turn 2 starts with 助手：")
        #expect(found[0].suggestedReason == "leaked-prefix")
        let english = try llava([("human", "Human: What is this?\n<image>"), ("gpt", "Assistant: A shop sign with red letters.")])
        #expect(SampleLinter().lint(english).filter { $0.kind == .leakedPrefix }.count == 2)
        let runIn = try llava([("human", "<image>\n这是什么店？"), ("gpt", cleanAnswer + "\n用户：还有别的吗？")])
        #expect(SampleLinter().lint(runIn).first { $0.kind == .leakedPrefix }?.message == "turn 2 line 2 starts with 用户：")
    }

    @Test func imageTokens() throws {
        #expect(kinds(try llava([("human", "图片中的招牌写着什么？"), ("gpt", cleanAnswer)])) == [.missingImageToken])
        #expect(kinds(try llava([("human", "<image>\n招牌写着什么？"), ("gpt", cleanAnswer + "<image>")])) == [.imageTokenInAnswer])
        #expect(kinds(try llava([("human", "<image>\n<image>\n招牌写着什么？"), ("gpt", cleanAnswer)])) == [.duplicateImageToken])
        let broken = try llava([("human", "<imag\u{200B}e>\n招牌写着什么？"), ("gpt", cleanAnswer)])
        #expect(SampleLinter().lint(broken).first { $0.kind == .missingImageToken }?.message == "turn 1 has <image> broken by an invisible character")
        // Text-only samples need no token.
        #expect(kinds(try llava([("human", "你好，请介绍一下你自己。"), ("gpt", cleanAnswer)], image: nil)).isEmpty)
    }

    @Test func emptyTurns() throws {
        let s = try llava([("human", "<image>\n招牌写着什么？"), ("gpt", " "), ("human", "还有呢？"), ("gpt", "")])
        #expect(SampleLinter().lint(s).filter { $0.kind == .emptyTurn }.map(\.turn) == [1, 3])
    }

    @Test func truncatedAnswers() throws {
        let cut = try llava([("human", "<image>\n招牌写着什么？"), ("gpt", "从图片中可以看出，这是一块写有“特色推荐”的菜单，光线偏暖，使招牌更加")])
        let found = try #require(SampleLinter().lint(cut).first)
        #expect(found.kind == .truncated && found.turn == 1 && found.suggestedReason == "truncated")
        let listItem = try llava([("human", "<image>\n分析一下。"), ("gpt", "主要有以下几点：\n\n1. **背景**：人物与雨伞。\n2. **细节**：光线偏暖，使招牌更加")])
        #expect(kinds(listItem) == [.truncated])
        // Short answers, list items without punctuation, emoji and headings may end bare.
        for answer in ["是的", "Yes", "6", "颜色如下：\n- 红色\n- 蓝色", cleanAnswer + "✨", "### 总结\n" + cleanAnswer + "\n\n### 小结"] {
            #expect(!kinds(try llava([("human", "<image>\n招牌是什么颜色？"), ("gpt", answer)])).contains(.truncated), "\(answer)")
        }
    }

    @Test func wrongLanguage() throws {
        let s = try llava([("human", "<image>\n图片中的招牌写着什么？"), ("gpt", "The sign says Fresh Fruit Shop in large red letters.")])
        #expect(SampleLinter().lint(s).map(\.kind) == [.wrongLanguage])
        // English question, English answer; Chinese answer with brand names.
        #expect(kinds(try llava([("human", "What does the sign say?\n<image>"), ("gpt", "The sign says Fresh Fruit Shop.")])).isEmpty)
        #expect(kinds(try llava([("human", "<image>\n招牌写着什么？"), ("gpt", "招牌上写着“COFFEE”和“WiFi”，旁边有LED灯箱。")])).isEmpty)
    }

    @Test func repetitionLoops() throws {
        let unit = "从细节来看，较为符合干果的布置。"
        let s = try llava([("human", "<image>\n描述一下。"), ("gpt", cleanAnswer + String(repeating: unit, count: 12) + "从细节")])
        let found = try #require(SampleLinter().lint(s).first)
        #expect(found.kind == .repetitionLoop)
        #expect(found.message == "turn 2 ends with a 16-character passage repeated 12 times")
        // Two copies, laughter or a markdown rule are not a loop.
        #expect(kinds(try llava([("human", "<image>\n描述一下。"), ("gpt", cleanAnswer + String(repeating: unit, count: 2))])).isEmpty)
        #expect(kinds(try llava([("human", "<image>\n好笑吗？"), ("gpt", "很好笑，哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈")])).contains(.repetitionLoop) == false)
        #expect(kinds(try llava([("human", "<image>\n描述一下。"), ("gpt", cleanAnswer + "\n\n" + String(repeating: "-", count: 60))])).isEmpty)
    }

    @Test func roles() throws {
        let twice = try llava([("human", "<image>\n招牌写着什么？"), ("gpt", cleanAnswer), ("gpt", cleanAnswer)])
        #expect(SampleLinter().lint(twice).map(\.message) == ["turns 2 and 3 are both answers"])
        for bad in ["user", "Human", "human "] {
            let s = try llava([(bad, "<image>\n招牌写着什么？"), ("gpt", cleanAnswer)])
            #expect(SampleLinter().lint(s).map(\.kind) == [.badRoleName], "\(bad)")
        }
        for bad in ["GPT", "model", "assistant"] {
            let s = try llava([("human", "<image>\n招牌写着什么？"), (bad, cleanAnswer)])
            #expect(SampleLinter().lint(s).map(\.message) == ["turn 2 has role \"\(bad)\" (expected human/gpt)"])
        }
        // One schema's names used throughout under the other's key is a convention, not an error.
        #expect(kinds(try llava([("user", "<image>\n招牌写着什么？"), ("assistant", cleanAnswer)])).isEmpty)
        let messages = try lintSamples(#"""
            [{"messages": [{"role": "system", "content": "你是一个助手。"}, {"role": "user", "content": "<image>他们是谁？"},
              {"role": "assistant", "content": "他们是两位足球运动员。"}], "images": ["a.jpg"]},
             {"messages": [{"role": "user", "content": "<image>他们是谁？"}, {"role": "gpt", "content": "他们是两位足球运动员。"}], "images": ["a.jpg"]}]
            """#)
        #expect(kinds(messages[0]).isEmpty)
        #expect(SampleLinter().lint(messages[1]).map(\.kind) == [.badRoleName])
    }

    @Test func mojibake() throws {
        let gbk = try llava([("human", "<image>\n招牌写着什么？"), ("gpt", "招牌上写着：杩欏紶鍥剧墖灞曠ず浜嗕竴瀹堕潰棣嗙殑鎷涚墝。")])
        #expect(SampleLinter().lint(gbk).map(\.kind) == [.mojibake])
        let replacement = try llava([("human", "<image>\n招牌写着什么？"), ("gpt", "画面中没有看到人\u{FFFD}整体布局较为淡雅。")])
        #expect(kinds(replacement) == [.mojibake])
        // Rare characters in real names are not mojibake.
        #expect(kinds(try llava([("human", "<image>\n招牌写着什么？"), ("gpt", "招牌上写着“鑫淼面馆”和“犇犇牛肉”，字体醒目。")])).isEmpty)
    }

    @Test func invisibleCharacters() throws {
        for (char, name) in [("\u{200B}", "U+200B ZERO WIDTH SPACE"), ("\u{FEFF}", "U+FEFF BYTE ORDER MARK"), ("\u{A0}", "U+00A0 NO-BREAK SPACE"),
                             ("\u{3000}", "U+3000 IDEOGRAPHIC SPACE"), ("\r", "U+000D bare CR")] {
            let s = try llava([("human", "<image>\n招牌写" + char + "着什么？"), ("gpt", cleanAnswer)])
            let found = SampleLinter().lint(s)
            #expect(found.map(\.kind) == [.invisibleChar], "\(name)")
            #expect(found.first?.message == "turn 1 has \(name) at character 12", "\(name)")
        }
        // Paragraph indentation and CRLF are fine.
        #expect(kinds(try llava([("human", "<image>\n招牌写着什么？"), ("gpt", "\u{3000}\u{3000}" + cleanAnswer + "\r\n\u{3000}\u{3000}" + cleanAnswer)])).isEmpty)
    }

    @Test func controlCharacters() throws {
        let esc = try llava([("human", "<image>\n招牌写着什么？"), ("gpt", "\u{1B}[31m" + cleanAnswer)])
        #expect(SampleLinter().lint(esc).first?.message == "turn 2 has an escape sequence (U+001B ESCAPE) at character 1")
        let bidi = try llava([("human", "<image>\n招牌写着什么？"), ("gpt", cleanAnswer + "\u{202E}abc")])
        #expect(kinds(bidi).contains(.controlChar))
    }

    @Test func kindFilter() throws {
        let s = try llava([("human", "用户：招牌写着什么？"), ("gpt", "")])
        #expect(SampleLinter(kinds: [.emptyTurn]).lint(s).map(\.kind) == [.emptyTurn])
        #expect(Set(SampleLinter().lint(s).map(\.kind)) == [.leakedPrefix, .missingImageToken, .emptyTurn])
    }

    /// Clean Chinese samples of every task type's shape raise nothing.
    @Test func cleanChineseSamplesRaiseNothing() throws {
        let samples = try [
            llava([("human", "<image>\n图片中的招牌上写的是什么？"), ("gpt", cleanAnswer), ("human", "这张照片是白天还是晚上拍的？"),
                   ("gpt", "从光线来看，照片很可能是在白天拍摄的，让整个步行街显得十分协调。😊")]),
            llava([("human", "这家店的价格定位大概是怎样的？为什么？请说明理由。\n<image>"),
                   ("gpt", "可以从以下几个方面来分析：\n\n1. **招牌与文字**：招牌上写着“兰州拉面”，价格为15元。\n2. **环境**：店面较小，装修简单。\n\n综上所述，这是一家价格实惠的小店。")]),
            llava([("human", "<image>\n请详细描述这张图片。"),
                   ("gpt", "### 画面概述\n\n这是一张拍摄于老街的照片，画面的主体是一块红色的招牌。\n\n### 细节\n\n- **文字**：“老王烧烤”，字体为黑体。\n- **人物**：两位顾客正在排队。\n\n整体来看，画面温馨而热闹。")]),
            llava([("human", "<image>\n问题出在哪里？"), ("gpt", "回答这个问题需要看招牌：上面写着“用户须知：请勿吸烟”。")]),
        ]
        for s in samples { #expect(SampleLinter().lint(s).isEmpty, "\(s.turns.map(\.text))") }
    }
}
