/// Applies a journal edit to a sample's parsed JSON, touching only the text (and, for a
/// whole-conversation edit, the role) members of the dialogue; everything else stays.
public enum SampleEditApplier {
    /// `sample.json` with `edit` applied, or why it cannot be.
    public static func apply(_ edit: SampleEdit, to sample: Sample) -> Result<JSONValue, MergeError> {
        let (listKey, roleKey, textKey) = sample.schema == .messages ? ("messages", "role", "content") : ("conversations", "from", "value")
        guard case .object(var members) = sample.json else {
            return .failure(.cannotApplyEdit(index: sample.index, reason: "the sample is not a JSON object"))
        }
        guard let listAt = members.firstIndex(where: { $0.key == listKey }),
              case .array(var turns) = members[listAt].value else {
            return .failure(.cannotApplyEdit(index: sample.index, reason: "the sample has no '\(listKey)' list"))
        }
        switch edit {
        case .turns(let changes):
            for (t, text) in changes.sorted(by: { $0.key < $1.key }) {
                guard t >= 0, t < turns.count, case .object(var turn) = turns[t] else {
                    return .failure(.cannotApplyEdit(index: sample.index, reason: "turn \(t) does not exist (the sample has \(turns.count) turns)"))
                }
                set(&turn, textKey, .string(text))
                turns[t] = .object(turn)
            }
        case .conversation(let newTurns):
            var rebuilt: [JSONValue] = []
            for (t, newTurn) in newTurns.enumerated() {
                var turn: [JSONMember]
                if t < turns.count, case .object(let old) = turns[t] { turn = old } else { turn = [] }
                set(&turn, roleKey, .string(newTurn.roleName))
                set(&turn, textKey, .string(newTurn.text))
                rebuilt.append(.object(turn))
            }
            turns = rebuilt
        }
        members[listAt].value = .array(turns)
        return .success(.object(members))
    }

    private static func set(_ members: inout [JSONMember], _ key: String, _ value: JSONValue) {
        if let i = members.firstIndex(where: { $0.key == key }) { members[i].value = value } else { members.append(JSONMember(key: key, value: value)) }
    }
}
