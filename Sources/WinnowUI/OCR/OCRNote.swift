/// Messages about OCR for the message row and the editor's status line, worded in one place.
public enum OCRNote: Sendable, Equatable {
    case paneOn, paneHidden
    /// No OCR provider in this session.
    case unavailable
    case noImage
    case reading
    case noLines
    case noQuotes
    case gaveUp(image: String, reason: String)
    case inserted(String)
    case replacedQuote(old: String, new: String)

    /// The words shown.
    public var text: String {
        switch self {
        case .paneOn: return "OCR pane on"
        case .paneHidden: return "OCR pane hidden"
        case .unavailable: return "no OCR here (the review was started without an OCR engine)"
        case .noImage: return "OCR: this sample has no image file"
        case .reading: return "OCR: the image is still being read"
        case .noLines: return "OCR: no text was read in the image"
        case .noQuotes: return "no quoted text (\"…\", “…”, 「…」, 『…』, 《…》) in this sample"
        case .gaveUp(let image, let reason): return "OCR of \(image): \(reason)"
        case .inserted(let text): return "inserted the OCR line “\(text)”"
        case .replacedQuote(let old, let new): return "replaced “\(old)” with “\(new)”"
        }
    }
}
