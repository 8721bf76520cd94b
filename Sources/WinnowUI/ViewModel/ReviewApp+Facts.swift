import WinnowCore

extension ReviewApp {
    /// The facts of sample `index` as the review sees it now (an edit in force applied to
    /// its turns), decoded once while it stays near the screen.
    func facts(at index: Int) -> SampleFacts {
        cache.facts(index) {
            var result = source.sample(at: index)
            if case .success(var s) = result, let edit = journal?.review(at: index).edit {
                s.turns = edit.applied(to: s.turns)
                result = .success(s)
            }
            return result
        }
    }

    /// The sample at `index` as the review sees it now (an edit in force applied).
    public func decodedSample(at index: Int) -> Result<Sample, UnreadableSample> {
        facts(at: index).sample
    }

    /// Forgets what was decoded and wrapped for `index` (its text changed with an edit or undo).
    public func invalidateSample(_ index: Int) {
        cache.invalidate(index)
    }

    /// The facts of the current sample, if one is visible.
    var currentFacts: SampleFacts? { state.currentIndex.map { facts(at: $0) } }

    /// Whether the image pane is wanted for these facts: a provider, the pane switched on,
    /// and at least one of the sample's image files present. A missing file gets no pane
    /// (the metadata flags it): an empty box saying "missing" would take the room the
    /// metadata and dialogue need. With several images the pane stays while any exists, so
    /// that `next-image` does not reflow the screen.
    func wantsImagePane(_ facts: SampleFacts?) -> Bool {
        guard imageProvider != nil, state.showImage, let facts else { return false }
        return facts.images(imageResolver).contains { $0.exists }
    }

    /// Where each pane goes for the terminal size and the current sample (nil: too small).
    /// Keys and frames both take their layout from here, so scrolling a page never depends
    /// on what was drawn last.
    public func screenLayout() -> ReviewLayout? {
        layout(width: state.width, height: state.height, facts: currentFacts)
    }

    func layout(width: Int, height: Int, facts: SampleFacts?) -> ReviewLayout? {
        // While editing, the editor takes the metadata's place: the picture and the turns
        // around the one edited are what a fix needs. The OCR pane is cut from the dialogue.
        var editing = false
        if case .editing = state.mode { editing = true }
        let layout = ReviewLayout.make(width: width, height: height, showMetadata: state.showMetadata && !editing,
                                       metadataLines: metadataLines(facts).count, wantsImage: wantsImagePane(facts),
                                       expandMetadata: state.expandMetadata, imageAtAnyWidth: state.imageView.atAnyWidth,
                                       imageShare: state.imageView.share)
        return withConflictPanel(layout.map(withOCRPane))
    }

    /// Dialogue rows on screen (a page), below the pane's title row.
    public var dialogueRows: Int { max(1, (screenLayout()?.dialogue.height ?? state.height) - 1) }

    /// The dialogue pane's width less its scroll bar (what turns are wrapped for).
    var dialogueWidth: Int { max(4, (screenLayout()?.dialogue.width ?? state.width) - 1) }

    /// The current sample's dialogue wrapped for the pane.
    func currentDialogue() -> (Sample, DialogueLayout)? {
        guard let sample = currentFacts?.decoded else { return nil }
        return (sample, cache.layout(for: sample, width: dialogueWidth))
    }

    /// Lines of the current sample's dialogue (0 when none).
    public var dialogueLineCount: Int { currentDialogue()?.1.lines.count ?? 0 }

    /// The task type of sample `index`, for filters.
    func taskType(of index: Int) -> TaskType? {
        // A dataset knows most types from its index: no decode, no cache entry.
        if let dataset = source as? Dataset { return dataset.taskType(at: index) }
        return cache.taskType(index) {
            guard case .success(let s) = source.sample(at: index) else { return nil }
            return s.taskType
        }
    }
}
