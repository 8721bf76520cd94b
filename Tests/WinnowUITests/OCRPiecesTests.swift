import Testing
import WinnowCore
@testable import WinnowUI

/// The pure pieces of the OCR pane: placement, reading order, the quote at the cursor.
@Suite struct OCRPiecesTests {
    @Test func paneGoesBelowOnNarrowAreasAndBesideOnWideOnes() throws {
        // 80x24, compact metadata: the dialogue's area is 80x15 from row 7.
        let below = try #require(SidePaneLayout.split(Rect(row: 7, column: 0, width: 80, height: 15), wantedRows: 8))
        #expect(!below.beside)
        #expect(below.pane == Rect(row: 16, column: 0, width: 80, height: 6))
        #expect(below.main == Rect(row: 7, column: 0, width: 80, height: 9))
        // Few lines: no more rows than wanted.
        let small = try #require(SidePaneLayout.split(Rect(row: 2, column: 0, width: 80, height: 20), wantedRows: 5))
        #expect(small.pane.height == 5 && small.main.height == 15)
        // 200 columns with the metadata beside: the dialogue's 139 columns share with the pane.
        let beside = try #require(SidePaneLayout.split(Rect(row: 2, column: 0, width: 139, height: 46), wantedRows: 8))
        #expect(beside.beside)
        #expect(beside.pane == Rect(row: 2, column: 93, width: 46, height: 46))
        #expect(beside.main == Rect(row: 2, column: 0, width: 92, height: 46))
        // No room for both.
        #expect(SidePaneLayout.split(Rect(row: 2, column: 0, width: 60, height: 7), wantedRows: 8) == nil)
    }

    @Test func linesAreInReadingOrder() {
        let sorted = OCRReadingOrder.sorted(OCRFixture.lines).map(\.text)
        #expect(sorted == ["鑫源水果店", "营业时间 8:00-22:00", "电话", "欢迎光临"])
        // Boxes from a damaged cache file cannot trap.
        let huge = OCRLine(text: "x", box: OCRBox(x: Int.max, y: Int.max, width: Int.max, height: Int.max), confidence: 1)
        let negative = OCRLine(text: "y", box: OCRBox(x: Int.min, y: Int.min, width: 5, height: Int.min), confidence: 1)
        #expect(OCRReadingOrder.sorted([huge, negative]).count == 2)
    }

    @Test func quoteAtCursorCoversTheMarksAndTheText() throws {
        let text = "写着“鑫园”和「营业中」。"
        // Character offsets: 写0 着1 “2 鑫3 园4 ”5 和6 「7 营8 业9 中10 」11 。12
        func at(_ characters: Int) -> QuoteAtCursor? {
            let index = text.index(text.startIndex, offsetBy: characters)
            return QuoteAtCursor.find(in: text, cursor: text.utf8.distance(from: text.utf8.startIndex, to: index))
        }
        #expect(at(0) == nil)
        #expect(at(1) == nil)
        for inside in 2...6 { #expect(at(inside)?.phrase.text == "鑫园", "cursor at \(inside)") }
        #expect(at(7)?.phrase.text == "营业中")
        #expect(at(13) == nil)
        let q = try #require(at(9))
        #expect(q.ordinal == 1 && q.count == 2)
        let start = text.utf8.index(text.utf8.startIndex, offsetBy: q.utf8Range.lowerBound)
        let end = text.utf8.index(text.utf8.startIndex, offsetBy: q.utf8Range.upperBound)
        #expect(String(text[start..<end]) == "营业中")
    }

    @Test func insertingAnOCRLineReplacesTheQuoteOrGoesAtTheCursor() throws {
        // Cursor inside the quote: the quote's text is replaced, the marks kept; one undo step.
        var session = try #require(EditorSession(sampleIndex: 0, turns: [Turn(role: .gpt, roleName: "gpt", text: "写着“鑫园”。")]))
        _ = session.perform(.cursorTextStart)
        for _ in 0..<3 { _ = session.perform(.cursorRight) }
        let replaced = session.insertOCRLine("鑫源水果店")
        #expect(replaced?.text == "鑫园")
        #expect(session.editor.text == "写着“鑫源水果店”。")
        _ = session.perform(.undo)
        #expect(session.editor.text == "写着“鑫园”。")
        // Outside any quote: inserted at the cursor, control characters made spaces.
        _ = session.perform(.cursorTextEnd)
        #expect(session.insertOCRLine("营业\n中\u{1B}") == nil)
        #expect(session.editor.text == "写着“鑫园”。营业 中")
    }
}
