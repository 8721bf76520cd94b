/// Two or more keys pressed one after the other (`z m`), bound like a single key.
///
/// The first key is a prefix: pressing it shows which keys can follow (the which-key popup)
/// instead of running anything. Sequences are written in keymap files as key names separated
/// by one space; they are allowed where typing is not text (`review`, `picker`, `help`,
/// `global`), so a prompt or the editor never swallows a typed letter.
public struct KeySequence: Sendable, Hashable {
    /// The keys in order; always at least two.
    public let keys: [KeyPress]

    /// A sequence of two or more keys; nil for fewer.
    public init?(_ keys: [KeyPress]) {
        guard keys.count >= 2 else { return nil }
        self.keys = keys
    }

    /// The longest sequence a file may bind (longer ones are not worth remembering).
    public static let maximumLength = 3

    /// Contexts where sequences may be bound.
    public static let contexts: Set<KeyContext> = [.global, .review, .picker, .help]

    /// Parses `"z m"`: key names separated by single spaces. nil when a part is not a key
    /// name or the count is outside 2...`maximumLength`.
    public static func parse(_ raw: String) -> KeySequence? {
        let parts = raw.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count >= 2, parts.count <= maximumLength else { return nil }
        var keys: [KeyPress] = []
        for part in parts {
            guard let key = KeyName.parse(String(part)) else { return nil }
            keys.append(key)
        }
        return KeySequence(keys)
    }

    /// Key names separated by spaces, as a keymap file writes them.
    public var name: String { keys.map(KeyName.format).joined(separator: " ") }

    /// Whether the sequence begins with all of `prefix` (and is longer).
    public func extends(_ prefix: [KeyPress]) -> Bool {
        prefix.count < keys.count && Array(keys.prefix(prefix.count)) == prefix
    }
}
