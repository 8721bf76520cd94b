// CONTRACT STUB (skeleton): the UI work replaces the body with the real width policy.

/// The one width function: display columns of a grapheme cluster in a terminal.
public enum DisplayWidth {
    /// Columns taken by one grapheme cluster (0, 1 or 2).
    public static func of(_ cluster: Character) -> Int {
        cluster.unicodeScalars.contains { $0.value >= 0x1100 } ? 2 : 1
    }

    /// Columns taken by a string.
    public static func of(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + of($1) }
    }
}
