/// Where a side pane (the OCR pane) goes inside an area of the screen: beside the main content
/// (the dialogue, the editor) when the area is wide enough for both, below it otherwise.
///
/// Kept on its own, apart from `ReviewLayout`, so that the image pane's placement (being built
/// at the same time) can be reconciled with it in one place.
public struct SidePaneLayout: Sendable, Equatable {
    /// What stays of the area for the main content.
    public var main: Rect
    /// The pane.
    public var pane: Rect
    /// The pane is to the right of `main` (a separator column between them), else below it.
    public var beside: Bool

    /// From this area width the pane sits beside the main content: the dialogue keeps at
    /// least 60 columns (a Chinese answer 28 characters a line) and the pane gets 34 or more.
    public static let besideMinimumWidth = 96
    /// The main content keeps at least this many rows when the pane is below it.
    public static let minimumMainRows = 4
    /// The smallest useful pane: title, two lines of text, one row for the quote.
    public static let minimumPaneRows = 4

    /// Splits `area` for a pane that would like `wantedRows` rows (title and content); nil
    /// when the area cannot hold the main content and a pane.
    public static func split(_ area: Rect, wantedRows: Int) -> SidePaneLayout? {
        if area.width >= besideMinimumWidth, area.height >= minimumPaneRows {
            let paneWidth = min(60, max(34, area.width / 3))
            let mainWidth = area.width - paneWidth - 1
            return SidePaneLayout(
                main: Rect(row: area.row, column: area.column, width: mainWidth, height: area.height),
                pane: Rect(row: area.row, column: area.column + mainWidth + 1, width: paneWidth, height: area.height),
                beside: true)
        }
        guard area.height >= minimumMainRows + minimumPaneRows else { return nil }
        // Below: as many rows as the pane wants, within two fifths of the area (at 80x24 with
        // the compact metadata that is 6 rows: title, four lines, the quote).
        let cap = max(minimumPaneRows, area.height * 2 / 5)
        let rows = min(max(minimumPaneRows, wantedRows), cap, area.height - minimumMainRows)
        return SidePaneLayout(
            main: Rect(row: area.row, column: area.column, width: area.width, height: area.height - rows),
            pane: Rect(row: area.row + area.height - rows, column: area.column, width: area.width, height: rows),
            beside: false)
    }
}
