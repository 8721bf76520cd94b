/// A diff of two dialogues by turn, then by grapheme within changed turns.
public enum TurnDiff {
    /// One change between two dialogues.
    public enum Change: Sendable, Equatable {
        /// Turn `oldIndex` became turn `newIndex` with these text runs.
        case changed(oldIndex: Int, newIndex: Int, role: String, runs: [DiffRun])
        case deleted(oldIndex: Int, turn: Turn)
        case inserted(newIndex: Int, turn: Turn)
    }

    /// The changes from `old` to `new`; unchanged turns are left out. Turns are matched with
    /// the grapheme diff itself: each distinct (role, text) pair is mapped to one private-use
    /// character, so deleting a question/answer pair shows as two deleted turns rather than
    /// every later turn changed.
    public static func diff(_ old: [Turn], _ new: [Turn]) -> [Change] {
        var codes: [String: Character] = [:]
        func code(_ t: Turn) -> Character {
            let key = t.roleName + "\u{0}" + t.text
            if let c = codes[key] { return c }
            // Supplementary private use area A holds 65,534 code points; beyond that
            // collisions only make the turn matching coarser, never wrong in content.
            let scalar = Unicode.Scalar(0xF0000 + UInt32(codes.count % 65_534)) ?? "\u{F0000}"
            let c = Character(scalar)
            codes[key] = c
            return c
        }
        let a = String(old.map(code))
        let b = String(new.map(code))
        var changes: [Change] = []
        var i = 0
        var j = 0
        var pendingDeleted: [Int] = []
        var pendingInserted: [Int] = []
        func flush() {
            // Deleted and inserted turns at the same place pair up as changed turns.
            let paired = min(pendingDeleted.count, pendingInserted.count)
            for k in 0..<paired {
                let o = old[pendingDeleted[k]]
                let n = new[pendingInserted[k]]
                changes.append(.changed(oldIndex: pendingDeleted[k], newIndex: pendingInserted[k],
                                        role: n.roleName, runs: GraphemeDiff.diff(o.text, n.text)))
            }
            for k in pendingDeleted.dropFirst(paired) { changes.append(.deleted(oldIndex: k, turn: old[k])) }
            for k in pendingInserted.dropFirst(paired) { changes.append(.inserted(newIndex: k, turn: new[k])) }
            pendingDeleted = []
            pendingInserted = []
        }
        for run in GraphemeDiff.diff(a, b) {
            let n = run.text.unicodeScalars.count
            switch run.kind {
            case .equal:
                flush()
                i += n
                j += n
            case .delete:
                pendingDeleted += Array(i..<(i + n))
                i += n
            case .insert:
                pendingInserted += Array(j..<(j + n))
                j += n
            }
        }
        flush()
        return changes
    }
}
