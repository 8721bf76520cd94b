import WinnowCore

/// What the image view commands say in the message row (zoom, pan, pane size, show-where).
public enum ImageViewNote: Sendable, Equatable {
    case paneShown(stacked: Bool)
    case paneSize(percent: Int)
    case zoom(Double)
    case fitted
    case zoomMode(on: Bool, exitKey: String?)
    case noImageShown
    case noImageSize
    case noOCR(reference: String)
    case noQuoteMatched(quotes: Int)
    case showing(quote: String, status: QuoteMatch.Status, number: Int, of: Int, zoom: Double)
    case notZoomed

    /// The wording.
    public var text: String {
        switch self {
        case .paneShown(let stacked): return stacked ? "image pane on, above the dialogue" : "image pane on"
        case .paneSize(let percent): return "image pane: \(percent)% of the screen"
        case .zoom(let z): return "zoom \(Self.format(z))×"
        case .fitted: return "whole image"
        case .zoomMode(let on, let key):
            return on ? "zoom mode: arrows pan, + - zoom, 0 whole image\(key.map { " · \($0) leaves" } ?? "")" : "zoom mode off"
        case .noImageShown: return "no image to zoom: this sample has no image file"
        case .noImageSize: return "cannot zoom: the image's pixel size is unknown"
        case .noOCR(let reference):
            return "no OCR lines for \(DisplayText.sanitized(reference)) (winnow ocr DATASET reads them)"
        case .noQuoteMatched(let quotes):
            return quotes == 0 ? "no quoted text here to look for" : "none of the \(quotes) quote\(quotes == 1 ? "" : "s") here matches an OCR line"
        case .showing(let quote, let status, let number, let count, let zoom):
            let how = status == .found ? "found" : "near"
            return "where: “\(DisplayText.sanitized(quote))” (\(how), \(number)/\(count)) · zoom \(Self.format(zoom))×"
        case .notZoomed: return "not zoomed: + zooms in first"
        }
    }

    static func format(_ zoom: Double) -> String {
        let tenths = Int((min(ImageViewport.maxZoom, max(1, zoom)) * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}
