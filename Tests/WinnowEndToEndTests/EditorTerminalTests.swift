import Foundation
import Testing
import WinnowCore

/// The editor in a real terminal: edit a Chinese caption and save, a bracketed paste, and an
/// $EDITOR round trip with a stand-in editor; each ends with `winnow merge` and looks for
/// the new text in the output.
@Suite(.serialized, .enabled(if: Prerequisite.tmux, Prerequisite.tmuxReason))
struct EditorTerminalTests {
    static let caption = "招牌上写着“东京铁搭”，下面有一行小字。"

    func dataset(in dir: E2ETempDir) throws -> String {
        let path = dir.file("data.json")
        let text = #"[{"id":"a1","image":"x.jpg","conversations":[{"from":"human","value":"图中的招牌写着什么？"},{"from":"gpt","value":"\#(Self.caption)"}]}]"#
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Whether the program ended (with status 0 when tmux reports one: some tmux versions
    /// leave `pane_dead_status` empty for a pane that died a moment ago).
    func quits(_ t: TmuxSession) -> Bool {
        if let status = t.waitForExit(timeout: 3) { return status == 0 }
        return t.paneFormat("#{pane_dead}") == "1"
    }

    /// Whether the screen says the edit was saved ("NOT saved: ..." also contains "saved",
    /// so a bare wait for "saved" would pass on a failed save).
    func saved(_ t: TmuxSession) -> Bool {
        t.waitUntil { $0.contains("saved") && !$0.contains("NOT saved") }
    }

    func mergedAnswer(_ input: String, _ dir: E2ETempDir) throws -> String? {
        let out = dir.file("out.json")
        let merged = try WinnowCLI.run(["merge", input, "-o", out])
        #expect(merged.status == 0, "merge: \(merged.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: out))
        let array = try JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        let conv = array?.first?["conversations"] as? [[String: Any]]
        return conv?.last?["value"] as? String
    }

    @Test func editAChineseCaptionSaveQuitMerge() throws {
        let dir = E2ETempDir()
        let input = try dataset(in: dir)
        let t = try TmuxSession(arguments: ["review", input])
        defer { t.close() }
        #expect(t.waitFor("东京铁搭"))
        t.sendKeys("e")
        #expect(t.waitFor("Editing sample 0"))
        #expect(t.waitFor("turn 2/2"))          // the editor opens on the answer, cursor at its end
        // The real terminal cursor is at the insertion point (an IME draws its window there):
        // after the indent and the caption's display columns, on the caption's row.
        let rows = t.capture().split(separator: "\n", omittingEmptySubsequences: false)
        let row = rows.firstIndex { $0.contains(Self.caption) }
        let cursor = t.paneFormat("#{cursor_x} #{cursor_y}")
        #expect(cursor == "\(2 + DisplayWidth.of(Self.caption)) \(row ?? -1)", "screen: \(t.capture())")
        for _ in 0..<10 { t.sendKeys("Left") }  // just after "搭": 10 clusters before the end
        t.sendKeys("BSpace")
        t.type("塔")
        t.sendKeys("C-s")
        #expect(saved(t), "\(t.capture())")
        t.sendKeys("Escape")
        // Wait for reading mode before "q": ESC and q sent together read as alt-q.
        #expect(t.waitForAbsence("Editing sample"))
        #expect(t.waitFor("东京铁塔"))
        t.sendKeys("q")
        #expect(quits(t), "screen: \(t.capture())")
        #expect(try mergedAnswer(input, dir) == "招牌上写着“东京铁塔”，下面有一行小字。")
    }

    @Test func bracketedPasteIsInsertedLiterally() throws {
        let dir = E2ETempDir()
        let input = try dataset(in: dir)
        let t = try TmuxSession(arguments: ["review", input])
        defer { t.close() }
        #expect(t.waitFor("东京铁搭"))
        t.sendKeys("e")
        #expect(t.waitFor("turn 2/2"))
        // "q" would quit and "a" accept if the paste were read as keys.
        t.paste("\n补充：q a 第二行")
        #expect(t.waitFor("补充：q a 第二行"))
        t.sendKeys("C-s")
        #expect(saved(t), "\(t.capture())")
        t.sendKeys("Escape")
        #expect(t.waitForAbsence("Editing sample"))
        t.sendKeys("q")
        #expect(quits(t), "screen: \(t.capture())")
        #expect(try mergedAnswer(input, dir) == Self.caption + "\n补充：q a 第二行")
    }

    /// tmux sends Home/End as `ESC[1~`/`ESC[4~` whatever TERM says; under the common
    /// `TERM=xterm-256color` terminfo does not know them. They must move the cursor, and an
    /// unknown sequence must vanish, not type `~` or `4~` into the caption.
    @Test func escapeSequencesTheTerminfoLacksAreKeysNotText() throws {
        let dir = E2ETempDir()
        let input = try dataset(in: dir)
        let t = try TmuxSession(arguments: ["review", input])
        defer { t.close() }
        #expect(t.waitFor("东京铁搭"))
        t.sendKeys("e")
        #expect(t.waitFor("turn 2/2"))
        t.type("\u{1B}[1~")                      // Home
        t.type("\u{1B}[1;5X")                    // nobody's key
        t.type("前")
        t.type("\u{1B}[4~")                      // End
        t.type("后")
        #expect(t.waitFor("前招牌上写着“东京铁搭”，下面有一行小字。后"), "screen: \(t.capture())")
        #expect(!t.capture().contains("~"))
        t.sendKeys("C-s")
        #expect(saved(t), "\(t.capture())")
        t.sendKeys("Escape")
        #expect(t.waitForAbsence("Editing sample"))
        t.sendKeys("q")
        #expect(quits(t), "screen: \(t.capture())")
        #expect(try mergedAnswer(input, dir) == "前" + Self.caption + "后")
    }

    @Test func externalEditorRoundTrip() throws {
        let dir = E2ETempDir()
        let input = try dataset(in: dir)
        // A stand-in editor: rewrites the file in place with sed, as a person would in vi.
        let script = dir.file("fake-editor.sh")
        try "#!/bin/sh\nsed -i 's/铁搭/铁塔/' \"$1\"\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let t = try TmuxSession(arguments: ["review", input], environment: ["EDITOR": script, "VISUAL": nil])
        defer { t.close() }
        #expect(t.waitFor("东京铁搭"))
        t.sendKeys("E")
        #expect(saved(t), "\(t.capture())")
        #expect(t.waitFor("东京铁塔"))
        t.sendKeys("q")
        #expect(quits(t), "screen: \(t.capture())")
        #expect(try mergedAnswer(input, dir) == "招牌上写着“东京铁塔”，下面有一行小字。")
    }
}
