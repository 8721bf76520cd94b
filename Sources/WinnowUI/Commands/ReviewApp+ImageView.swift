import WinnowCore

/// The current sample's shown image file (exists, resolved).
struct ShownImage: Equatable {
    var sample: Int
    var image: Int
    var reference: String
    var path: String
}

/// The full view's last bytes, kept while nothing they depend on changes.
struct FullViewFrame {
    var path: String
    var width: Int
    var height: Int
    var viewport: ImageViewport
    var caption: String
    var bytes: [UInt8]?
}

extension ReviewApp {
    /// The chosen image of the current sample, when its file exists.
    func shownImage() -> ShownImage? {
        guard let index = state.currentIndex, case .success(let s) = decodedSample(at: index),
              let chosen = chosenImage(of: s) else { return nil }
        let resolved = facts(at: index).images(imageResolver)
        guard resolved.indices.contains(chosen), resolved[chosen].exists else { return nil }
        return ShownImage(sample: index, image: chosen, reference: s.images[chosen], path: resolved[chosen].path)
    }

    /// The viewport of the shown image (the whole image unless it was zoomed).
    func viewport(of shown: ShownImage) -> ImageViewport {
        state.imageView.viewport(sample: shown.sample, image: shown.image)
    }

    /// Cells the zoomed picture fills: the full view, else the image pane's inside, else
    /// (no pane on screen) the full view's size, where `v` will show it.
    var zoomArea: (columns: Int, rows: Int) {
        if !state.imageView.fullView, let r = screenLayout()?.image { return (max(1, r.width - 2), max(1, r.height - 2)) }
        return (max(1, state.width), max(1, state.height - 1))
    }

    /// The image's pixel size from its header (nil: unknown, nothing to zoom in).
    func pixelSize(_ shown: ShownImage) -> (width: Int, height: Int)? {
        guard let info = imageProvider?.info(path: shown.path), let w = info.pixelWidth, let h = info.pixelHeight,
              w > 0, h > 0 else { return nil }
        return (w, h)
    }

    /// Zoom, pan, zoom mode, pane size, show-where and closing the full view.
    func imageViewCommand(_ command: Command) -> Effect? {
        let editing: Bool
        switch state.mode {
        case .reading: editing = false
        case .editing: editing = true
        case .prompt, .reasonPicker, .help: return nil
        }
        if editing && command != .showWhere && command != .zoomFit { return nil }
        switch command {
        case .imagePaneSize:
            state.imageView.share = PaneLayout.nextShare(after: state.imageView.share)
            if screenLayout()?.image == nil { showPaneAnywhere() }
            state.message = .info(.imageView(.paneSize(percent: state.imageView.share)))
            return .redraw
        case .zoomIn: return zoom(steps: 1)
        case .zoomOut: return zoom(steps: -1)
        case .zoomFit:
            state.imageView.zoom = nil
            state.message = .info(.imageView(.fitted))
            return .redraw
        case .zoomMode:
            state.imageView.zoomMode.toggle()
            if state.imageView.zoomMode, screenLayout()?.image == nil { showPaneAnywhere() }
            state.message = .info(.imageView(.zoomMode(on: state.imageView.zoomMode,
                                                       exitKey: keymap.hint(for: .zoomMode, in: .image))))
            return .redraw
        case .panLeft: return pan(dx: -1, dy: 0)
        case .panRight: return pan(dx: 1, dy: 0)
        case .panUp: return pan(dx: 0, dy: -1)
        case .panDown: return pan(dx: 0, dy: 1)
        case .showWhere: return showWhere()
        case .imageClose:
            if state.imageView.fullView {
                state.imageView.fullView = false
            } else if state.imageView.zoomMode {
                state.imageView.zoomMode = false
                state.message = .info(.imageView(.zoomMode(on: false, exitKey: nil)))
            }
            return .redraw
        default:
            return nil
        }
    }

    /// Turns the pane on where it was not shown (hidden, or a narrow terminal).
    func showPaneAnywhere() {
        state.showImage = true
        state.imageView.atAnyWidth = true
    }

    private func zoom(steps: Int) -> Effect {
        guard let shown = shownImage() else {
            state.message = .error(.noImage)
            return .redraw
        }
        let viewport = viewport(of: shown).zoomed(steps: steps)
        state.imageView.zoom = viewport.isFit ? nil : ImageZoom(sample: shown.sample, image: shown.image, viewport: viewport)
        state.message = .info(.imageView(viewport.isFit ? .fitted : .zoom(viewport.zoom)))
        return .redraw
    }

    private func pan(dx: Int, dy: Int) -> Effect {
        guard let shown = shownImage() else {
            state.message = .info(.imageView(.noImageShown))
            return .redraw
        }
        let current = viewport(of: shown)
        guard !current.isFit else {
            state.message = .info(.imageView(.notZoomed))
            return .redraw
        }
        guard let size = pixelSize(shown) else {
            state.message = .info(.imageView(.noImageSize))
            return .redraw
        }
        let area = zoomArea
        let moved = current.panned(dx: dx, dy: dy, imageWidth: size.width, imageHeight: size.height,
                                   columns: area.columns, rows: area.rows)
        state.imageView.zoom = ImageZoom(sample: shown.sample, image: shown.image, viewport: moved)
        return .redraw
    }

    // MARK: Keys in zoom mode and the full view

    /// Keys while zoom mode or the full view is on: the `image` context first. In the full
    /// view any key that means nothing there closes it (as before zoom existed); in zoom
    /// mode such keys keep their reading meaning (nil: handle them as usual).
    func imageViewKey(_ key: KeyPress) -> Effect? {
        guard case .reading = state.mode, state.imageView.fullView || state.imageView.zoomMode else { return nil }
        let command = keymap.command(for: key, in: .image)
        if let command, command.contexts.contains(.image) || command == .redraw || command == .suspend {
            state.message = nil
            return perform(command)
        }
        guard state.imageView.fullView else { return nil }
        state.imageView.fullView = false
        return .redraw
    }

    // MARK: The full view

    /// Opens the full view on the shown image when it can be drawn (nil: why not is in the
    /// message row).
    func openFullView(path: String) -> Effect {
        state.imageView.fullView = true
        guard fullViewBytes(width: state.width, height: state.height) != nil else {
            state.imageView.fullView = false
            state.message = .error(.cannotShowImage(reason: imageProvider?.info(path: path)?.problem ?? "unsupported"))
            return .redraw
        }
        return .redraw
    }

    /// The bytes that draw the full view at this size (cached per image, size and zoom).
    func fullViewBytes(width: Int, height: Int) -> [UInt8]? {
        guard state.imageView.fullView, let provider = imageProvider, let shown = shownImage() else { return nil }
        let viewport = viewport(of: shown)
        let caption = fullViewCaption(viewport)
        if let frame = fullViewFrame, frame.path == shown.path, frame.width == width, frame.height == height,
           frame.viewport == viewport, frame.caption == caption {
            return frame.bytes
        }
        let bytes = provider.fullScreen(path: shown.path, width: width, height: height, viewport: viewport, caption: caption)
        fullViewFrame = FullViewFrame(path: shown.path, width: width, height: height, viewport: viewport,
                                      caption: caption, bytes: bytes)
        return bytes
    }

    /// The caption's key hints, from the active keymap.
    func fullViewCaption(_ viewport: ImageViewport) -> String {
        var parts: [String] = []
        if !viewport.isFit { parts.append("zoom \(ImageViewNote.format(viewport.zoom))×") }
        let zoomKeys = [keymap.hint(for: .zoomIn, in: .image), keymap.hint(for: .zoomOut, in: .image)].compactMap { $0 }
        if !zoomKeys.isEmpty { parts.append("\(zoomKeys.joined(separator: " ")) zoom") }
        if !viewport.isFit { parts.append("arrows pan") }
        if let fit = keymap.hint(for: .zoomFit, in: .image), !viewport.isFit { parts.append("\(fit) whole") }
        parts.append("other keys return")
        return parts.joined(separator: " · ")
    }
}
