/// Applies a journal edit to a sample's parsed JSON, touching only the text (and, for a
/// whole-conversation edit, the role) members of the dialogue; everything else stays.
public enum SampleEditApplier {
    /// `sample.json` with `edit` applied, or why it cannot be.
    public static func apply(_ edit: SampleEdit, to sample: Sample) -> Result<JSONValue, MergeError> {
        let (listKey, roleKey, textKey) = sample.schema == .messages ? ("messages", "role", "content") : ("conversations", "from", "value")
        guard case .object(var members) = sample.json else {
            return .failure(.cannotApplyEdit(index: sample.index, reason: "the sample is not a JSON object"))
        }
        guard let listAt = members.lastIndex(where: { $0.key == listKey }),
              case .array(var turns) = members[listAt].value else {
            return .failure(.cannotApplyEdit(index: sample.index, reason: "the sample has no '\(listKey)' list"))
        }
        switch edit {
        case .turns(let changes):
            for (t, text) in changes.sorted(by: { $0.key < $1.key }) {
                guard t >= 0, t < turns.count, case .object(var turn) = turns[t] else {
                    return .failure(.cannotApplyEdit(index: sample.index, reason: "turn \(t) does not exist (the sample has \(turns.count) turns)"))
                }
                // An unchanged text leaves the turn as written (its parts, its escapes).
                if t < sample.turns.count, sample.turns[t].text == text { continue }
                // The member the decoder read the text from (`value` before `content`, in
                // either schema), so an edit never adds a second text member.
                let key = turn.contains(where: { $0.key == "value" }) ? "value"
                    : turn.contains(where: { $0.key == "content" }) ? "content" : textKey
                if let at = turn.lastIndex(where: { $0.key == key }), case .array(let parts) = turn[at].value {
                    turn[at].value = .array(replaceText(in: parts, with: text))
                } else {
                    set(&turn, key, .string(text))
                }
                turns[t] = .object(turn)
            }
        case .conversation(let newTurns):
            var rebuilt: [JSONValue] = []
            for (t, newTurn) in newTurns.enumerated() {
                var turn: [JSONMember]
                if t < turns.count, case .object(let old) = turns[t] { turn = old } else { turn = [] }
                let role = turn.contains(where: { $0.key == "from" }) ? "from" : turn.contains(where: { $0.key == "role" }) ? "role" : roleKey
                let text = turn.contains(where: { $0.key == "value" }) ? "value" : turn.contains(where: { $0.key == "content" }) ? "content" : textKey
                set(&turn, role, .string(newTurn.roleName))
                set(&turn, text, .string(newTurn.text))
                rebuilt.append(.object(turn))
            }
            turns = rebuilt
        }
        members[listAt].value = .array(turns)
        return .success(.object(members))
    }

    /// A list of content parts (`{"type": "text", "text": ...}`, images, plain strings) with
    /// its text replaced: the new text goes into the first text part, other text parts are
    /// removed (the dialogue view shows them joined as one text), image parts stay.
    private static func replaceText(in parts: [JSONValue], with edited: String) -> [JSONValue] {
        // The `<image>`/`<video>` lines the decoder put where media parts sit are not text:
        // the parts themselves stay where they are.
        let text = edited.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { $0 != Sample.imageMarker && $0 != Sample.videoMarker }.joined(separator: "\n")
        var out: [JSONValue] = []
        var placed = false
        for part in parts {
            if part.stringValue != nil {
                if !placed { out.append(.string(text)); placed = true }
                continue
            }
            if case .object(var members) = part, part.lastMember("text")?.stringValue != nil,
               part.lastMember("type") == nil || part.lastMember("type")?.stringValue == "text" {
                if !placed {
                    set(&members, "text", .string(text))
                    out.append(.object(members))
                    placed = true
                }
                continue
            }
            out.append(part)
        }
        if !placed { out.append(.object([JSONMember(key: "type", value: .string("text")), JSONMember(key: "text", value: .string(text))])) }
        return out
    }

    private static func set(_ members: inout [JSONMember], _ key: String, _ value: JSONValue) {
        // The last of repeated keys: the one the decoder showed and loaders read.
        if let i = members.lastIndex(where: { $0.key == key }) { members[i].value = value } else { members.append(JSONMember(key: key, value: value)) }
    }
}
