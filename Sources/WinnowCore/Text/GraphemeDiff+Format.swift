extension GraphemeDiff {
    /// How `format` marks changes.
    public enum Marking: Sendable {
        /// `[-deleted-]{+inserted+}`, as `git diff --word-diff=plain`, for pipes and files.
        case plain
        /// ANSI SGR: deletions red and struck through, insertions green and underlined (the
        /// attributes keep the meaning when colours are off or the reader is colour-blind).
        case ansi
    }

    /// The runs as text for a terminal or a file. Control and bidi characters are replaced
    /// by visible stand-ins (`DisplayText`); a deleted or inserted line break shows as `↵` before the break
    /// so it is not invisible.
    public static func format(_ runs: [DiffRun], marking: Marking) -> String {
        var out = ""
        for run in runs {
            let (open, close): (String, String)
            switch (run.kind, marking) {
            case (.equal, _): (open, close) = ("", "")
            case (.delete, .plain): (open, close) = ("[-", "-]")
            case (.insert, .plain): (open, close) = ("{+", "+}")
            case (.delete, .ansi): (open, close) = ("\u{1B}[31;9m", "\u{1B}[0m")
            case (.insert, .ansi): (open, close) = ("\u{1B}[32;4m", "\u{1B}[0m")
            }
            out += open
            for c in run.text {
                if c == "\n" || c == "\r\n" {
                    if run.kind != .equal {
                        out += c == "\n" ? "↵" : "␍↵"
                        // Close and reopen ANSI attributes around the break so pagers that
                        // reset per line still show them.
                        if marking == .ansi { out += close + "\n" + open } else { out += "\n" }
                    } else {
                        out += "\n"
                    }
                } else {
                    // The reading view's sanitizer: controls as Control Pictures, bidi
                    // and other invisible scalars as <U+XXXX>, a tab as spaces.
                    out += DisplayText.sanitized(String(c))
                }
            }
            out += close
        }
        return out
    }
}
