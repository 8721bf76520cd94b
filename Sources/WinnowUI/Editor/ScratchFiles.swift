/// The file work of the external-editor hand-off, done by the shell (WinnowTerminal's
/// `PosixScratchFiles`) so that the UI layer builds the text and applies the result but
/// never touches the file system itself.
public protocol ScratchFiles: Sendable {
    /// Creates a new private (0600, exclusive) file in `directory` whose name starts with
    /// `prefix` and ends with `suffix`, holding `text`; returns its path.
    func create(_ text: String, in directory: String, prefix: String, suffix: String) throws(ExternalEditError) -> String
    /// The bytes of the file at `path`.
    func read(_ path: String) throws(ExternalEditError) -> [UInt8]
    /// Deletes the file at `path`; a missing file is not an error.
    func discard(_ path: String)
}
