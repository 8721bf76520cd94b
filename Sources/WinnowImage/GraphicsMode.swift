/// How the full view draws an image; `--graphics` forces one.
public enum GraphicsMode: String, Sendable, CaseIterable {
    /// kitty graphics protocol (kitty, Ghostty, and WezTerm in part).
    case kitty
    /// iTerm2 inline images, OSC 1337 (iTerm2, WezTerm, mintty).
    case iterm
    /// DEC sixel (foot, mlterm, Konsole, xterm built with it).
    case sixel
    /// Unicode block symbols with colours: works in any terminal.
    case symbols
    /// No full view (`--graphics none`). Not spelled `.none`, which would read as a missing
    /// `GraphicsMode?` wherever one is optional.
    case off = "none"
}

/// The graphics the full view will use, and whether it must pass through tmux.
public struct GraphicsSupport: Sendable, Equatable {
    public var mode: GraphicsMode
    /// Wrap each image sequence in tmux's DCS passthrough (`ESC P tmux; ... ESC \`).
    public var tmuxPassthrough: Bool

    public init(mode: GraphicsMode, tmuxPassthrough: Bool = false) {
        self.mode = mode
        self.tmuxPassthrough = tmuxPassthrough
    }
}

/// Picks the best graphics a terminal supports from its environment variables. No query is
/// written to the terminal: a reply would arrive as keystrokes in the review.
public enum GraphicsDetector {
    /// The graphics to use; `forced` (from `--graphics`) wins over detection.
    public static func detect(environment env: [String: String], forced: GraphicsMode? = nil) -> GraphicsSupport {
        let term = env["TERM"] ?? ""
        let program = env["TERM_PROGRAM"] ?? ""
        let inTmux = !(env["TMUX"] ?? "").isEmpty || term.hasPrefix("tmux")
        // GNU screen has its own passthrough that mangles long sequences: symbols only.
        let inScreen = !inTmux && (!(env["STY"] ?? "").isEmpty || term.hasPrefix("screen"))
        let pixelMode: (GraphicsMode) -> GraphicsSupport = { mode in
            if inScreen { return GraphicsSupport(mode: .symbols) }
            return GraphicsSupport(mode: mode, tmuxPassthrough: inTmux)
        }
        if let forced {
            switch forced {
            case .kitty, .iterm, .sixel: return pixelMode(forced)
            case .symbols, .off: return GraphicsSupport(mode: forced)
            }
        }
        if term == "dumb" || term.isEmpty && program.isEmpty { return GraphicsSupport(mode: .symbols) }
        // Inside tmux, TERM is tmux's own; the outer terminal's variables (inherited when the
        // server started, or LC_TERMINAL sent over SSH) still say what draws the pixels.
        if env["KITTY_WINDOW_ID"] != nil || term == "xterm-kitty" || term == "xterm-ghostty"
            || program == "ghostty" || env["GHOSTTY_RESOURCES_DIR"] != nil {
            return pixelMode(.kitty)
        }
        if program == "iTerm.app" || env["LC_TERMINAL"] == "iTerm2" || program == "WezTerm"
            || env["WEZTERM_PANE"] != nil || program == "mintty" {
            return pixelMode(.iterm)
        }
        if ["foot", "mlterm", "contour", "yaft"].contains(where: { term.hasPrefix($0) })
            || env["KONSOLE_VERSION"] != nil {
            return pixelMode(.sixel)
        }
        return GraphicsSupport(mode: .symbols)
    }
}
