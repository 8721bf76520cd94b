import Testing
import WinnowCore
@testable import WinnowUI

/// Random key scripts and terminal sizes: nothing traps, every frame has the asked size, no
/// cell holds a control character, and the position stays inside the visible order.
@Suite struct RandomKeyScriptTests {
    @Test(arguments: [1, 2, 3])
    func randomScripts(seed: UInt64) {
        let hostile = "\u{1B}]0;pwned\u{7}\u{9B}2J\u{202E}abc\u{2066}\t中文\u{0}\r\n😀\u{200B}"
        let samples = (0..<12).map { i in
            makeSample(i, human: i % 3 == 0 ? hostile : "<image>\n问题\(i)", gpt: String(repeating: "回答，很长的回答。", count: i * 7),
                       type: TaskType.allCases[i % 3])
        }
        let (app, _, journal) = makeApp(samples: samples)
        var rng = SplitMix64(seed: seed)
        var keys: [KeyPress] = []
        for context in KeyContext.allCases { keys += app.keymap.entries(in: context).map(\.key) }
        keys += ["1", "2", "9", "z", "中"].map { KeyPress.char(Character($0)) }
        let sizes = [(80, 24), (40, 10), (39, 9), (1, 1), (0, 0), (120, 40), (300, 80), (160, 12)]
        for _ in 0..<2000 {
            let roll = rng.pick(100)
            if roll < 3 {
                let (w, h) = sizes[rng.pick(sizes.count)]
                _ = app.handle(.resize(width: w, height: h))
            } else if roll < 5 {
                _ = app.handle(.paste("粘贴\u{1B}[31m\n文本"))
            } else {
                if rng.pick(10) == 0 { journal?.failNext = true }
                _ = app.handle(.key(keys[rng.pick(keys.count)]))
            }
            let g = app.render(width: app.state.width, height: app.state.height)
            #expect(g.width == max(0, app.state.width) && g.height == max(0, app.state.height))
            #expect(app.state.visible.count == 0 || (0..<app.state.visible.count).contains(app.state.position))
            for cell in g.cells {
                for s in cell.text.unicodeScalars {
                    let v = s.value
                    if v < 0x20 || (v >= 0x7F && v < 0xA0) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                        Issue.record("raw control U+\(String(v, radix: 16)) on screen")
                    }
                }
            }
        }
    }
}

extension SplitMix64 {
    /// A number in `0..<n` (0 when n < 1): WinnowCore's one SplitMix64, as the scripts use it.
    mutating func pick(_ n: Int) -> Int { Int(next(below: UInt64(max(1, n)))) }
}
