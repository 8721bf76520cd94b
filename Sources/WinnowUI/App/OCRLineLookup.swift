import WinnowCore

/// The OCR lines already known for an image file, with their boxes: what `show-where`
/// zooms to. The CLI passes one backed by the `winnow ocr` cache; the UI does no I/O.
///
/// Deliberately minimal (a lookup, no background work) so that a provider that also runs OCR
/// in the background can adopt it as it is.
public protocol OCRLineLookup: AnyObject, Sendable {
    /// The lines cached for the image file at `path` (resolved, existing), nil when that image
    /// was never read.
    func lines(forImageAt path: String) -> [OCRLine]?
}
