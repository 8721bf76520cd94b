import WinnowCore

/// Which samples the review walks through, on top of the base order.
public struct ReviewFilter: Sendable, Equatable {
    /// Decision states shown, or nil for all; `decided` is every state but undecided.
    public enum Status: String, Sendable, Equatable, CaseIterable {
        case undecided, accepted, rejected, edited, skipped, decided

        func matches(_ s: ReviewStatus) -> Bool {
            switch self {
            case .decided: return s != .undecided
            case .undecided: return s == .undecided
            case .accepted: return s == .accepted
            case .rejected: return s == .rejected
            case .edited: return s == .edited
            case .skipped: return s == .skipped
            }
        }
    }

    /// Decision states shown, or nil for all.
    public var status: Status?
    /// Task type shown, or nil for all.
    public var taskType: TaskType?
    /// Only samples with at least one lint finding (`has-lints`).
    public var hasLints: Bool
    /// More terms, all of which must hold (`ReviewFilter+Terms.swift`): flagged, noted,
    /// with an edit in force, rejected for these reasons, with findings of these lint kinds.
    public var flagged = false
    public var noted = false
    public var hasEdit = false
    public var reasons: [String] = []
    public var lintKinds: [LintKind] = []

    /// A filter; nil parts filter nothing.
    public init(status: Status? = nil, taskType: TaskType? = nil, hasLints: Bool = false) {
        self.status = status
        self.taskType = taskType
        self.hasLints = hasLints
    }

    /// Whether anything is filtered out.
    public var isActive: Bool {
        status != nil || taskType != nil || hasLints || flagged || noted || hasEdit || !reasons.isEmpty || !lintKinds.isEmpty
    }

    /// For the status line: "undecided + type detail", or "" when nothing is filtered.
    public var summary: String {
        var parts: [String] = []
        if let status { parts.append(status.rawValue) }
        if let taskType { parts.append("type \(taskType.rawValue)") }
        if hasLints { parts.append("has-lints") }
        parts += moreTermNames
        // A conjunction: every term must hold.
        return parts.joined(separator: " + ")
    }

    /// The next status filter in the cycle used by `filter-status`.
    static func nextStatus(after s: Status?) -> Status? {
        guard let s else { return Status.allCases.first }
        let all = Status.allCases
        guard let i = all.firstIndex(of: s), i + 1 < all.count else { return nil }
        return all[i + 1]
    }

    /// The next task-type filter in the cycle used by `filter-type`.
    static func nextType(after t: TaskType?) -> TaskType? {
        guard let t else { return TaskType.allCases.first }
        let all = TaskType.allCases
        guard let i = all.firstIndex(of: t), i + 1 < all.count else { return nil }
        return all[i + 1]
    }
}
