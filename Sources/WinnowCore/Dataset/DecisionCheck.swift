/// Which decisions a sample can take. An unreadable sample, or one with a part that could
/// not be read (`Sample.damage`), can be rejected (its natural fate), skipped, noted or
/// undone, but not accepted or edited: either would put a sample training code cannot use
/// into the cleaned data. The review screen, `winnow decide` and `journal check` all ask here.
public enum DecisionCheck {
    /// Why `decision` may not be recorded for `sample`, or nil when it may.
    public static func refusal(of decision: Decision, for sample: Result<Sample, UnreadableSample>) -> String? {
        let verb: String
        switch decision {
        case .accept: verb = "accepted"
        case .edit: verb = "edited"
        case .reject, .skip, .undo, .note, .reset: return nil
        }
        switch sample {
        case .failure(let bad):
            return "sample \(bad.index) cannot be read (\(bad.reason)), so it can be rejected but not \(verb)"
        case .success(let s) where s.isDamaged:
            return "sample \(s.index) has a part that cannot be read (\(s.damage.map(\.message).joined(separator: "; "))), "
                + "so it can be rejected but not \(verb)"
        case .success:
            return nil
        }
    }
}
