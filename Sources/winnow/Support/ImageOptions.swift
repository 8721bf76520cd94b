import ArgumentParser
import WinnowImage

/// `--graphics kitty|iterm|sixel|symbols|none`, parsed straight into the image layer's enum.
extension GraphicsMode: ExpressibleByArgument {}

/// The image options a command that shows samples takes: `@OptionGroup var images: ImageOptions`.
struct ImageOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Full-view graphics: kitty, iterm, sixel, symbols or none (default: detected from the terminal).",
        valueName: "mode"))
    var graphics: GraphicsMode?

    @Option(name: .customLong("image-root"), help: ArgumentHelp(
        "Resolve relative image paths under this folder first (repeatable); absolute image paths may point inside it.",
        valueName: "dir"))
    var imageRoots: [String] = []

    @Option(name: .customLong("allow-image-dir"), help: ArgumentHelp(
        "Let absolute image paths in the dataset point inside this folder (repeatable); others are refused.",
        valueName: "dir"))
    var allowedImageDirs: [String] = []

    /// The image provider for this terminal (graphics detected unless forced).
    func makeProvider() -> ChafaImagePreviewProvider {
        ChafaImagePreviewProvider.forTerminal(forcedGraphics: graphics)
    }
}
