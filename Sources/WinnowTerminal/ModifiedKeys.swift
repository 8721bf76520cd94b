import WinnowUI

/// Terminfo's extended key names for modified cursor keys (`kUP5` is Ctrl-Up, `kDN3`
/// Alt-Down, `kHOM5` Ctrl-Home…), as xterm, tmux-256color and their kin describe them.
///
/// Why: with `keypad` on and extended names enabled, ncurses turns `ESC[1;5A` into a key
/// code above `KEY_MAX` that only these names identify (`key_defined(tigetstr("kUP5"))`).
/// Without this table those codes were dropped, so Ctrl/Alt+arrows never arrived under
/// `TERM=xterm-256color`. Terminal types without the names (`screen`, `linux`) deliver the
/// raw sequence instead, which `KeyDecoder.escapeSequenceKey` reads.
enum ModifiedKeys {
    /// The key part of the name and the key it modifies.
    static let bases: [(name: String, key: NamedKey)] = [
        ("kUP", .up), ("kDN", .down), ("kLFT", .left), ("kRIT", .right),
        ("kHOM", .home), ("kEND", .end), ("kPRV", .pageUp), ("kNXT", .pageDown),
        ("kDC", .delete), ("kIC", .insert),
    ]

    /// xterm's modifier suffixes: 1 + (shift 1, alt 2, ctrl 4). Shift has no place in
    /// `KeyPress` (shifted arrows are the plain arrows to Winnow), so 2 is left out and the
    /// shifted combinations fold into their unshifted ones.
    static let suffixes: [(suffix: Int, control: Bool, alt: Bool)] = [
        (3, false, true), (4, false, true), (5, true, false), (6, true, false),
        (7, true, true), (8, true, true),
    ]

    /// Every extended name Winnow maps, with its key.
    static let all: [(name: String, key: KeyPress)] = bases.flatMap { base in
        suffixes.map { s in
            ("\(base.name)\(s.suffix)", KeyPress(.named(base.key), control: s.control, alt: s.alt))
        }
    }

    /// The key of one extended name, or nil for a name Winnow does not map.
    static func key(forExtendedName name: String) -> KeyPress? {
        all.first { $0.name == name }?.key
    }

    /// The key for each code the current terminal description gives a mapped name, from
    /// `lookup` (`Curses.extendedKeyCode` in the driver).
    static func codes(_ lookup: (String) -> Int32?) -> [Int32: KeyPress] {
        var table: [Int32: KeyPress] = [:]
        for (name, key) in all {
            if let code = lookup(name) { table[code] = key }
        }
        return table
    }
}
