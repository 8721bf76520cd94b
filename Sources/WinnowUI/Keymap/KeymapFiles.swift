/// Where `KeymapLoader` reads keymap files (a `--keymap` path, an `inherit` path, the user's
/// override file). The shell supplies the real file system, so the UI layer itself does no I/O.
public protocol KeymapFiles: Sendable {
    /// The text of the file at `path`, or nil when it does not exist or cannot be read.
    func text(atPath path: String) -> String?
}

/// No files at all: only the embedded keymaps (`default`, `vim`, `emacs`) resolve.
public struct NoKeymapFiles: KeymapFiles {
    public init() {}
    public func text(atPath path: String) -> String? { nil }
}
