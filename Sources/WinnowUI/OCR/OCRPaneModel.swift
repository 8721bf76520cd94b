import WinnowCore

/// What the OCR pane shows: the current image's lines in reading order with the selected one,
/// or why there are none, and the quote in focus compared with them.
struct OCRPaneModel: Equatable {
    enum Content: Equatable {
        case lines([OCRLine])
        /// Reading, not cached, unavailable, gave up: one line of explanation.
        case message(String, isError: Bool)
    }

    /// The focused quote and how it compares with the image.
    struct Quote: Equatable {
        var match: QuoteMatch
        /// 1-based number among the sample's (or the turn's) quotes, and their count.
        var number: Int
        var count: Int
    }

    var title: String
    var content: Content
    /// Index into the lines (reading order).
    var selected: Int
    var quote: Quote?

    /// Rows the pane would like: title, lines (at least one) and the quote section.
    var wantedRows: Int {
        let lineRows: Int
        switch content {
        case .lines(let lines): lineRows = max(1, lines.count)
        case .message: lineRows = 1
        }
        return 1 + lineRows + (quote.map { $0.match.status == .near ? 3 : 1 } ?? 0)
    }
}
