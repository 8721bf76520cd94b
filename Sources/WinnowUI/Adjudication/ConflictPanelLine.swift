import WinnowCore

/// One line of the conflict panel, with semantic tones (the theme is applied when drawing, so
/// cached lines do not depend on it).
enum ConflictPanelLine: Equatable {
    /// Text pieces, each drawn through `ScreenGrid.write` (sanitised).
    case text([Segment])
    /// A wrapped line of a grapheme diff, drawn `indent` columns in.
    case diff(indent: Int, cells: [DiffCell])

    enum Tone: Equatable { case plain, label, dim, accept, reject, other, majority }

    struct Segment: Equatable {
        var text: String
        var tone: Tone
        init(_ text: String, _ tone: Tone = .plain) {
            self.text = text
            self.tone = tone
        }
    }

    struct DiffCell: Equatable {
        var character: Character
        var kind: DiffRun.Kind
    }
}

/// What the panel shows this frame.
struct ConflictPanelModel {
    /// The title row: position among the conflicts, the majority (pre-selected) and the ruling.
    var title: [ConflictPanelLine.Segment]
    var lines: [ConflictPanelLine]
    var scroll: Int
    /// The bottom rule's hint (`J/K scroll · P size`).
    var hint: String
}
