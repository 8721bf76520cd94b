/// A key that is not a printable character.
public enum NamedKey: String, Sendable, Hashable, CaseIterable {
    case up, down, left, right
    case home, end, pageUp = "pgup", pageDown = "pgdn"
    case insert, delete, backspace, enter, tab, backTab = "btab", escape = "esc"
    case f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12
}

/// One key press, with modifiers, as the backend decoded it.
public struct KeyPress: Sendable, Hashable {
    public enum Base: Sendable, Hashable {
        case character(Character)
        case named(NamedKey)
    }
    public var base: Base
    public var control: Bool
    public var alt: Bool

    public init(_ base: Base, control: Bool = false, alt: Bool = false) {
        self.base = base
        self.control = control
        self.alt = alt
    }

    public static func char(_ c: Character) -> KeyPress { KeyPress(.character(c)) }
    public static func ctrl(_ c: Character) -> KeyPress { KeyPress(.character(c), control: true) }
    public static func named(_ k: NamedKey) -> KeyPress { KeyPress(.named(k)) }
}

/// What the terminal backend hands to the app.
public enum InputEvent: Sendable, Hashable {
    case key(KeyPress)
    /// Bracketed paste: text inserted literally, never interpreted as commands.
    case paste(String)
    /// The terminal changed size.
    case resize(width: Int, height: Int)
}
