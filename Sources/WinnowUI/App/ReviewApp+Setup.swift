import Foundation
import WinnowCore

extension ReviewApp {
    /// The review screen as the CLI starts it: the keymap from `--keymap` (nil: default) with
    /// the user's override file, the theme from `NO_COLOR` and the terminal's colours, and
    /// keymap problems shown at start-up while every other binding works.
    public static func start(source: any SampleSource, journal: (any DecisionLog)?, keymap keymapName: String?,
                             environment: [String: String] = ProcessInfo.processInfo.environment,
                             colorsAvailable: Bool = true, options: ReviewOptions = ReviewOptions(),
                             search: SearchFunction? = nil) -> ReviewApp {
        let (keymap, problems) = KeymapLoader.load(base: keymapName,
                                                   userFile: KeymapLoader.userFilePath(environment: environment))
        var options = options
        options.theme = Theme.forEnvironment(environment, colorsAvailable: colorsAvailable)
        let app = ReviewApp(source: source, journal: journal, keymap: keymap, keymapProblems: problems,
                            options: options, search: search)
        app.environment = environment
        return app
    }
}
