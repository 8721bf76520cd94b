import WinnowCore

extension ReviewApp {
    /// Which of `sample`'s images the pane, `show-image` and `open-image` use: the one
    /// `next-image` chose for this very sample, else the first (nil: it has none).
    func chosenImage(of sample: Sample) -> Int? {
        guard !sample.images.isEmpty else { return nil }
        guard let choice = state.imageChoice, choice.sample == sample.index,
              sample.images.indices.contains(choice.image) else { return 0 }
        return choice.image
    }

    /// `next-image`: shows the sample's next image, wrapping around after the last.
    func nextImage() -> Effect {
        guard let index = state.currentIndex, case .success(let s) = decodedSample(at: index),
              let current = chosenImage(of: s) else {
            state.message = .error(.noImage)
            return .redraw
        }
        guard s.images.count > 1 else {
            state.message = .info(.onlyOneImage)
            return .redraw
        }
        let next = (current + 1) % s.images.count
        state.imageChoice = ImageChoice(sample: index, image: next)
        let ref = s.images[next]
        let resolved = facts(at: index).images(imageResolver)
        let problem = resolved.indices.contains(next) ? resolved[next].problem : "missing"
        // Said in the message row too: below 140 columns there is no pane to show it.
        state.message = .info(.image(number: next + 1, of: s.images.count, reference: ref, problem: problem))
        return .redraw
    }

    /// `show-image` (full screen) and `open-image` (external viewer) on the chosen image.
    func imageCommand(fullScreen: Bool) -> Effect {
        guard let index = state.currentIndex, case .success(let s) = decodedSample(at: index),
              let chosen = chosenImage(of: s) else {
            state.message = .error(.noImage)
            return .redraw
        }
        let resolved = facts(at: index).images(imageResolver)
        let img = resolved.indices.contains(chosen) ? resolved[chosen] : imageResolver.resolve(s.images[chosen])
        guard img.exists else {
            state.message = .error(img.refusal.map { .imageRefused(reference: img.reference, why: $0) } ?? .imageNotFound(path: img.path))
            return .redraw
        }
        guard let provider = imageProvider else {
            state.message = .error(.noImageSupport)
            return .redraw
        }
        if !fullScreen { return .runExternal(provider.viewer(path: img.path)) }
        if provider.graphicsOff {
            state.message = .error(.graphicsOff(openKey: keymap.hint(for: .openImage, in: .review)))
            return .redraw
        }
        // Drawn by the run loop from `rawFrame` while open, so zoom keys and a resize redraw it.
        return openFullView(path: img.path)
    }
}
