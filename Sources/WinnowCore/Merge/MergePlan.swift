/// The decision in force for each sample after combining several journals under a policy.
public struct MergePlan: Sendable {
    /// The review in force per sample index (undecided samples are absent).
    public var reviews: [Int: SampleReview] = [:]
    public var conflicts: [MergeConflict] = []
    public var stale = 0
    /// The stale entries, as messages (they stop the merge unless allowed).
    public var staleIssues: [String] = []
    public var issues: [String] = []

    /// Replays each journal against `dataset` and combines them under `policy`.
    public init(dataset: Dataset, journals: [JournalContents], policy: MergeOptions.Policy, matchByID: Bool) {
        var perJournal: [(name: String, replay: JournalReplay, times: [Int: String])] = []
        for contents in journals {
            let replay = JournalReplay(contents: contents, dataset: dataset, matchByID: matchByID)
            stale += replay.staleEntries.count
            staleIssues += replay.issues.filter { $0.kind == .stale }.map(\.description)
            issues += contents.issues.map(\.description) + replay.issues.map(\.description)
            var times: [Int: String] = [:]
            for e in replay.entries { times[e.sequence] = e.time }
            perJournal.append((contents.path, replay, times))
        }
        if perJournal.count == 1, let only = perJournal.first {
            reviews = only.replay.reviews
            return
        }
        var indices = Set<Int>()
        for j in perJournal { indices.formUnion(j.replay.reviews.keys) }
        for index in indices.sorted() {
            let sides = perJournal.compactMap { j -> MergeConflict.Side? in
                guard let r = j.replay.reviews[index] else { return nil }
                return MergeConflict.Side(journal: j.name, review: r, time: r.sequence.flatMap { j.times[$0] } ?? "")
            }
            guard let first = sides.first else { continue }
            if sides.count == 1 { reviews[index] = first.review; continue }
            let outcomes = Set(sides.compactMap { MergePlan.outcome($0.review) })
            let latest = sides.max { $0.time < $1.time } ?? first
            if outcomes.count > 1 {
                conflicts.append(MergeConflict(index: index, id: dataset.id(at: index) ?? "#\(index)", sides: sides))
            }
            switch policy {
            case .latest, .strict:
                // With strict and conflicts nothing is written; without, all sides agree.
                reviews[index] = latest.review
            case .rejectWins:
                let rejecting = sides.filter { $0.review.status == .rejected }
                reviews[index] = (rejecting.max { $0.time < $1.time } ?? latest).review
            }
            // Notes and flags from every journal travel along.
            if var r = reviews[index] {
                r.notes = sides.flatMap(\.review.notes)
                r.flags = sides.flatMap(\.review.flags)
                reviews[index] = r
            }
        }
    }

    /// What a review does to the output, for telling agreement from conflict: `nil` when it
    /// decides nothing (skipped or notes only).
    private static func outcome(_ r: SampleReview) -> String? {
        switch r.status {
        case .rejected: return "reject"
        case .accepted, .edited: return "keep:" + editKey(r.edit)
        case .skipped, .undecided: return r.edit == nil ? nil : "keep:" + editKey(r.edit)
        }
    }

    private static func editKey(_ e: SampleEdit?) -> String {
        switch e {
        case nil: return "-"
        case .turns(let t)?: return "t" + t.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.count):\($0.value)" }.joined(separator: "\u{1}")
        case .conversation(let c)?: return "c" + c.map { "\($0.roleName)=\($0.text.count):\($0.text)" }.joined(separator: "\u{1}")
        }
    }
}
