import Foundation
import Testing

/// A burst of random keys, raw escape fragments, pastes and resizes down to 1x1 against the
/// real binary in tmux: the program must still be running and answering afterwards, and the
/// journal it wrote must check clean.
@Suite(.serialized, .enabled(if: Prerequisite.tmux, Prerequisite.tmuxReason))
struct RandomKeysEndToEndTests {
    @Test(arguments: [UInt64(5), 23])
    func randomBurstNeverKillsTheProgram(seed: UInt64) throws {
        let dir = E2ETempDir()
        let path = dir.file("data.json")
        var samples: [String] = []
        for i in 0..<8 {
            let answer = String(repeating: "### 标题\\n1. **要点**：回答的内容很长。", count: i * 5)
            samples.append(#"{"id":"r\#(i)","image":"x\#(i).jpg","conversations":[{"from":"human","value":"<image>\n问题\#(i)"},{"from":"gpt","value":"\#(answer)"}]}"#)
        }
        try ("[\n" + samples.joined(separator: ",\n") + "\n]\n").write(toFile: path, atomically: true, encoding: .utf8)
        let journal = dir.file("j.jsonl")
        // q quits and ctrl-z stops the process: both are left out; $EDITOR and the viewer are no-ops.
        let t = try TmuxSession(arguments: ["review", path, "--journal", journal],
                                environment: ["EDITOR": "true", "VISUAL": "true", "WINNOW_IMAGE_VIEWER": "true"])
        defer { t.close() }
        #expect(t.waitFor("1 / 8"))
        var state = seed
        func next(_ n: Int) -> Int {
            // SplitMix64: the same burst for the same seed.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
        let named = ["Enter", "Escape", "Tab", "BTab", "BSpace", "DC", "Home", "End", "PPage", "NPage", "Up",
                     "Down", "Left", "Right", "F1", "F5", "F12", "C-s", "C-e", "C-w", "C-u", "C-l", "C-g", "M-Up",
                     "M-Down", "C-Right", "a", "x", "u", "e", "E", "n", "N", "/", "?", "g", "i", "f", "F", "T",
                     "m", "!", "M", "d", "v", "space", "1", "3", "j", "k", "l", "h"]
        let literal = ["中", "文", "😀", "\u{1B}[", "\u{1B}[1;5X", "\u{1B}O", "\u{1B}[200~粘贴\u{1B}[201~", "\u{1B}[4~"]
        let sizes = [(80, 24), (1, 1), (5, 3), (20, 5), (160, 48), (40, 10), (100, 30)]
        for _ in 0..<240 {
            let roll = next(100)
            if roll < 6 {
                let (w, h) = sizes[next(sizes.count)]
                t.resize(width: w, height: h)
            } else if roll < 20 {
                t.type(literal[next(literal.count)])
            } else {
                t.sendKeys(named[next(named.count)])
            }
        }
        // Still alive and drawing: back at a usable size the status row comes back.
        t.resize(width: 80, height: 24)
        t.sendKeys("C-l")
        #expect(t.waitFor("decided"), "screen: \(t.capture())")
        #expect(t.exitStatus == nil, "the program ended: \(t.capture())")
        if FileManager.default.fileExists(atPath: journal) {
            let check = try WinnowCLI.run(["journal", "check", journal, "--dataset", path])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        }
    }
}
