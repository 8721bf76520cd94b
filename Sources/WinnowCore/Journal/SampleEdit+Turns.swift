extension SampleEdit {
    /// The dialogue after this edit is applied to `turns` (turn indices out of range are
    /// ignored, as the journal's replay does).
    public func applied(to turns: [Turn]) -> [Turn] {
        switch self {
        case .turns(let texts):
            var result = turns
            for (i, text) in texts where i >= 0 && i < result.count { result[i].text = text }
            return result
        case .conversation(let newTurns):
            return newTurns
        }
    }
}
