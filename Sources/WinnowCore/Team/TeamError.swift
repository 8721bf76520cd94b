/// Why team input (a plan, a gold file, a set of journals) cannot be used, with where.
public enum TeamError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A bad line in a file: path, 1-based line, reason.
    case badLine(path: String, line: Int, reason: String)
    /// A file that is unusable as a whole.
    case badFile(path: String, reason: String)
    /// Arguments that cannot make a plan or a figure.
    case invalid(String)

    public var description: String {
        switch self {
        case .badLine(let path, let line, let reason): return "\(path):\(line): \(reason)"
        case .badFile(let path, let reason): return "\(path): \(reason)"
        case .invalid(let reason): return reason
        }
    }
}
