/// Where the image pane and an optional extra pane (the OCR pane's slot) go in the body of
/// the review screen: a pure function of the body's rectangle and a few options.
///
/// From `besideWidth` columns the panes form a column beside the dialogue (image on top,
/// the extra pane below it, the rest of the column left for the metadata); narrower, they
/// form a strip above (or below) the dialogue, the image on the left and the extra pane on
/// the right. `ReviewLayout` places the metadata and the dialogue in what is left.
public struct PaneLayout: Sendable, Equatable {
    /// How the panes sit.
    public enum Arrangement: Sendable, Equatable {
        /// No pane: the body is all dialogue (and metadata).
        case none
        /// A column at the right of the dialogue.
        case beside
        /// A strip across the body, above or below the dialogue.
        case stacked
    }

    /// What the screen wants shown.
    public struct Options: Sendable, Equatable {
        /// An image pane.
        public var image: Bool
        /// The extra pane's slot (e.g. OCR lines); nil rectangle when false.
        public var extra: Bool
        /// The panes' share of the body in percent: of the width beside, of the height stacked
        /// (`shares` lists the steps `image-pane-size` cycles through).
        public var share: Int
        /// Stacked: put the strip below the dialogue instead of above.
        public var below: Bool
        /// Beside: rows the column keeps under the panes for its own lines (the metadata).
        public var sideRowsToKeep: Int
        /// Narrower than this the panes are stacked.
        public var besideWidth: Int

        public init(image: Bool, extra: Bool = false, share: Int = PaneLayout.defaultShare, below: Bool = false,
                    sideRowsToKeep: Int = 0, besideWidth: Int = PaneLayout.besideWidth) {
            self.image = image
            self.extra = extra
            self.share = share
            self.below = below
            self.sideRowsToKeep = sideRowsToKeep
            self.besideWidth = besideWidth
        }
    }

    /// From this width the panes sit beside the dialogue.
    public static let besideWidth = 140
    /// The panes' default share of the body, in percent.
    public static let defaultShare = 40
    /// The shares `image-pane-size` steps through, in order (then back to the first).
    public static let shares = [40, 50, 60, 25, 30]
    /// Rows the dialogue keeps under a stacked strip: its title and five lines.
    public static let minimumDialogueRows = 6
    /// Columns the dialogue keeps beside the column.
    public static let minimumDialogueColumns = 60

    public var arrangement: Arrangement
    /// What is left for the dialogue (and, stacked, the metadata).
    public var main: Rect
    /// Beside: the column's rows under the panes (for the metadata); nil when stacked.
    public var side: Rect?
    public var image: Rect?
    public var extra: Rect?

    /// The share after `share` in `shares` (the first one for a share not in the list).
    public static func nextShare(after share: Int) -> Int {
        guard let i = shares.firstIndex(of: share) else { return shares[0] }
        return shares[(i + 1) % shares.count]
    }

    /// The layout of `body` for `options`. Never a rectangle outside `body`; when the body is
    /// too small for a pane, the pane is left out rather than squeezed below usefulness.
    public static func make(body: Rect, options: Options) -> PaneLayout {
        let none = PaneLayout(arrangement: .none, main: body, side: nil, image: nil, extra: nil)
        guard options.image || options.extra, !body.isEmpty else { return none }
        let share = max(10, min(90, options.share))
        if body.width >= options.besideWidth {
            return beside(body: body, options: options, share: share) ?? none
        }
        return stacked(body: body, options: options, share: share) ?? none
    }

    private static func beside(body: Rect, options: Options, share: Int) -> PaneLayout? {
        // Two fifths of 160 columns gives a square picture 62x31 cells: enough to read signs.
        let columnWidth = max(40, min(body.width - minimumDialogueColumns - 1, body.width * share / 100))
        guard columnWidth >= 10 else { return nil }
        let dialogueWidth = body.width - columnWidth - 1
        let column = Rect(row: body.row, column: body.column + dialogueWidth + 1, width: columnWidth, height: body.height)
        let keep = max(0, min(options.sideRowsToKeep, body.height / 2))
        let extraRows = options.extra ? (options.image ? max(6, body.height / 4) : body.height - keep) : 0
        var top = column.row
        var image: Rect?
        if options.image {
            // Symbol cells are about twice as tall as wide: a square picture needs half as
            // many rows as columns, plus its title and bottom margin.
            let available = body.height - keep - extraRows
            let h = max(min(8, body.height - extraRows), min(available, (columnWidth - 2) / 2 + 2))
            guard h >= 3 else { return nil }
            image = Rect(row: top, column: column.column, width: columnWidth, height: h)
            top += h
        }
        var extra: Rect?
        if options.extra {
            let h = min(extraRows, column.row + column.height - top)
            if h >= 3 {
                extra = Rect(row: top, column: column.column, width: columnWidth, height: h)
                top += h
            }
        }
        let side = Rect(row: top, column: column.column, width: columnWidth, height: column.row + column.height - top)
        return PaneLayout(arrangement: .beside, main: Rect(row: body.row, column: body.column, width: dialogueWidth, height: body.height),
                          side: side, image: image, extra: extra)
    }

    private static func stacked(body: Rect, options: Options, share: Int) -> PaneLayout? {
        // A strip under four rows (title, two picture rows, margin) shows nothing worth the room.
        let h = min(body.height - minimumDialogueRows, max(4, body.height * share / 100))
        guard h >= 4 else { return nil }
        let stripRow = options.below ? body.row + body.height - h : body.row
        let mainRow = options.below ? body.row : body.row + h
        var image: Rect?
        var extra: Rect?
        switch (options.image, options.extra) {
        case (true, true):
            let imageWidth = body.width / 2
            image = Rect(row: stripRow, column: body.column, width: imageWidth, height: h)
            extra = Rect(row: stripRow, column: body.column + imageWidth, width: body.width - imageWidth, height: h)
        case (true, false):
            image = Rect(row: stripRow, column: body.column, width: body.width, height: h)
        case (false, _):
            extra = Rect(row: stripRow, column: body.column, width: body.width, height: h)
        }
        return PaneLayout(arrangement: .stacked, main: Rect(row: mainRow, column: body.column, width: body.width, height: body.height - h),
                          side: nil, image: image, extra: extra)
    }
}
