/// The image chosen with `next-image`, tied to its sample so that any other sample, however
/// it was reached (paging, a filter, a search), shows its first image.
public struct ImageChoice: Sendable, Equatable {
    /// The dataset index of the sample.
    public var sample: Int
    /// Which of its images (0-based).
    public var image: Int

    /// A choice of image `image` of sample `sample`.
    public init(sample: Int, image: Int) {
        self.sample = sample
        self.image = image
    }
}
