import WinnowCore

/// Finds the file an image reference points at and whether it exists. The CLI's
/// `ImageLocator` does this on the file system; the review screen asks once per sample (see
/// `SampleCache`), never while drawing.
public protocol ImageResolver: Sendable {
    /// The file `reference` resolves to, with its existence and size.
    func resolve(_ reference: String) -> ResolvedImage
}

extension ImageLocator: ImageResolver {}
