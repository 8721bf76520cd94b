extension JSONValue {
    /// The last member named `key`, if this is an object.
    ///
    /// Why the last: when an object repeats a key, Python's `json`, JavaScript's `JSON.parse`
    /// and most training loaders keep the last value, so reading and editing that one makes
    /// the review screen and the merge agree with what training will see.
    public func lastMember(_ key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    /// The keys that occur more than once among this object's members, in first-seen order.
    public var repeatedKeys: [String] {
        guard case .object(let members) = self, members.count > 1 else { return [] }
        var seen = Set<String>(), repeated: [String] = []
        for member in members where !seen.insert(member.key).inserted && !repeated.contains(member.key) {
            repeated.append(member.key)
        }
        return repeated
    }
}
