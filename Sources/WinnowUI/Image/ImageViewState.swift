/// How the image is looked at: the pane at narrow widths and its size, the zoom of the
/// chosen image, zoom mode and the full view.
public struct ImageViewState: Sendable, Equatable {
    /// Show the pane below `ReviewLayout.imagePaneWidth` columns too (stacked above the
    /// dialogue); `toggle-image` turns it on where it was not shown.
    public var atAnyWidth = false
    /// The panes' share of the body in percent (`PaneLayout.shares`, cycled by `image-pane-size`).
    public var share = PaneLayout.defaultShare
    /// The zoom of one image of one sample; any other image is shown whole.
    public var zoom: ImageZoom?
    /// Zoom mode: keys go to the `image` context first, so arrows pan.
    public var zoomMode = false
    /// The full view (`show-image`) is open: the terminal shows the image, not the grid.
    public var fullView = false
    /// Which quote `show-where` showed last for the current sample, so that pressing it again
    /// moves on to the next quote.
    public var lastWhere: WhereStep?

    public init() {}

    /// The viewport of image `image` of sample `sample` (the whole image unless zoomed).
    public func viewport(sample: Int, image: Int) -> ImageViewport {
        guard let zoom, zoom.sample == sample, zoom.image == image else { return .fit }
        return zoom.viewport
    }
}

/// A zoomed image: which one and how.
public struct ImageZoom: Sendable, Equatable {
    public var sample: Int
    public var image: Int
    public var viewport: ImageViewport

    public init(sample: Int, image: Int, viewport: ImageViewport) {
        self.sample = sample
        self.image = image
        self.viewport = viewport
    }
}

/// The quote `show-where` last jumped to.
public struct WhereStep: Sendable, Equatable {
    public var sample: Int
    /// Index into the sample's quotes that matched an OCR line.
    public var quote: Int

    public init(sample: Int, quote: Int) {
        self.sample = sample
        self.quote = quote
    }
}
