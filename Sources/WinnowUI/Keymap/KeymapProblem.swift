/// One problem in a keymap file, reported as `path:line: message`.
public struct KeymapProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// 1-based; 0 when the problem concerns the whole file.
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)" }
}
