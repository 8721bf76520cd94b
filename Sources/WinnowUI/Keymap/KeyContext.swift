/// Where a key is pressed: each context has its own bindings; `global` applies everywhere a
/// context does not bind the key itself.
public enum KeyContext: String, Sendable, Hashable, CaseIterable {
    case global
    /// Reading and deciding samples.
    case review
    /// A one-line prompt (go to, search, note).
    case prompt
    /// The reject-reason picker.
    case picker
    /// The help overlay.
    case help
    /// The turn editor.
    case editor
    /// Zoom mode and the full view (`v`): arrows pan, other keys fall back to `review`
    /// (zoom mode) or close the view (full view).
    case image
}
