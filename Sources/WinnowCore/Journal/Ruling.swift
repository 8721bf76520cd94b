/// Marks a journal entry as an adjudicator's ruling: the decision that settles a sample on
/// which reviewers disagreed (`winnow adjudicate`). Written as the `ruling` member of an entry
/// (docs/journal.md); journals without it read as before, and readers that do not know it
/// ignore it. A ruling is an ordinary entry otherwise: it folds and is undone like any other.
public struct Ruling: Sendable, Equatable {
    /// How the adjudicator reached the ruling.
    public enum Basis: String, Sendable, Equatable, CaseIterable {
        /// Decided by the adjudicator (accept, or reject with reasons, or a new edit).
        case decided
        /// One reviewer's label (and edit) taken as it was (`picked` names them).
        case picked
        /// Every reviewer agreed; recorded in one batch by `--auto-unanimous`.
        case unanimous
    }

    public var basis: Basis
    /// The reviewer whose label was taken, for `.picked`.
    public var picked: String?

    public init(basis: Basis = .decided, picked: String? = nil) {
        self.basis = basis
        self.picked = picked
    }

    /// Reads the `ruling` member; an unknown basis reads as `.decided` (a later version's
    /// ruling is still a ruling).
    init?(json: JSONValue) {
        guard case .object = json else { return nil }
        basis = json["basis"]?.stringValue.flatMap(Basis.init(rawValue:)) ?? .decided
        picked = json["picked"]?.stringValue
    }

    /// Appends `"ruling":{...}` to a line being built.
    func encode(into b: inout JournalCodec.LineBuilder) {
        b.key("ruling")
        b.bytes.append(contentsOf: #"{"basis":"#.utf8)
        JournalCodec.escape(basis.rawValue, into: &b.bytes)
        if let picked {
            b.bytes.append(contentsOf: #","picked":"#.utf8)
            JournalCodec.escape(picked, into: &b.bytes)
        }
        b.bytes.append(UInt8(ascii: "}"))
    }
}
