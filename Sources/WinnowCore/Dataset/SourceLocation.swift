/// Where something is in a dataset file: 1-based line and column (column counted in bytes)
/// and the 0-based byte offset.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var byteOffset: Int

    public init(line: Int, column: Int, byteOffset: Int) {
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
    }

    /// `line:column (byte N)`.
    public var description: String { "\(line):\(column) (byte \(byteOffset))" }
}
