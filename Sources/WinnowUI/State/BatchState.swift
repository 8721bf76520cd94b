/// A batch decision on several samples (`batch`): first the action is chosen, then the count
/// is confirmed with y; any other key cancels.
public struct BatchState: Sendable, Equatable {
    /// What to record on every sample of the batch.
    public enum Action: Sendable, Equatable {
        case accept
        case reject(reasons: [String], note: String?)
        case skip
        case flag(String)
        case reset
    }

    /// Waiting for the action key, or for y/n on the action.
    public enum Stage: Sendable, Equatable {
        case choosing
        case confirming(Action)
    }

    /// Where the samples came from, for the wording ("12 marked", "37 in the filter").
    public enum Origin: Sendable, Equatable { case marked, filter }

    /// The dataset indices, in review order.
    public var targets: [Int]
    public var origin: Origin
    public var stage: Stage

    /// "12 marked samples", "37 samples in the filter".
    public var what: String {
        let n = targets.count
        let samples = n == 1 ? "sample" : "samples"
        switch origin {
        case .marked: return "\(n) marked \(samples)"
        case .filter: return "\(n) \(samples) in the filter"
        }
    }
}
