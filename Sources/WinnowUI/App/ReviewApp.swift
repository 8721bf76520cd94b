import WinnowCore

/// The review screen: app state plus the dataset, the journal and the injected services.
/// Pure: handlers change state and return effects; `render` draws into a grid.
public final class ReviewApp: TerminalApp {
    /// Finds the next sample containing a phrase: `(phrase, fromIndex, forward)` returns the
    /// first matching dataset index at or after `fromIndex` (at or before, backward).
    public typealias SearchFunction = (_ phrase: String, _ fromIndex: Int, _ forward: Bool) -> Int?

    /// The dataset being reviewed.
    public let source: any SampleSource
    /// nil: read-only, decisions are refused with a message.
    public let journal: (any DecisionLog)?
    /// The active keymap (help and hints follow it).
    public var keymap: Keymap
    /// Options from the CLI.
    public var options: ReviewOptions
    /// Everything on screen that is not in the dataset or the journal.
    public var state: AppState
    /// Image facts and previews; nil shows paths only.
    public var imageProvider: (any ImagePreviewProvider)?
    /// The search engine (`scanningSearch` unless the CLI injects one).
    public var search: SearchFunction
    /// Called by `edit`; the editor plugs in here. Default: enter `.editing`, which shows a
    /// placeholder until the editor is wired.
    public var editHook: ((ReviewApp, Int) -> Effect)?
    /// Called with keys and pastes while `.editing`; nil uses the placeholder handling.
    public var editorInput: ((ReviewApp, InputEvent) -> Effect)?
    /// Draws the editor into the body area while `.editing`.
    public var editorRender: ((ReviewApp, inout ScreenGrid, Rect) -> Void)?
    let imageLocator: ImageLocator
    var layoutCache = DialogueLayoutCache()
    var taskTypeCache: [Int: TaskType] = [:]

    /// Opens at `options.startIndex`, else at the first undecided sample of the base order.
    public init(source: any SampleSource, journal: (any DecisionLog)?, keymap: Keymap,
                keymapProblems: [KeymapProblem] = [], options: ReviewOptions = ReviewOptions(),
                search: SearchFunction? = nil) {
        self.source = source
        self.journal = journal
        self.keymap = keymap
        self.options = options
        self.imageLocator = ImageLocator(imageRoots: (options.imageRoot.map { [$0] } ?? []) + options.moreImageRoots,
                                         allowedFolders: options.allowedImageFolders, datasetPath: source.path)
        let base: SampleOrder = options.baseOrder.map { .list($0.filter { $0 >= 0 && $0 < source.count }) }
            ?? .all(count: source.count)
        self.state = AppState(base: base, autoAdvance: options.autoAdvance)
        self.search = search ?? ReviewApp.scanningSearch(source)
        state.decidedInBase = countDecided(in: base)
        // Resume: the requested start, else the first undecided sample.
        if let start = options.startIndex, let p = base.position(of: start) {
            state.position = p
        } else {
            state.position = firstPosition(from: 0, forward: true, where: isUndecided) ?? 0
        }
        if !keymapProblems.isEmpty {
            let first = keymapProblems[0].description
            let more = keymapProblems.count > 1 ? " (+\(keymapProblems.count - 1) more; winnow keymap check)" : ""
            state.message = AppMessage("keymap: \(first)\(more)", isError: true)
        } else if let first = source.fileProblems.first {
            // A truncated or damaged file must not look complete on the review screen.
            let more = source.fileProblems.count > 1 ? " (+\(source.fileProblems.count - 1) more; winnow validate)" : ""
            state.message = AppMessage(first + more, isError: true)
        } else if let problems = journal?.problems, let first = problems.first {
            state.message = AppMessage("journal: \(first)", isError: true)
        } else if state.decidedInBase > 0 {
            state.message = AppMessage("resumed: \(state.decidedInBase) of \(base.count) decided")
        }
    }

    // MARK: TerminalApp

    /// Resolves a key through the keymap for the current mode and performs the command.
    public func handle(_ event: InputEvent) -> Effect {
        switch event {
        case .resize(let w, let h):
            state.width = w
            state.height = h
            return .redraw
        case .paste where isTooSmall:
            return .redraw
        case .key(let key) where isTooSmall:
            // Nothing can be seen: a key typed blind must not decide a sample or change a
            // draft. Only quitting from the reading view works (ctrl-c always does).
            if case .reading = state.mode, keymap.command(for: key, in: .review) == "quit" { return .quit }
            return .redraw
        case .paste(let text):
            switch state.mode {
            case .prompt(var p):
                p.input.insert(text)
                state.mode = .prompt(p)
                return .redraw
            case .editing:
                return editorInput?(self, event) ?? handleEditorEvent(event)
            default:
                state.message = AppMessage("paste ignored here (paste into a prompt or the editor)")
                return .redraw
            }
        case .key(let key):
            return handleKey(key)
        }
    }

    /// Whether the last size is below the smallest usable one (the too-small notice shows).
    var isTooSmall: Bool {
        state.width < ReviewLayout.minimumWidth || state.height < ReviewLayout.minimumHeight
    }

    /// Reports a viewer that failed.
    public func externalProgramFinished(_ program: ExternalProgram, exitStatus: Int32) -> Effect {
        if program.purpose == ExternalEdit.purpose {
            // The editor reports its own failures (and removes its temporary file).
            return finishExternalEdit(program, exitStatus: exitStatus)
        }
        if exitStatus != 0 {
            state.message = AppMessage("\(program.arguments.first ?? "program") exited with status \(exitStatus)", isError: true)
        }
        return .redraw
    }

    /// Continues a filter still scanning and picks up image previews that became ready.
    public func tick() -> Effect {
        if state.filterScan != nil, continueFilter(budget: options.filterSliceBudget) { return .redraw }
        // An image preview still decoding: redraw when it becomes ready.
        if pendingImage, let req = lastImageRequest, let provider = imageProvider,
           provider.preview(path: req.path, width: req.width, height: req.height) != .loading {
            pendingImage = false
            return .redraw
        }
        prefetchNextImage()
        return .none
    }

    /// Once the shown preview is done, starts decoding the next sample's image at the same
    /// size so that moving on finds it ready.
    private func prefetchNextImage() {
        guard !pendingImage, let req = lastImageRequest, let provider = imageProvider,
              prefetchedFor != state.position else { return }
        prefetchedFor = state.position
        guard let next = state.visible[state.position + 1], case .success(let sample) = source.sample(at: next),
              let ref = sample.images.first else { return }
        let img = imageLocator.resolve(ref)
        if img.exists { provider.prefetch(path: img.path, width: req.width, height: req.height) }
    }

    var pendingImage = false
    var lastLayout: ReviewLayout?
    var sampleCache: (index: Int, result: Result<Sample, UnreadableSample>)?
    var charCountCache: (index: Int, counts: [Int])?
    var lastImageRequest: (path: String, width: Int, height: Int)?
    var prefetchedFor: Int?

    // MARK: Keys

    func handleKey(_ key: KeyPress) -> Effect {
        let context = state.mode.keyContext
        if case .editing(let editing) = state.mode {
            if let editorInput { return editorInput(self, .key(key)) }
            if editing.session != nil { return handleEditorEvent(.key(key)) }
        }
        let command = keymap.command(for: key, in: context)
        if case .prompt(var p) = state.mode, command == nil {
            if case .character(let c) = key.base, !key.control, !key.alt {
                p.input.insert(String(c))
                state.mode = .prompt(p)
                return .redraw
            }
        }
        if case .reasonPicker(var picker) = state.mode, command == nil,
           case .character(let c) = key.base, !key.control, !key.alt,
           let digit = c.wholeNumberValue, digit >= 1, digit <= picker.reasons.count {
            // Digits tick reasons directly (not rebindable: they follow the list).
            if picker.ticked.contains(digit - 1) { picker.ticked.remove(digit - 1) } else { picker.ticked.insert(digit - 1) }
            picker.selected = digit - 1
            state.mode = .reasonPicker(picker)
            return .redraw
        }
        // A message stays until the next key in the reading view.
        if case .reading = state.mode { state.message = nil }
        guard let command else {
            // Esc is pressed by reflex to get out of things: when it means nothing here it
            // only clears the message row, without a lecture.
            if key == .named(.escape) { return .redraw }
            if case .help = state.mode {
                let close = keymap.hint(for: "help-close", in: .help) ?? "esc"
                state.message = AppMessage("\(KeyName.format(key)) is not bound in the help (\(close) closes it)")
                return .redraw
            }
            state.message = AppMessage("\(KeyName.format(key)) is not bound here (\(keymap.hint(for: "help", in: .review) ?? "f1") for help)")
            return .redraw
        }
        return perform(command)
    }
}
