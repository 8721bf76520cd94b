extension Sample {
    /// The keys a task type is read from, in the order the decoder tries them.
    public static let taskTypeKeys = ["type", "task"]

    /// The position in `extraFields` of the member the task type was read from; nil when
    /// the task type was inferred.
    ///
    /// Why the last member with the key: the decoder reads the last of repeated keys (as
    /// Python's `json` does), so an earlier duplicate is a different field and stays listed.
    public var taskTypeFieldIndex: Int? {
        guard taskTypeSource == .field else { return nil }
        for key in Self.taskTypeKeys where json.lastMember(key)?.stringValue != nil {
            return extraFields.lastIndex { $0.key == key }
        }
        return nil
    }
}
