import Foundation
import Testing
import WinnowCore
@testable import WinnowUI

/// The adjudication screen as grids: header (`N / conflicts`, the adjudicator and journal),
/// the conflict panel with every side (CJK notes and diffs), at 80x24 and wide.
@Suite struct AdjudicationScreenTests {
    @Test func conflictPanelAt80x24WithAChineseNote() throws {
        let f = try AdjudicationFixture()
        f.app.press("right")
        let expected = """
             d.jsonl  2 / 3 conflicts  #5  id s5               judy → adj.jsonl  UNDECIDED
            ---------------- 0/3 decided (0%)  adjudicating on decision + reasons
             id: s5
             image: i5.jpg (MISSING)
             turns: 2 (human 1, gpt 1)
             chars: human 15, gpt 11
             type: complex_reasoning (inferred)                               … +1 (M shows)
             majority  reject: hallucination  · no ruling yet · enter rules the majority
             1   ann  accept  2026-11-29 10:00:00
             2 ● bob  reject: hallucination  2026-11-29 10:00:00
                  note: 没有这个招牌 no such sign
             3 ● cy   reject: hallucination  2026-11-29 10:00:00
                  note: 没有这个招牌 no such sign
            ──────────────────────────────────────────────────────────────────────── P size
             dialogue · lines 1-6 of 6 · all
            ▍human  turn 1/2 · 15 chars
              <image>
              图里写了什么？

            ▍gpt  turn 2/2 · 11 chars
              招牌上写着东京塔 5。


             1-3 pick  enter majority  a accept  x reject  e edit  u undo            ? help
            """
        #expect(f.rows().joined(separator: "\n") == expected)
        // The majority is pre-selected: drawn in the selection style (reverse).
        let grid = f.app.render(width: 80, height: 24)
        #expect(grid[7, 11].text == "r" && grid[7, 11].style.attributes.contains(.reverse))
        #expect(grid[7, 1].text == "m" && !grid[7, 1].style.attributes.contains(.reverse))
    }

    @Test func editsAsDiffsAgainstTheOriginalAndEachOtherScrollInThePanel() throws {
        let f = try AdjudicationFixture()
        f.app.press("end")
        #expect(Array(f.rows()[7...13]) == [
            " majority  accept  · no ruling yet · enter rules the majority",
            " 1 ● ann  accept  2026-11-29 10:00:00",
            " 2 ● bob  edit  2026-11-29 10:00:00",
            "    ▍gpt  turn 2 · edited",
            "      招牌上写着东京塔大阪 7。",
            " 3 ● cy   edit  2026-11-29 10:00:00",
            "    ▍gpt  turn 2 · edited",
        ])
        #expect(f.rows()[14].hasSuffix(" 4 more ↓ · J/K scroll · P size"))
        // The diff marks deletions (reverse) and insertions (underline), grapheme by grapheme.
        let grid = f.app.render(width: 80, height: 24)
        #expect(grid[11, 16].text == "东" && grid[11, 16].style.attributes.contains(.reverse))
        #expect(grid[11, 22].text == "大" && grid[11, 22].style.attributes.contains(.underline))
        f.app.press("J", "J", "J", "J")
        #expect(Array(f.rows()[8...13]) == [
            " 3 ● cy   edit  2026-11-29 10:00:00",
            "    ▍gpt  turn 2 · edited",
            "      招牌上写着东京塔 7。",
            " bob → cy  (the second's edit against the first's)",
            "    ▍gpt  turn 2 · differs",
            "      招牌上写着大阪东京 7。",
        ])
        #expect(f.rows()[14].hasSuffix("─ J/K scroll · P size"))
    }

    @Test func wideTerminalKeepsThePanelBesideTheMetadata() throws {
        let f = try AdjudicationFixture(width: 130, height: 30)
        f.app.press("end")
        let rows = f.rows(width: 130, height: 30)
        #expect(rows[0].hasPrefix(" d.jsonl  3 / 3 conflicts  #7  id s7"))
        #expect(rows[0].hasSuffix("judy → adj.jsonl  UNDECIDED"))
        let left = rows[2...15].map { row in
            String(row.split(separator: "│", maxSplits: 1, omittingEmptySubsequences: false).first ?? "").replacingOccurrences(of: #" +$"#, with: "", options: .regularExpression)
        }
        #expect(left == [
            " majority  accept  · no ruling yet · enter rules the majority",
            " 1 ● ann  accept  2026-11-29 10:00:00",
            " 2 ● bob  edit  2026-11-29 10:00:00",
            "    ▍gpt  turn 2 · edited",
            "      招牌上写着东京塔大阪 7。",
            " 3 ● cy   edit  2026-11-29 10:00:00",
            "    ▍gpt  turn 2 · edited",
            "      招牌上写着东京塔 7。",
            " bob → cy  (the second's edit against the first's)",
            "    ▍gpt  turn 2 · differs",
            "      招牌上写着大阪东京 7。",
            "───────────────────────────────────────────────────────────────────────────────── P size",
            " dialogue · lines 1-6 of 6 · all",
            "▍human  turn 1/2 · 15 chars",
        ])
        // The side pane's border runs past the panel too.
        let grid = f.app.render(width: 130, height: 30)
        for row in 2..<28 { #expect(grid[row, 89].text == "│", "row \(row)") }
    }

    @Test func rulingsShowInThePanelAndTheProgress() throws {
        let f = try AdjudicationFixture()
        f.app.press("A", "right", "enter")
        #expect(f.rows()[7] == " majority  reject: hallucination  · ruled: reject: hallucination · enter rules …")
        #expect(f.rows()[1].contains("1/3 decided"))
        f.app.press("end", "3")
        #expect(f.rows()[7].hasPrefix(" majority  accept  · ruled: edit (picked cy)"))
        #expect(f.rows()[0].hasSuffix("EDITED"))
        #expect(f.rows()[22].hasPrefix("saved: ruled edited #7 (picked cy)"))
    }

    @Test func journalTextIsDrawnSanitised() throws {
        let f = try AdjudicationFixture(note: "坏\u{1B}[2J\u{202E}note", bob: "b\u{202E}ob")
        f.app.press("right")
        let rows = f.rows()
        #expect(rows.contains("      note: 坏␛[2J<U+202E>note"))
        #expect(rows.contains { $0.hasPrefix(" 2 ● b<U+202E>ob  reject: hallucination") })
        #expect(!rows.joined().contains("\u{1B}"))
        #expect(!rows.joined().contains("\u{202E}"))
    }

    @Test func headerAndPanelFitTheSmallestScreen() throws {
        let f = try AdjudicationFixture(width: 40, height: 10)
        f.app.press("end")
        let rows = f.rows(width: 40, height: 10)
        #expect(rows[0].hasPrefix(" 3 / 3 confli… judy → adj.…  UNDECIDED"))
        #expect(rows.count == 10)
        // Renders twice alike and leaves the state alone.
        let state = f.app.state
        #expect(f.app.render(width: 40, height: 10).rows == f.app.render(width: 40, height: 10).rows)
        #expect(f.app.state == state)
    }
}
