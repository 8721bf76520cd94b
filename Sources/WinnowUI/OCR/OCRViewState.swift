/// What the reviewer chose about the OCR pane: shown or not, the selected OCR line and the
/// quote in focus. Both choices belong to one image or sample: another one starts over at
/// its first line and its first quote worth a look, without a hook in every move.
public struct OCRViewState: Sendable, Equatable {
    /// Whether the OCR pane is shown (`toggle-ocr`).
    public var showPane = false
    /// The image the selection was made in, and the line (index in reading order).
    public var selectionPath: String?
    public var selectedLine = 0
    /// The sample the quote focus was moved in, and the quote (index among its quotes).
    public var focusSample: Int?
    public var focusedQuote = 0

    public init() {}

    /// The selected line for the image at `path` (0 for an image not chosen in yet).
    public func selectedLine(in path: String) -> Int {
        selectionPath == path ? selectedLine : 0
    }

    /// The focused quote of sample `index`, nil when the reviewer has not moved it there.
    public func focusedQuote(in index: Int) -> Int? {
        focusSample == index ? focusedQuote : nil
    }
}
