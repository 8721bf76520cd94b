/// A rectangle of cells on the screen.
public struct Rect: Sendable, Equatable {
    public var row: Int
    public var column: Int
    public var width: Int
    public var height: Int

    /// A rectangle; negative sizes become 0.
    public init(row: Int, column: Int, width: Int, height: Int) {
        self.row = row
        self.column = column
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// Whether it holds no cell.
    public var isEmpty: Bool { width <= 0 || height <= 0 }
}
