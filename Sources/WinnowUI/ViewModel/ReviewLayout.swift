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
    /// The adjudication screen's conflict panel, carved from the top of the dialogue pane.
    public var panel: Rect? = nil
    /// Whether the metadata sits beside the dialogue.
    public var sideBySide: Bool

    /// The layout for a `width` x `height` terminal, or nil when it is too small.
    public static func make(width: Int, height: Int, showMetadata: Bool, metadataLines: Int,
                            wantsImage: Bool, expandMetadata: Bool = false) -> ReviewLayout? {
        guard width >= minimumWidth, height >= minimumHeight else { return nil }
        let header = Rect(row: 0, column: 0, width: width, height: 1)
        let status = Rect(row: 1, column: 0, width: width, height: 1)
        let message = Rect(row: height - 2, column: 0, width: width, height: 1)
        let footer = Rect(row: height - 1, column: 0, width: width, height: 1)
        let bodyTop = 2
        let bodyHeight = height - 4
        if showMetadata && width >= sideBySideWidth {
            let imageShown = wantsImage && width >= imagePaneWidth && bodyHeight >= 16
            // With a picture the side pane is wider (two fifths): at 160x48 a square image
            // gets 62x31 cells instead of 40x20, enough to read signs and spot mismatches.
            let sideWidth = imageShown ? min(120, max(56, width * 2 / 5)) : min(64, max(40, width * 3 / 10))
            let dialogueWidth = width - sideWidth - 1
            var image: Rect? = nil
            var metaTop = bodyTop
            if imageShown {
                // Symbol cells are about twice as tall as wide, so a square picture needs half
                // as many rows as columns; the metadata below keeps its lines (plus title and
                // a wrapped line) or at most half the body.
                let metaRows = min(max(6, metadataLines + 2), bodyHeight / 2)
                let h = max(8, min(bodyHeight - metaRows, (sideWidth - 2) / 2 + 2))
                image = Rect(row: bodyTop, column: dialogueWidth + 1, width: sideWidth, height: h)
                metaTop += h
            }
            let meta = Rect(row: metaTop, column: dialogueWidth + 1, width: sideWidth, height: bodyTop + bodyHeight - metaTop)
            return ReviewLayout(header: header, status: status,
                                dialogue: Rect(row: bodyTop, column: 0, width: dialogueWidth, height: bodyHeight),
                                metadata: meta, image: image, message: message, footer: footer, sideBySide: true)
        }
        var dialogueTop = bodyTop
        var meta: Rect? = nil
        if showMetadata {
            let cap = expandMetadata ? max(2, bodyHeight - 4) : max(2, bodyHeight / 4)
            let h = min(max(1, metadataLines), cap)
            meta = Rect(row: bodyTop, column: 0, width: width, height: h)
            dialogueTop += h
        }
        return ReviewLayout(header: header, status: status,
                            dialogue: Rect(row: dialogueTop, column: 0, width: width, height: bodyTop + bodyHeight - dialogueTop),
                            metadata: meta, image: nil, message: message, footer: footer, sideBySide: false)
    }
}
