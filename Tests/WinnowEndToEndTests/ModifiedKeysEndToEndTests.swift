import Foundation
import Testing

/// Ctrl and Alt with cursor keys reach the editor under every common TERM: tmux sends the
/// xterm sequences (`ESC[1;5D`), which ncurses names from terminfo's extended names under
/// xterm-256color, tmux-256color and xterm, and which Winnow's decoder reads itself under
/// screen and linux. Each key is checked by what it does in the editor.
@Suite(.serialized, .enabled(if: Prerequisite.tmux, Prerequisite.tmuxReason))
struct ModifiedKeysEndToEndTests {
    static let terms = ["xterm-256color", "tmux-256color", "xterm", "screen", "linux"]

    /// Four turns; the editor opens on turn 2, "alpha beta gamma", with the cursor at its end.
    static let dataset = #"[{"id":"m1","image":"x.jpg","conversations":[{"from":"human","value":"first question"},{"from":"gpt","value":"alpha beta gamma"},{"from":"human","value":"second question"},{"from":"gpt","value":"delta epsilon"}]}]"#

    /// Ctrl-Up/Down are not bound by default; this user keymap gives them turn moves so
    /// that they too can be seen to arrive.
    static let userKeymap = "editor:\n  ctrl-up: editor-previous-turn\n  ctrl-down: editor-next-turn\n"

    @Test(arguments: terms)
    func modifiedCursorKeysArrive(term: String) throws {
        let dir = E2ETempDir()
        let data = dir.file("data.json")
        try Self.dataset.write(toFile: data, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir.file("config/winnow"), withIntermediateDirectories: true)
        try Self.userKeymap.write(toFile: dir.file("config/winnow/keymap.yaml"), atomically: true, encoding: .utf8)
        let t = try TmuxSession(arguments: ["review", data], width: 100, height: 30,
                                environment: ["TERM": term, "XDG_CONFIG_HOME": dir.file("config")])
        defer { t.close() }
        #expect(t.waitFor("id m1"), "\(term): \(t.capture())")
        t.sendKeys("e")
        #expect(t.waitFor("turn 2/4"), "\(term): \(t.capture())")

        // Turn moves: Alt-Down, Alt-Up, Ctrl-Down, Ctrl-Up.
        t.sendKeys("M-Down")
        #expect(t.waitFor("turn 3/4"), "\(term) alt-down: \(t.capture())")
        t.sendKeys("M-Up")
        #expect(t.waitFor("turn 2/4"), "\(term) alt-up: \(t.capture())")
        t.sendKeys("C-Down")
        #expect(t.waitFor("turn 3/4"), "\(term) ctrl-down: \(t.capture())")
        t.sendKeys("C-Up")
        #expect(t.waitFor("turn 2/4"), "\(term) ctrl-up: \(t.capture())")

        // Word and text moves on "alpha beta gamma" (indent 2): the end is column 18, the
        // start of "gamma" column 13, the start of the text column 2. The row is read with
        // the cursor, as a capture may catch a frame half drawn.
        #expect(Self.waitForCursor(t, onRowWith: "alpha beta gamma", column: 18), "\(term): \(Self.where_(t))")
        for (key, column) in [("C-Left", 13), ("C-Right", 18), ("M-Left", 13), ("M-Right", 18),
                              ("C-Home", 2), ("C-End", 18)] {
            t.sendKeys(key)
            #expect(Self.waitForCursor(t, onRowWith: "alpha beta gamma", column: column, timeout: 5),
                    "\(term) \(key): expected column \(column), \(Self.where_(t))")
        }
        // Nothing was typed into the text by a sequence read as characters.
        #expect(t.capture().contains("alpha beta gamma"))
        #expect(!t.capture().contains("~") && !t.capture().contains("[1;"), "\(term): \(t.capture())")
    }

    /// Waits until the cursor sits at `column` on the row showing `text`.
    static func waitForCursor(_ t: TmuxSession, onRowWith text: String, column: Int, timeout: Double = 10) -> Bool {
        t.waitUntil(timeout: timeout) { screen in
            guard let cursor = t.cursor, cursor.column == column else { return false }
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return cursor.row < rows.count && rows[cursor.row].contains(text)
        }
    }

    /// The cursor and the screen, for failure messages.
    static func where_(_ t: TmuxSession) -> String {
        "cursor \(String(describing: t.cursor)) on\n\(t.capture())"
    }
}
