/// An ordered list of sample indices: the whole dataset (no array kept), or an explicit list
/// (a spot check, a filter result).
public enum SampleOrder: Sendable, Equatable {
    case all(count: Int)
    case list([Int])

    /// Number of samples in the order.
    public var count: Int {
        switch self {
        case .all(let n): return n
        case .list(let l): return l.count
        }
    }

    /// The dataset index at `position`, or nil when out of range.
    public subscript(position: Int) -> Int? {
        guard position >= 0, position < count else { return nil }
        switch self {
        case .all: return position
        case .list(let l): return l[position]
        }
    }

    /// The position of dataset index `index`, if it is in the order.
    public func position(of index: Int) -> Int? {
        switch self {
        case .all(let n): return index >= 0 && index < n ? index : nil
        case .list(let l): return l.firstIndex(of: index)
        }
    }
}
