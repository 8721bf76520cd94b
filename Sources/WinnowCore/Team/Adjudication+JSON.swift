extension Adjudication {
    /// `winnow adjudicate --list --json` (docs/teams.md): conflicts with every side.
    public var json: String {
        func review(_ r: SampleReview) -> JSONValue {
            TeamJSON.object([("decision", .string(Self.word(r.status))), ("reasons", TeamJSON.strings(r.reasons)),
                             ("note", r.note.map(JSONValue.string) ?? .null)])
        }
        let value = TeamJSON.object([
            ("on", .string(basis.rawValue)),
            ("conflicts", .array(conflicts.map { c in
                TeamJSON.object([
                    ("index", TeamJSON.int(c.index)), ("id", .string(c.id)),
                    ("majority", c.majority.map { .string($0.description) } ?? .null),
                    ("ruling", c.ruling.map(review) ?? .null),
                    ("reviewers", .array(c.sides.map { s in
                        TeamJSON.object([
                            ("reviewer", .string(s.reviewer)), ("journal", .string(s.source)),
                            ("decision", .string(Self.word(s.review.status))), ("label", s.label.map { .string($0.description) } ?? .null),
                            ("reasons", TeamJSON.strings(s.review.reasons)), ("note", s.review.note.map(JSONValue.string) ?? .null),
                            ("time", .string(s.time)),
                            ("edit", s.edited.map { turns in .array(turns.map { t in
                                TeamJSON.object([("from", .string(t.roleName)), ("value", .string(t.text))]) }) } ?? .null),
                        ])
                    })),
                ])
            })),
            ("unanimous", TeamJSON.int(unanimous.count)),
            ("single_reviewer_samples", TeamJSON.ints(singleReviewer)),
        ])
        return TeamJSON.text(value)
    }

    /// The word for a status as the journal writes decisions.
    static func word(_ s: ReviewStatus) -> String {
        switch s {
        case .accepted: return "accept"
        case .rejected: return "reject"
        case .edited: return "edit"
        case .skipped: return "skip"
        case .undecided: return "undecided"
        }
    }

    /// Readable lines: each conflict, each side; `original` for edit diffs; names and texts
    /// pass through `sanitize` (they come from journals and the dataset).
    public func text(original: (Int) -> [Turn]?, sanitize: (String) -> String) -> String {
        var lines: [String] = []
        let open = conflicts.filter { $0.ruling == nil }.count
        lines.append("\(conflicts.count) conflict(s) on \(basis == .reasons ? "decision + reasons" : "decision"), \(open) without a ruling; \(unanimous.count) unanimous; \(singleReviewer.count) judged by one reviewer only")
        for (n, c) in conflicts.enumerated() {
            var head = "[\(n + 1)/\(conflicts.count)] sample \(c.index) (id \(sanitize(c.id)))"
            if let m = c.majority { head += ", majority \(sanitize(m.description))" }
            if let r = c.ruling { head += ", ruled: \(Self.word(r.status))" + (r.reasons.isEmpty ? "" : " (\(sanitize(r.reasons.joined(separator: ", "))))") }
            lines.append(head)
            let before = original(c.index)
            for s in c.sides {
                var line = "  \(sanitize(s.reviewer)): \(Self.word(s.review.status))"
                if !s.review.reasons.isEmpty { line += " (\(sanitize(s.review.reasons.joined(separator: ", "))))" }
                if let note = s.review.note { line += " note: \(sanitize(note))" }
                if !s.time.isEmpty { line += " at \(sanitize(s.time))" }
                lines.append(line)
                if let edited = s.edited, let before {
                    for (t, turn) in edited.enumerated() where t >= before.count || before[t].text != turn.text {
                        let old = t < before.count ? before[t].text : ""
                        lines.append("    edit of turn \(t): " + sanitize(GraphemeDiff.format(GraphemeDiff.diff(old, turn.text), marking: .plain)))
                    }
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
