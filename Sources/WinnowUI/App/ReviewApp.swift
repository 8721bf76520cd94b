import WinnowCore

/// The review screen: app state plus the dataset, the journal and the injected services.
///
/// Each input event goes through the keymap to a `Command`; `perform` updates `state` and
/// returns the `Effect` the run loop carries out. `render` builds a `ReviewViewModel` (all
/// reading, caching and measuring happens there) and hands it to `ReviewScreenView`, which
/// only draws.
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
    /// The text in the images (cache and background OCR); nil: no OCR pane.
    public var ocrProvider: (any OCRProvider)?
    /// What the OCR provider reported so far, and quote checks made from it.
    let ocrResults = OCRResults()
    /// The search engine (`scanningSearch` unless the CLI injects one).
    public var search: SearchFunction
    /// Where image references point and whether the files exist (the CLI's file system).
    public var imageResolver: any ImageResolver
    /// The process environment the CLI passes in (`$VISUAL`, `$EDITOR`, `$TMPDIR` for the
    /// external editor); the UI layer never reads the environment itself.
    public var environment: [String: String] = [:]
    /// Creates, reads and removes the external editor's temporary file (the shell's
    /// `PosixScratchFiles`); nil: `edit-external` says it is unavailable.
    public var scratchFiles: (any ScratchFiles)?
    /// The team store's progress and assigned work (nil without a store); read on `tick`.
    public var team: (any TeamFeed)?
    /// The team feed's reading in force.
    var teamView: TeamView?
    /// Cached OCR lines with boxes for `show-where` (nil: it says there are none).
    public var ocrLines: (any OCRLineLookup)?
    /// The conflicts being adjudicated (`winnow adjudicate`); nil: the plain review screen.
    public var adjudication: AdjudicationContext?
    /// Decoded samples, lint findings, image facts and wrapped dialogue, per sample.
    let cache = SampleCache()
    /// Seconds on a monotonic clock, for the session's pace (tests pass their own).
    public var clock: @Sendable () -> Double = ReviewApp.monotonicSeconds
    /// The stats panel's counts, kept until the journal or the filter changes.
    let statsCache = StatsCache()
    /// The image preview last asked for, and whether it was still loading (for `tick`).
    var lastImageRequest: ImageRequest?
    var prefetchedFor: Int?
    /// The full view's bytes at the last size and zoom (drawn again only when they change).
    var fullViewFrame: FullViewFrame?

    /// Opens at `options.startIndex`, else at the first undecided sample of the base order.
    public init(source: any SampleSource, journal: (any DecisionLog)?, keymap: Keymap,
                keymapProblems: [KeymapProblem] = [], options: ReviewOptions = ReviewOptions(),
                search: SearchFunction? = nil) {
        self.source = source
        self.journal = journal
        self.keymap = keymap
        self.options = options
        self.imageResolver = ImageLocator(imageRoots: (options.imageRoot.map { [$0] } ?? []) + options.moreImageRoots,
                                          allowedFolders: options.allowedImageFolders, datasetPath: source.path)
        let base: SampleOrder = options.baseOrder.map { .list($0.filter { $0 >= 0 && $0 < source.count }) }
            ?? .all(count: source.count)
        self.state = AppState(base: base, autoAdvance: options.autoAdvance)
        self.search = search ?? ReviewApp.scanningSearch(source)
        state.decidedInBase = countDecided(in: base)
        state.session = SessionStats(start: clock())
        // Resume: the requested start, else the first undecided sample.
        if let start = options.startIndex, let p = base.position(of: start) {
            state.position = p
        } else {
            state.position = firstPosition(from: 0, forward: true, where: isUndecided) ?? 0
        }
        if let first = keymapProblems.first {
            state.message = .error(.keymap(first: first.description, more: keymapProblems.count - 1))
        } else if let first = source.fileProblems.first {
            // A truncated or damaged file must not look complete on the review screen.
            state.message = .error(.file(first: first, more: source.fileProblems.count - 1))
        } else if let problems = journal?.problems, let first = problems.first {
            state.message = .error(.journal(first))
        } else if state.decidedInBase > 0 {
            state.message = .info(.resumed(decided: state.decidedInBase, total: base.count))
        }
    }

    // MARK: TerminalApp

    /// Resolves a key through the keymap for the current mode and performs the command.
    public func handle(_ event: InputEvent) -> Effect {
        switch event {
        case .resize(let w, let h):
            state.width = w
            state.height = h
            fitEditor()
            return .redraw
        case .paste where isTooSmall:
            return .redraw
        case .key(let key) where isTooSmall:
            // Nothing can be seen: a key typed blind must not decide a sample or change a
            // draft. Only quitting from the reading view works (ctrl-c always does).
            if case .reading = state.mode, keymap.command(for: key, in: .review) == .quit { return .quit }
            return .redraw
        case .paste(let text):
            switch state.mode {
            case .prompt(var p):
                p.input.insert(text)
                state.mode = .prompt(p)
                return .redraw
            case .editing:
                return editorEvent(event, command: nil)
            case .reading, .reasonPicker, .help:
                state.message = .info(.pasteIgnored)
                return .redraw
            }
        case .key(let key):
            return handleKey(key)
        }
    }

    /// Whether the terminal is below the smallest usable size (the too-small notice shows).
    var isTooSmall: Bool {
        state.width < ReviewLayout.minimumWidth || state.height < ReviewLayout.minimumHeight
    }

    /// Reports a viewer that failed, or reads back the external editor's file.
    public func externalProgramFinished(_ program: ExternalProgram, exitStatus: Int32) -> Effect {
        if program.purpose == ExternalEdit.purpose {
            // The editor reports its own failures (and removes its temporary file).
            return finishExternalEdit(program, exitStatus: exitStatus)
        }
        if exitStatus != 0 {
            state.message = .error(.programExited(name: program.arguments.first ?? "program", status: exitStatus))
        }
        return .redraw
    }

    /// The full view's bytes while it is open (the backend writes them instead of a grid).
    public func rawFrame(width: Int, height: Int) -> [UInt8]? {
        guard state.imageView.fullView, !isTooSmall else { return nil }
        return fullViewBytes(width: width, height: height)
    }

    /// Continues a filter still scanning and picks up image previews that became ready.
    public func tick() -> Effect {
        if refreshTeam() { return .redraw }
        if state.filterScan != nil, continueFilter(budget: options.filterSliceBudget) { return .redraw }
        if ocrTick() { return .redraw }
        // An image preview still decoding: redraw when it becomes ready.
        if let req = lastImageRequest, req.loading, let provider = imageProvider,
           provider.preview(path: req.path, width: req.width, height: req.height, viewport: req.viewport) != .loading {
            lastImageRequest?.loading = false
            return .redraw
        }
        prefetchNextImage()
        // A long dialogue wrapped only as far as the screen: count the rest while idle, so
        // the position line's "~N" becomes exact.
        if case .reading = state.mode, let (_, layout) = currentDialogue(), !layout.isComplete, !layout.wrapped.isEmpty {
            layout.ensure(through: layout.wrapped.count + 2_000)
            return .redraw
        }
        return .none
    }

    /// Once the shown preview is done, starts decoding the next sample's image at the same
    /// size so that moving on finds it ready.
    private func prefetchNextImage() {
        guard let req = lastImageRequest, !req.loading, let provider = imageProvider,
              prefetchedFor != state.position else { return }
        prefetchedFor = state.position
        guard let next = state.visible[state.position + 1], case .success(let sample) = source.sample(at: next),
              let ref = sample.images.first else { return }
        let img = imageResolver.resolve(ref)
        if img.exists { provider.prefetch(path: img.path, width: req.width, height: req.height) }
    }

    // MARK: Keys

    func handleKey(_ key: KeyPress) -> Effect {
        // A batch waits for its action or its y/n: the next key answers.
        if state.batch != nil, case .reading = state.mode { return answerBatch(key) }
        if let effect = imageViewKey(key) { return effect }
        if case .reasonPicker(var picker) = state.mode, picker.confirmingNoReason {
            picker.confirmingNoReason = false
            if key == .char("y") || key == .char("Y") {
                state.mode = .reading
                return finishReject(picker, reasons: [])
            }
            // Any other key: back to the list, nothing recorded.
            state.mode = .reasonPicker(picker)
            state.message = nil
            return .redraw
        }
        if let effect = handleHelpFilterKey(key) { return effect }
        if let effect = handleSequenceKey(key) { return effect }
        let command = command(for: key)
        switch state.mode {
        case .editing:
            return editorEvent(.key(key), command: command)
        case .prompt(var p) where command == nil:
            if case .character(let c) = key.base, !key.control, !key.alt {
                p.input.insert(String(c))
                state.mode = .prompt(p)
                return .redraw
            }
        case .reasonPicker(var picker) where command == nil:
            // Digits tick reasons directly (not rebindable: they follow the list).
            if case .character(let c) = key.base, !key.control, !key.alt,
               let digit = c.wholeNumberValue, digit >= 1, digit <= picker.reasons.count {
                if picker.ticked.contains(digit - 1) { picker.ticked.remove(digit - 1) } else { picker.ticked.insert(digit - 1) }
                picker.selected = digit - 1
                state.mode = .reasonPicker(picker)
                return .redraw
            }
        case .reading:
            // A message stays until the next key in the reading view.
            state.message = nil
        case .prompt, .reasonPicker, .help:
            break
        }
        if command == nil, let effect = adjudicationDigit(key) { return effect }
        guard let command else {
            // Esc is pressed by reflex to get out of things: when it means nothing here it
            // only clears the message row, without a lecture.
            if key == .named(.escape) { return .redraw }
            if case .help = state.mode {
                state.message = .info(.notBoundInHelp(key: KeyName.format(key),
                                                      closeKey: keymap.hint(for: .helpClose, in: .help) ?? "esc"))
                return .redraw
            }
            state.message = .info(.notBound(key: KeyName.format(key), helpKey: keymap.hint(for: .help, in: .review) ?? "f1"))
            return .redraw
        }
        return perform(command)
    }
}

/// The image preview the last frame asked for.
struct ImageRequest: Equatable {
    var path: String
    var width: Int
    var height: Int
    var loading: Bool
    var viewport: ImageViewport = .fit
}
