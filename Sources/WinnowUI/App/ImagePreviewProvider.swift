// WinnowImage implements this; the CLI injects it into the app, so the
// UI layer stays free of image libraries and tests can pass a fake.

/// Facts about an image file shown in the metadata pane.
public struct ImageFileInfo: Sendable, Equatable {
    /// "JPEG", "PNG", "WebP", ... or nil when the content is not recognised.
    public var format: String?
    public var pixelWidth: Int?
    public var pixelHeight: Int?
    public var byteSize: Int
    /// Why the file cannot be shown (truncated, unsupported, too large), if it cannot.
    public var problem: String?
    /// Something odd that does not stop it being shown, e.g. a PNG named `.jpg`.
    public var note: String?

    public init(format: String?, pixelWidth: Int?, pixelHeight: Int?, byteSize: Int, problem: String?,
                note: String? = nil) {
        self.format = format
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
        self.byteSize = byteSize
        self.problem = problem
        self.note = note
    }
}

/// The state of a preview of one image at one size.
public enum ImagePreview: Sendable, Equatable {
    /// Decoding in the background; ask again on a later tick.
    case loading
    /// Ready: a grid exactly of the requested size, made of symbol cells.
    case ready(ScreenGrid)
    /// Cannot be shown, with a short reason for the pane.
    case unavailable(String)
}

/// Decodes and renders images for the review screen. Calls return at once: decoding happens
/// off the main loop and results are cached.
public protocol ImagePreviewProvider: AnyObject, Sendable {
    /// The preview of the image at `path` in a `width` x `height` cell area.
    func preview(path: String, width: Int, height: Int) -> ImagePreview
    /// Format, pixel size and file size of the image at `path` (reads only the header).
    func info(path: String) -> ImageFileInfo?
    /// Bytes that draw the image over the whole terminal at the best fidelity it supports
    /// (kitty, iTerm2, sixel or symbols), or nil when it cannot be drawn.
    func fullScreen(path: String, width: Int, height: Int) -> [UInt8]?
    /// Full-screen graphics were turned off (`--graphics none`): `fullScreen` draws nothing,
    /// and the reviewer is told so rather than that the image is unsupported.
    var graphicsOff: Bool { get }
    /// The external viewer command for `path` (`$WINNOW_IMAGE_VIEWER`, else `xdg-open`).
    func viewer(path: String) -> ExternalProgram
    /// A counter bumped each time a background result lands, so the app's `tick()` knows to
    /// redraw (defaults to 0 for providers without background work).
    var completedCount: Int { get }
    /// Starts preparing the preview of an image likely to be shown next (default: nothing).
    func prefetch(path: String, width: Int, height: Int)
    /// The preview of the part of the image `viewport` shows, cropped before drawing so a
    /// zoomed sign gets every cell of the pane (default: the whole image).
    func preview(path: String, width: Int, height: Int, viewport: ImageViewport) -> ImagePreview
    /// The full view of the part `viewport` shows, with `caption` after the file name on the
    /// last row (default: the whole image with the provider's own caption).
    func fullScreen(path: String, width: Int, height: Int, viewport: ImageViewport, caption: String) -> [UInt8]?
}

extension ImagePreviewProvider {
    /// No background work: never changes.
    public var completedCount: Int { 0 }
    /// Graphics on unless a provider says otherwise.
    public var graphicsOff: Bool { false }
    /// No background work: nothing to prepare.
    public func prefetch(path: String, width: Int, height: Int) {}
    /// Providers that cannot crop show the whole image.
    public func preview(path: String, width: Int, height: Int, viewport: ImageViewport) -> ImagePreview {
        preview(path: path, width: width, height: height)
    }
    /// Providers that cannot crop show the whole image.
    public func fullScreen(path: String, width: Int, height: Int, viewport: ImageViewport, caption: String) -> [UInt8]? {
        fullScreen(path: path, width: width, height: height)
    }
}
