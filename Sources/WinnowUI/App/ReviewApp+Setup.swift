import WinnowCore

extension ReviewApp {
    /// The review screen as the CLI starts it: the keymap from `--keymap` (nil: default) with
    /// the user's override file, the theme from `NO_COLOR` and the terminal's colours, and
    /// keymap problems shown at start-up while every other binding works. The shell passes
    /// its environment and the file access (keymap files, the external editor's scratch
    /// file), so this layer reads nothing itself.
    public static func start(source: any SampleSource, journal: (any DecisionLog)?, keymap keymapName: String?,
                             environment: [String: String], keymapFiles: any KeymapFiles,
                             scratchFiles: (any ScratchFiles)? = nil,
                             colorsAvailable: Bool = true, options: ReviewOptions = ReviewOptions(),
                             search: SearchFunction? = nil) -> ReviewApp {
        let (keymap, problems) = KeymapLoader.load(base: keymapName,
                                                   userFile: KeymapLoader.userFilePath(environment: environment),
                                                   files: keymapFiles)
        var options = options
        options.theme = Theme.forEnvironment(environment, colorsAvailable: colorsAvailable)
        let app = ReviewApp(source: source, journal: journal, keymap: keymap, keymapProblems: problems,
                            options: options, search: search)
        app.environment = environment
        app.scratchFiles = scratchFiles
        return app
    }
}
