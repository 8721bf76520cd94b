import WinnowCore

/// What the review screen knows about the text of one image file.
enum OCRImageStatus: Sendable, Equatable {
    /// Asked of the provider (`read`: recognition allowed); nothing heard yet.
    case asked(read: Bool)
    /// Not in the cache; recognition was not asked for (the pane is hidden).
    case notCached
    /// The engine is reading it.
    case reading
    /// The lines in reading order, or why there are none.
    case done(OCRPage)
    /// No engine here.
    case unavailable(String)

    /// The page, when it is known.
    var page: OCRPage? {
        if case .done(let page) = self { return page }
        return nil
    }
}
