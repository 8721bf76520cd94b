/// Where each part of the review screen goes for a terminal size.
public struct ReviewLayout: Sendable, Equatable {
    /// Below this the screen shows only a short "too small" message.
    public static let minimumWidth = 40
    public static let minimumHeight = 10
    /// From this width the metadata sits beside the dialogue instead of above it.
    public static let sideBySideWidth = 120
    /// From this width (and with a preview provider) an image pane is shown.
    public static let imagePaneWidth = 140

    public var header: Rect
    public var status: Rect
    public var dialogue: Rect
    public var metadata: Rect?
    public var image: Rect?
    public var message: Rect
    public var footer: Rect
    /// Whether the metadata sits beside the dialogue.
    public var sideBySide: Bool

    /// The extra pane's slot (the OCR pane), when one was asked for and fits.
    public var extra: Rect? = nil
    /// How the image and extra panes sit (none, beside, stacked).
    public var arrangement: PaneLayout.Arrangement = .none

    /// The layout for a `width` x `height` terminal, or nil when it is too small.
    /// `wantsImage`: an image pane is wanted beside the dialogue (from `imagePaneWidth`
    /// columns); with `imageAtAnyWidth` also stacked above it on narrower terminals.
    /// `imageShare` is the panes' share in percent (`PaneLayout.shares`), `extraPane` asks
    /// for the extra pane's slot.
    public static func make(width: Int, height: Int, showMetadata: Bool, metadataLines: Int,
                            wantsImage: Bool, expandMetadata: Bool = false, imageAtAnyWidth: Bool = false,
                            imageShare: Int = PaneLayout.defaultShare, extraPane: Bool = false,
                            imageBelow: Bool = false) -> ReviewLayout? {
        guard width >= minimumWidth, height >= minimumHeight else { return nil }
        let header = Rect(row: 0, column: 0, width: width, height: 1)
        let status = Rect(row: 1, column: 0, width: width, height: 1)
        let message = Rect(row: height - 2, column: 0, width: width, height: 1)
        let footer = Rect(row: height - 1, column: 0, width: width, height: 1)
        let body = Rect(row: 2, column: 0, width: width, height: height - 4)
        let image = wantsImage && (width >= imagePaneWidth || imageAtAnyWidth)
        // The metadata below a picture keeps its lines (plus title and a wrapped line).
        let panes = PaneLayout.make(body: body, options: PaneLayout.Options(
            image: image, extra: extraPane, share: imageShare, below: imageBelow,
            sideRowsToKeep: showMetadata ? max(6, metadataLines + 2) : 0, besideWidth: imagePaneWidth))
        var layout: ReviewLayout
        if panes.arrangement == .beside {
            let side = panes.side.flatMap { showMetadata && !$0.isEmpty ? $0 : nil }
            layout = ReviewLayout(header: header, status: status, dialogue: panes.main, metadata: side,
                                  image: panes.image, message: message, footer: footer, sideBySide: true)
        } else {
            layout = bodyWithoutPanes(panes.main, header: header, status: status, message: message, footer: footer,
                                      showMetadata: showMetadata, metadataLines: metadataLines, expandMetadata: expandMetadata)
            layout.image = panes.image
        }
        layout.extra = panes.extra
        layout.arrangement = panes.arrangement
        return layout
    }

    /// Metadata and dialogue in `main`: side by side from `sideBySideWidth`, else the
    /// metadata (compact or expanded) above the dialogue.
    private static func bodyWithoutPanes(_ main: Rect, header: Rect, status: Rect, message: Rect, footer: Rect,
                                         showMetadata: Bool, metadataLines: Int, expandMetadata: Bool) -> ReviewLayout {
        if showMetadata && main.width >= sideBySideWidth {
            let sideWidth = min(64, max(40, main.width * 3 / 10))
            let dialogueWidth = main.width - sideWidth - 1
            return ReviewLayout(header: header, status: status,
                                dialogue: Rect(row: main.row, column: main.column, width: dialogueWidth, height: main.height),
                                metadata: Rect(row: main.row, column: main.column + dialogueWidth + 1, width: sideWidth, height: main.height),
                                image: nil, message: message, footer: footer, sideBySide: true)
        }
        var dialogueTop = main.row
        var meta: Rect? = nil
        if showMetadata {
            let cap = expandMetadata ? max(2, main.height - 4) : max(2, main.height / 4)
            let h = min(max(1, metadataLines), cap)
            meta = Rect(row: main.row, column: main.column, width: main.width, height: h)
            dialogueTop += h
        }
        return ReviewLayout(header: header, status: status,
                            dialogue: Rect(row: dialogueTop, column: main.column, width: main.width, height: main.row + main.height - dialogueTop),
                            metadata: meta, image: nil, message: message, footer: footer, sideBySide: false)
    }
}
