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
            state.message = AppMessage("this sample has no image", isError: true)
            return .redraw
        }
        guard s.images.count > 1 else {
            state.message = AppMessage("this sample has only one image")
            return .redraw
        }
        let next = (current + 1) % s.images.count
        state.imageChoice = ImageChoice(sample: index, image: next)
        let ref = s.images[next]
        let resolved = imageLocator.resolve(ref)
        let missing = resolved.exists ? "" : resolved.refusal.map { " (\($0))" } ?? " (MISSING)"
        // Said in the message row too: below 140 columns there is no pane to show it.
        state.message = AppMessage("image \(next + 1)/\(s.images.count): \(ref)\(missing)")
        return .redraw
    }
}
