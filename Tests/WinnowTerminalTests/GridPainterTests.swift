import Testing
import WinnowUI
@testable import WinnowTerminal

/// The painter writes what changed, and only that.
struct GridPainterTests {
    func grid(_ rows: [String], width: Int = 6, cursor: CursorPosition? = nil) -> ScreenGrid {
        var g = ScreenGrid(width: width, height: rows.count)
        for (row, text) in rows.enumerated() { g.write(text, row: row, column: 0) }
        g.cursor = cursor
        return g
    }

    func positions(_ update: FrameUpdate) -> [String] {
        update.writes.map { "\($0.row),\($0.column)" }
    }

    @Test func theFirstFrameIsWrittenInFull() {
        var painter = GridPainter()
        let update = painter.update(to: grid(["ab", "cd"], width: 3))
        #expect(update.fullRepaint)
        #expect(positions(update) == ["0,0", "0,1", "0,2", "1,0", "1,1", "1,2"])
        #expect(update.writes.first?.scalars == [0x61])
        #expect(update.writes.last?.scalars == [0x20])
    }

    @Test func anUnchangedFrameWritesNothingAndOneChangeWritesOneCell() {
        var painter = GridPainter()
        _ = painter.update(to: grid(["abc", "def"]))
        let same = painter.update(to: grid(["abc", "def"]))
        #expect(!same.fullRepaint)
        #expect(same.writes.isEmpty)
        let changed = painter.update(to: grid(["abc", "dxf"]))
        #expect(!changed.fullRepaint)
        #expect(positions(changed) == ["1,1"])
        #expect(changed.writes.first?.scalars == [0x78])
    }

    @Test func aWideGlyphIsWrittenAtItsLeadCellOnly() {
        var painter = GridPainter()
        _ = painter.update(to: grid(["ab"]))
        let update = painter.update(to: grid(["中b"]))
        // 中 covers columns 0 and 1; column 1 (its continuation) is never written; b moved.
        #expect(positions(update) == ["0,0", "0,2"])
        #expect(update.writes.first?.scalars == [0x4E2D])
        let back = painter.update(to: grid(["ab"]))
        #expect(positions(back) == ["0,0", "0,1", "0,2"])
    }

    @Test func aNewSizeOrInvalidateRepaintsEverything() {
        var painter = GridPainter()
        _ = painter.update(to: grid(["ab"], width: 2))
        let wider = painter.update(to: grid(["ab"], width: 3))
        #expect(wider.fullRepaint)
        #expect(wider.writes.count == 3)
        painter.invalidate()
        let again = painter.update(to: grid(["ab"], width: 3))
        #expect(again.fullRepaint)
        #expect(again.writes.count == 3)
    }

    @Test func theCursorIsPlacedWhenInsideTheGridAndHiddenOtherwise() {
        var painter = GridPainter()
        let inside = painter.update(to: grid(["ab"], cursor: CursorPosition(row: 0, column: 5)))
        #expect(inside.cursor == CursorPosition(row: 0, column: 5))
        let outside = painter.update(to: grid(["ab"], cursor: CursorPosition(row: 1, column: 0)))
        #expect(outside.cursor == nil)
        let none = painter.update(to: grid(["ab"]))
        #expect(none.cursor == nil)
    }

    @Test func withoutColoursABackgroundBecomesReverseVideo() {
        var g = ScreenGrid(width: 2, height: 1)
        g.put("a", width: 1, row: 0, column: 0, style: CellStyle(foreground: .indexed(1), background: .indexed(4), attributes: .bold))
        g.put("b", width: 1, row: 0, column: 1, style: CellStyle(foreground: .indexed(2)))
        var mono = GridPainter()
        mono.monochrome = true
        let update = mono.update(to: g)
        #expect(update.writes.map(\.style) == [CellStyle(attributes: [.bold, .reverse]), CellStyle()])
        var colour = GridPainter()
        #expect(colour.update(to: g).writes.first?.style.background == .indexed(4))
    }

    @Test func coloursMapToWhatTheTerminalHas() {
        #expect(GridPainter.colorNumber(.default, available: 256) == -1)
        #expect(GridPainter.colorNumber(.indexed(196), available: 256) == 196)
        #expect(GridPainter.colorNumber(.rgb(255, 0, 0), available: 256) == 196)
        #expect(GridPainter.colorNumber(.rgb(128, 128, 128), available: 256) >= 232)
        #expect(GridPainter.colorNumber(.indexed(196), available: 8) == 1)  // red of the basic 8
        #expect(GridPainter.colorNumber(.rgb(0, 0, 255), available: 8) == 4)
        #expect(GridPainter.colorNumber(.indexed(12), available: 16) == 12)
        #expect(GridPainter.colorNumber(.indexed(12), available: 8) == 4)  // bright blue -> blue
    }

    @Test func controlCharactersNeverReachTheTerminal() {
        #expect(GridPainter.printable("\u{1B}") == [0xFFFD])
        #expect(GridPainter.printable("\u{9B}") == [0xFFFD])
        #expect(GridPainter.printable("a\u{7F}") == [0x61, 0xFFFD])
        #expect(GridPainter.printable("") == [0x20])
        #expect(GridPainter.printable("中") == [0x4E2D])
        #expect(GridPainter.printable("e\u{301}") == [0x65, 0x301])  // combining marks stay
    }
}
