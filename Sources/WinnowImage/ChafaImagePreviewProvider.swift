import Dispatch
import Foundation
import WinnowUI

/// The image provider the CLI injects: decodes with libjpeg/libpng/libwebp and draws with
/// libchafa on a background queue, caching results by file version and pane size.
public final class ChafaImagePreviewProvider: ImagePreviewProvider, @unchecked Sendable {
    /// One file version at one pane size.
    struct PreviewKey: Hashable {
        var path: String
        var modified: Date
        var byteSize: Int
        var width: Int
        var height: Int
        var viewport: ImageViewport = .fit
    }

    private struct FileVersion: Hashable {
        var path: String
        var modified: Date
        var byteSize: Int
    }

    public let graphics: GraphicsSupport
    /// `--graphics none`.
    public var graphicsOff: Bool { graphics.mode == .off }
    public let colorMode: SymbolColorMode
    private let environment: [String: String]
    private let headerReader = ImageHeaderReader()
    private let decoder = ImageDecoder()
    private let queue = DispatchQueue(label: "winnow.image-preview", qos: .userInitiated)

    // Everything below is guarded by `lock`.
    private let lock = NSLock()
    private var previews: LRUCache<PreviewKey, ImagePreview>
    private var infos = LRUCache<FileVersion, ImageFileInfo>(capacity: 256)
    /// Requests waiting for the worker, most wanted last: the sample on screen is pushed last,
    /// so a reviewer paging quickly never waits behind images already scrolled past.
    private var pending: [PreviewKey] = []
    private var running: PreviewKey?
    private var completed = 0
    private let maxPending = 4

    /// A provider for the terminal described by `environment` (usually the process's).
    public init(graphics: GraphicsSupport, colorMode: SymbolColorMode,
                environment: [String: String] = ProcessInfo.processInfo.environment, cacheCapacity: Int = 48) {
        self.graphics = graphics
        self.colorMode = colorMode
        self.environment = environment
        self.previews = LRUCache(capacity: cacheCapacity)
    }

    /// The provider for the terminal this process runs in: graphics detected from the
    /// environment unless `--graphics` forced one, true colour when `COLORTERM` says so.
    public static func forTerminal(forcedGraphics: GraphicsMode? = nil,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) -> ChafaImagePreviewProvider {
        ChafaImagePreviewProvider(graphics: GraphicsDetector.detect(environment: environment, forced: forcedGraphics),
                                  colorMode: SymbolColorMode.detect(environment: environment),
                                  environment: environment)
    }

    // MARK: ImagePreviewProvider

    public func preview(path: String, width: Int, height: Int) -> ImagePreview {
        preview(path: path, width: width, height: height, viewport: .fit)
    }

    public func preview(path: String, width: Int, height: Int, viewport: ImageViewport) -> ImagePreview {
        guard width > 0, height > 0 else { return .unavailable("no room") }
        guard let version = fileVersion(path) else { return .unavailable("image not found") }
        let key = PreviewKey(path: path, modified: version.modified, byteSize: version.byteSize, width: width, height: height,
                             viewport: viewport)
        return lock.withLock {
            if let done = previews.value(for: key) { return done }
            enqueueLocked(key, urgent: true)
            return .loading
        }
    }

    public func info(path: String) -> ImageFileInfo? {
        guard let version = fileVersion(path) else { return nil }
        if let cached = lock.withLock({ infos.value(for: version) }) { return cached }
        guard let info = headerReader.info(path: path) else { return nil }
        lock.withLock { infos.insert(info, for: version) }
        return info
    }

    public func fullScreen(path: String, width: Int, height: Int) -> [UInt8]? {
        if let info = info(path: path), info.problem != nil { return nil }
        return ImageDecoder.exclusively {
            FullScreenRenderer(support: graphics, colorMode: colorMode, decoder: decoder)
                .render(path: path, width: width, height: height)
        }
    }

    public func fullScreen(path: String, width: Int, height: Int, viewport: ImageViewport, caption: String) -> [UInt8]? {
        let info = info(path: path)
        if info?.problem != nil { return nil }
        // The viewport works in source pixels; without a known size the whole image is shown.
        var source: PixelRegion?
        if !viewport.isFit, let w = info?.pixelWidth, let h = info?.pixelHeight {
            source = viewport.region(imageWidth: w, imageHeight: h, columns: width, rows: max(1, height - 1))
        }
        return ImageDecoder.exclusively {
            FullScreenRenderer(support: graphics, colorMode: colorMode, decoder: decoder)
                .render(path: path, width: width, height: height, region: source, hint: caption)
        }
    }

    public func viewer(path: String) -> ExternalProgram {
        ExternalViewer.program(path: path, environment: environment)
    }

    public var completedCount: Int { lock.withLock { completed } }

    /// Starts decoding an image the reviewer is likely to look at next (the next sample's),
    /// behind anything already asked for.
    public func prefetch(path: String, width: Int, height: Int) {
        guard width > 0, height > 0, let version = fileVersion(path) else { return }
        let key = PreviewKey(path: path, modified: version.modified, byteSize: version.byteSize, width: width, height: height)
        lock.withLock {
            if previews.value(for: key) == nil { enqueueLocked(key, urgent: false) }
        }
    }

    /// Blocks until the background queue has nothing left to do (tests and benchmarks only).
    package func waitUntilIdle(timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if lock.withLock({ pending.isEmpty && running == nil }) { return true }
            usleep(1_000)
        }
        return false
    }

    // MARK: Background work

    private func enqueueLocked(_ key: PreviewKey, urgent: Bool) {
        if running == key { return }
        if let index = pending.firstIndex(of: key) {
            if !urgent { return }
            pending.remove(at: index)
        }
        if urgent { pending.append(key) } else { pending.insert(key, at: 0) }
        if pending.count > maxPending { pending.removeFirst(pending.count - maxPending) }
        if running == nil { startNextLocked() }
    }

    private func startNextLocked() {
        guard let key = pending.popLast() else { return }
        running = key
        queue.async { [self] in
            let result = render(key)
            lock.withLock {
                previews.insert(result, for: key)
                completed += 1
                running = nil
                startNextLocked()
            }
        }
    }

    /// Decodes and draws one preview; runs on the background queue.
    func render(_ key: PreviewKey) -> ImagePreview {
        let info = info(path: key.path)
        if let problem = info?.problem { return .unavailable(problem) }
        let renderer = SymbolRenderer(colorMode: colorMode)
        // Decode for the cells the image will really cover, not the whole pane: a tall photo
        // in a wide pane then takes a smaller DCT scale. Zoomed, only the viewport's part is
        // drawn, so the decode must be as much finer as the part is smaller than the image.
        var cells = (width: key.width, height: key.height)
        var source: PixelRegion?
        var target = SymbolRenderer.targetPixels(width: cells.width, height: cells.height)
        if let w = info?.pixelWidth, let h = info?.pixelHeight {
            let region = key.viewport.region(imageWidth: w, imageHeight: h, columns: key.width, rows: key.height)
            cells = renderer.fittedSize(imageWidth: region.width, imageHeight: region.height, width: key.width, height: key.height)
            target = DecodedImage.target(cells: cells, region: region, sourceWidth: w, sourceHeight: h)
            if !key.viewport.isFit { source = region }
        }
        return ImageDecoder.exclusively {
            switch decoder.decode(path: key.path, targetWidth: target.width, targetHeight: target.height) {
            case .failure(let error):
                return .unavailable(error.message)
            case .success(let image):
                return .ready(renderer.render(image, width: key.width, height: key.height, region: source.map { image.decoded($0) }))
            }
        }
    }

    private func fileVersion(_ path: String) -> FileVersion? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular else { return nil }
        return FileVersion(path: path, modified: attributes[.modificationDate] as? Date ?? .distantPast,
                           byteSize: attributes[.size] as? Int ?? 0)
    }
}
