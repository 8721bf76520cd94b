/// What a merge did: counts per decision and reason, stale entries and conflicts.
public struct MergeSummary: Sendable, Equatable {
    public var samples = 0
    public var written = 0
    public var accepted = 0
    public var rejected = 0
    public var edited = 0
    public var skipped = 0
    public var unreviewed = 0
    /// Unreviewed and skipped samples left out by `--unreviewed drop`.
    public var dropped = 0
    public var reasons: [String: Int] = [:]
    public var stale = 0
    public var conflicts: [MergeConflict] = []
    /// Journal problems (torn tails, damaged lines, stale entries), as messages.
    public var issues: [String] = []
    /// What `--drop-damaged` left out (file-level problems and unreadable samples).
    public var leftOut: [String] = []
    public var outputPath = ""
    public var rejectedPath: String?

    public init() {}

    /// Readable lines for stderr.
    public var text: String {
        var lines = ["merged \(samples) samples into \(outputPath): \(written) written",
                     "  accepted \(accepted), edited \(edited), rejected \(rejected), skipped \(skipped), unreviewed \(unreviewed), dropped \(dropped)"]
        if !reasons.isEmpty {
            lines.append("  reject reasons: " + reasons.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        if let rejectedPath { lines.append("  rejected samples written to \(rejectedPath)") }
        lines.append("  stale entries \(stale), conflicts \(conflicts.count)")
        if !leftOut.isEmpty { lines.append("  left out as damaged (--drop-damaged): \(leftOut.count)") }
        for l in leftOut.prefix(50) { lines.append("  left out: " + l) }
        if leftOut.count > 50 { lines.append("  ... and \(leftOut.count - 50) more left out") }
        for c in conflicts.prefix(20) { lines.append("  conflict: \(c.description)") }
        for i in issues.prefix(50) { lines.append("  " + i) }
        if issues.count > 50 { lines.append("  ... and \(issues.count - 50) more journal problems") }
        return lines.joined(separator: "\n")
    }

    /// One JSON object for scripts.
    public var json: String {
        var out: [UInt8] = []
        func str(_ s: String) { JournalCodec.escape(s, into: &out) }
        func raw(_ s: String) { out.append(contentsOf: s.utf8) }
        raw("{\"samples\":\(samples),\"written\":\(written),\"accepted\":\(accepted),\"edited\":\(edited),")
        raw("\"rejected\":\(rejected),\"skipped\":\(skipped),\"unreviewed\":\(unreviewed),\"dropped\":\(dropped),")
        raw("\"reasons\":{")
        for (i, (k, v)) in reasons.sorted(by: { $0.key < $1.key }).enumerated() {
            if i > 0 { raw(",") }
            str(k); raw(":\(v)")
        }
        raw("},\"stale\":\(stale),\"conflicts\":[")
        for (i, c) in conflicts.enumerated() {
            if i > 0 { raw(",") }
            raw("{\"index\":\(c.index),\"id\":"); str(c.id); raw(",\"sides\":[")
            for (k, s) in c.sides.enumerated() {
                if k > 0 { raw(",") }
                raw("{\"journal\":"); str(s.journal); raw(",\"status\":"); str(s.review.status.rawValue)
                raw(",\"reviewer\":"); str(s.review.reviewer ?? ""); raw(",\"seq\":\(s.review.sequence ?? 0),\"time\":"); str(s.time)
                raw("}")
            }
            raw("]}")
        }
        raw("],\"left_out\":[")
        for (i, m) in leftOut.enumerated() { if i > 0 { raw(",") }; str(m) }
        raw("],\"issues\":[")
        for (i, m) in issues.enumerated() { if i > 0 { raw(",") }; str(m) }
        raw("],\"output\":"); str(outputPath)
        raw(",\"rejected_file\":")
        if let rejectedPath { str(rejectedPath) } else { raw("null") }
        raw("}")
        return String(decoding: out, as: UTF8.self)
    }
}
