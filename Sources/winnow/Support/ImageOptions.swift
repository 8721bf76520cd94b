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

    /// The image provider for this terminal (graphics detected unless forced).
    func makeProvider() -> ChafaImagePreviewProvider {
        ChafaImagePreviewProvider.forTerminal(forcedGraphics: graphics)
    }
}
