import Testing
@testable import WinnowUI
import WinnowCore

@Suite struct EditorEditingTests {
    @Test func undoCoalescesTypingByWord() {
        var e = TextEditor(markup: "|")
        for c in "hello world" { e.type(String(c)) }
        #expect(e.markup == "hello world|")
        e.undo()
        #expect(e.markup == "hello |")
        e.undo()
        #expect(e.markup == "|")
        #expect(!e.canUndo)
        e.redo()
        #expect(e.markup == "hello |")
        e.redo()
        #expect(e.markup == "hello world|")
        #expect(!e.canRedo)
    }

    @Test func aMoveBreaksTheTypingRun() {
        var e = TextEditor(markup: "東京|")
        e.type("タ")
        e.move(.left)
        e.move(.right)
        e.type("ワ")
        e.undo()
        #expect(e.markup == "東京タ|")
        e.undo()
        #expect(e.markup == "東京|")
    }

    @Test func backspaceRunIsOneUndoStep() {
        var e = TextEditor(markup: "東京タワー|")
        e.deleteBackward(); e.deleteBackward(); e.deleteBackward()
        #expect(e.markup == "東京|")
        e.undo()
        #expect(e.markup == "東京タワー|")
        e.redo()
        #expect(e.markup == "東京|")
    }

    @Test func newEditClearsRedo() {
        var e = TextEditor(markup: "a|")
        e.type("b")
        e.undo()
        e.type("c")
        #expect(!e.canRedo)
        #expect(e.markup == "ac|")
    }

    @Test func multiLinePasteIsLiteralAndOneStep() {
        var e = TextEditor(markup: "前|后", width: 10)
        let pasted = "第一行\r\n\t第二行 \"q\" \\n\u{1B}[31m\n"
        e.paste(pasted)
        #expect(e.text == "前" + pasted + "后")
        #expect(e.markup == "前\(pasted)|后")
        e.undo()
        #expect(e.markup == "前|后")
    }

    @Test func largePasteKeepsLayoutConsistent() {
        var e = TextEditor(markup: "开始|结束", width: 37)
        let block = String(repeating: "图片中有一只猫。The cat sits on 桌子.\n", count: 250)
        e.paste(block)
        #expect(e.text.count == 4 + block.count)
        // The incrementally maintained layout equals a fresh wrap of the whole text.
        #expect(e.layout == EditorLayout(text: e.text, width: 37))
    }

    @Test func incrementalLayoutMatchesAFreshWrapAfterManyEdits() {
        var e = TextEditor(text: "第一段文字比较长，需要折行显示。\n\nsecond paragraph here\r\nthird 东京", width: 11, cursor: 0)
        var rng = SystemRandomNumberGenerator()
        let pieces = ["x", "东", "\n", "\r\n", " ", "👍🏽", "e\u{301}", "abc def"]
        for step in 0..<300 {
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: e.type(pieces.randomElement(using: &rng) ?? "x")
            case 1: e.deleteBackward()
            case 2: e.deleteForward()
            case 3: e.move([.left, .right, .up, .down, .wordLeft, .wordRight].randomElement(using: &rng) ?? .left)
            case 4: e.undo()
            default: e.redo()
            }
            #expect(e.layout == EditorLayout(text: e.text, width: 11), "step \(step)")
            #expect(e.cursor >= 0 && e.cursor <= e.text.utf8.count)
        }
    }

    @Test func windowedRewrapInALongParagraphMatchesAFreshWrap() {
        let sentence = "图中有一只猫，它在桌子上睡觉。The quick brown fox jumps over the lazy dog. "
        var e = TextEditor(text: String(repeating: sentence, count: 12), width: 13, cursor: 0)
        var rng = SystemRandomNumberGenerator()
        let pieces = ["字", "，", "。", " ", "word ", "x", "👍🏽", "\n", "longerwordthanwidth"]
        for step in 0..<400 {
            e.setCursor(Int.random(in: 0...e.text.utf8.count, using: &rng))
            switch Int.random(in: 0..<5, using: &rng) {
            case 0, 1: e.type(pieces.randomElement(using: &rng) ?? "x")
            case 2: e.deleteBackward()
            case 3: e.deleteWordBackward()
            default: if Bool.random(using: &rng) { e.undo() } else { e.redo() }
            }
            let fresh = EditorLayout(text: e.text, width: 13)
            #expect(e.layout == fresh, "step \(step)")
            if e.layout != fresh { break }
        }
    }

    /// Re-wrapping stops where the new lines meet the old ones: after many random edits
    /// (kinsoku punctuation, spaces that hang, long words, wide glyphs) at several widths the
    /// layout is still the fresh one.
    @Test(arguments: [4, 9, 17, 38])
    func rewrapFromTheEditedLineMatchesAFreshWrap(width: Int) {
        let sentence = "「东京」（タワー）是一座塔。  It hangs,  well... 的确！！“好”——是的；longword "
        var e = TextEditor(text: String(repeating: sentence, count: 20), width: width, cursor: 0)
        var rng = SplitMix64(seed: UInt64(width))
        let pieces = ["字", "，", "。", "」", "「", " ", "  ", "word ", "x", "👍🏽", "）", "——", "verylongwordindeed", "\n"]
        for step in 0..<600 {
            e.setCursor(Int(rng.next() % UInt64(e.text.utf8.count + 1)))
            switch rng.next() % 5 {
            case 0, 1: e.type(pieces[Int(rng.next() % UInt64(pieces.count))])
            case 2: e.deleteBackward()
            case 3: e.deleteForward()
            default: if rng.next() % 2 == 0 { e.undo() } else { e.redo() }
            }
            let fresh = EditorLayout(text: e.text, width: width)
            #expect(e.layout == fresh, "width \(width) step \(step)")
            if e.layout != fresh { break }
        }
    }

    @Test func deleteWordBackward() {
        #expect(edit("hello world|", .deleteWord) == "hello |")
        #expect(edit("东京塔|", .deleteWord) == "东京|")
    }

    @Test func controlCharactersAreStoredAsTyped() {
        var e = TextEditor(markup: "a|b")
        e.type("\u{07}")
        e.type("\u{202E}")
        #expect(e.text == "a\u{07}\u{202E}b")
    }

    @Test func resizeRewraps() {
        var e = TextEditor(markup: "東京塔大厦|", width: 80)
        #expect(e.lineCount == 1)
        e.setWrapWidth(4)
        #expect(e.lineCount == 3)
        #expect(e.cursorPosition == CursorPosition(row: 2, column: 2))
    }
}

