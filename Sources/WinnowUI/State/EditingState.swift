/// Editing a sample's turns (see Editor/ReviewApp+Editing.swift).
public struct EditingState: Sendable, Equatable {
    /// The sample being edited.
    public var sampleIndex: Int
    /// The editor session; nil shows the placeholder (no journal, unreadable sample).
    public var session: EditorSession?
    /// The external editor run in progress, if any.
    public var external: ExternalEdit?
    /// Leave editing when the external editor returns (it was started from reading mode).
    public var returnToReading = false
    public init(sampleIndex: Int) { self.sampleIndex = sampleIndex }
}
