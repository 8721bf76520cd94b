/// Which key names a terminal can actually send, so `keymap check` can warn about bindings
/// that never run.
///
/// Why: a terminal sends Ctrl+letter as one control byte, and several of those bytes are
/// also other keys: Ctrl-H is 0x08, which terminals also send for Backspace, Ctrl-I is Tab,
/// Ctrl-M and Ctrl-J are Enter, Ctrl-[ is Esc. The backend reads each byte as the named
/// key, so `ctrl-h: help` never fires. Ctrl-C is taken by the backend (it always quits),
/// and terminals have no code at all for Ctrl with most digits and punctuation.
public enum KeyDeliverability {
    /// Why a key never reaches the keymap as itself.
    public enum Obstacle: Sendable, Equatable {
        /// Terminals send the same bytes as this other key, which is what arrives.
        case arrivesAs(KeyPress)
        /// Nothing arrives for it (the reason says why).
        case neverArrives(String)
    }

    /// Why `key` cannot be delivered, or nil when a terminal sends it as itself.
    public static func obstacle(for key: KeyPress) -> Obstacle? {
        guard key.control else {
            if key.alt, key.base == .named(.escape) { return .arrivesAs(.named(.escape)) }  // ESC ESC
            if key.alt, case .named(let n) = key.base, isFunctionKey(n) { return functionKeyObstacle }
            return nil
        }
        switch key.base {
        case .named(let named):
            switch named {
            case .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .insert, .delete:
                return nil
            case .tab, .backTab, .enter, .backspace, .escape:
                return .arrivesAs(KeyPress(.named(named), alt: key.alt))
            default:
                return functionKeyObstacle
            }
        case .character(let c):
            switch c {
            case "c":
                return .neverArrives("ctrl-c always quits Winnow")
            case "h", "?":
                return .arrivesAs(KeyPress(.named(.backspace), alt: key.alt))
            case "i":
                return .arrivesAs(KeyPress(.named(.tab), alt: key.alt))
            case "m", "j":
                return .arrivesAs(KeyPress(.named(.enter), alt: key.alt))
            case "[":
                return .arrivesAs(KeyPress(.named(.escape), alt: key.alt))
            case "@", "2", "`":
                return .arrivesAs(KeyPress(.character(" "), control: true, alt: key.alt))
            case "/":
                return .arrivesAs(KeyPress(.character("_"), control: true, alt: key.alt))
            case " ", "\\", "]", "^", "_":
                return nil
            default:
                if let ascii = c.asciiValue, ascii >= 0x61, ascii <= 0x7A { return nil }
                return .neverArrives("terminals send no code for ctrl-\(c)")
            }
        }
    }

    private static func isFunctionKey(_ key: NamedKey) -> Bool {
        key.rawValue.hasPrefix("f") && key.rawValue.count > 1 && key.rawValue.dropFirst().allSatisfy(\.isNumber)
    }

    private static let functionKeyObstacle = Obstacle.neverArrives(
        "terminals send modified function keys in ways Winnow does not read; bind f1-f12 alone")

    /// A warning for each binding made in `path` that cannot run: its key never arrives, or
    /// arrives as another key bound to something else (a harmless alias such as
    /// `ctrl-h: delete-back` beside `backspace: delete-back` is not reported).
    public static func warnings(in keymap: Keymap, path: String) -> [KeymapProblem] {
        var warnings: [KeymapProblem] = []
        for context in KeyContext.allCases {
            for (key, command) in keymap.entries(in: context) {
                guard let source = keymap.sources[context]?[key], source.path == path,
                      let obstacle = obstacle(for: key) else { continue }
                let name = KeyName.format(key)
                switch obstacle {
                case .arrivesAs(let other):
                    let instead = keymap.command(for: other, in: context)
                    if instead == command { continue }
                    let runs = instead.map { "which runs '\($0)' in [\(context.rawValue)]" } ?? "which is unbound in [\(context.rawValue)]"
                    warnings.append(KeymapProblem(path: path, line: source.line, message:
                        "warning: '\(name): \(command)' never runs: terminals send \(name) as \(KeyName.format(other)), \(runs); bind another key"))
                case .neverArrives(let reason):
                    warnings.append(KeymapProblem(path: path, line: source.line, message:
                        "warning: '\(name): \(command)' never runs: \(reason)"))
                }
            }
        }
        return warnings.sorted { $0.line < $1.line }
    }
}
