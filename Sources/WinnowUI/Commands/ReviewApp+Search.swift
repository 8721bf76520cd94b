import WinnowCore

extension ReviewApp {
    /// A plain scan used when the CLI injects no search engine (tests, small files): the
    /// dialogue, image paths and other fields of each sample, decoded one by one.
    public static func scanningSearch(_ source: any SampleSource) -> SearchFunction {
        { [weak source] phrase, from, forward in
            guard let source, !phrase.isEmpty else { return nil }
            var i = from
            while i >= 0 && i < source.count {
                if case .success(let s) = source.sample(at: i), sampleContains(s, phrase) { return i }
                i += forward ? 1 : -1
            }
            return nil
        }
    }

    static func sampleContains(_ s: Sample, _ phrase: String) -> Bool {
        if s.id.contains(phrase) { return true }
        if s.turns.contains(where: { $0.text.contains(phrase) }) { return true }
        if s.images.contains(where: { $0.contains(phrase) }) { return true }
        return s.extraFields.contains { m in m.key.contains(phrase) || MetadataFormatter.inline(m.value).contains(phrase) }
    }

    /// Searches from the sample after (before) the current one, wrapping once, and skips
    /// matches outside the visible order.
    func runSearch(forward: Bool, includeCurrent: Bool) -> Effect {
        guard let phrase = state.searchPhrase, !phrase.isEmpty else {
            state.message = .info(.noSearchYet(key: keymap.hint(for: .searchForward, in: .review) ?? "/"))
            return .redraw
        }
        let current = state.currentIndex ?? (forward ? -1 : source.count)
        var from = includeCurrent ? current : current + (forward ? 1 : -1)
        var wrapped = false
        var tries = 0
        while tries < 100_000 {
            tries += 1
            if from < 0 || from >= source.count {
                if wrapped { break }
                wrapped = true
                from = forward ? 0 : source.count - 1
            }
            guard let hit = search(phrase, from, forward) else {
                if wrapped { break }
                wrapped = true
                from = forward ? 0 : source.count - 1
                continue
            }
            if let p = state.visible.position(of: hit) {
                move(to: p)
                state.scroll = 0
                forward ? scrollToFirstMatch() : scrollToLastMatch()
                state.message = .info(.found(phrase: phrase, index: hit, wrapped: wrapped))
                return .redraw
            }
            if wrapped && (forward ? hit >= current : hit <= current) { break }
            from = hit + (forward ? 1 : -1)
        }
        state.message = .error(.notFound(phrase: phrase, filter: state.filter.isActive ? state.filter.summary : nil))
        return .redraw
    }

    /// `n`/`N`: the next match in this sample's dialogue first, then the next sample.
    func repeatSearch(reverse: Bool) -> Effect {
        let forward = reverse ? !state.searchForward : state.searchForward
        if let phrase = state.searchPhrase, let index = state.currentIndex,
           case .success(let sample) = decodedSample(at: index) {
            let lines = cache.layout(for: sample, width: dialogueWidth).matchLines(of: phrase, in: sample)
            // From the match last jumped to in this sample (by match number, so two matches
            // on one line are two steps).
            let current = state.searchMatch ?? (forward ? -1 : lines.count)
            let next = current + (forward ? 1 : -1)
            if next >= 0 && next < lines.count {
                let target = lines[next]
                state.searchMatch = next
                state.scroll = clampedDialogueScroll(target - 2)
                let number = next + 1
                state.message = .info(.match(number: number, of: lines.count, index: index))
                return .redraw
            }
        }
        return runSearch(forward: forward, includeCurrent: false)
    }

    /// For a new search: the first match at or below the top line in view (forward), or the
    /// last one at or above the bottom line (backward), in the current sample; nil if none.
    func jumpToMatchInView(forward: Bool) -> Effect? {
        guard let phrase = state.searchPhrase, let index = state.currentIndex,
              case .success(let sample) = decodedSample(at: index) else { return nil }
        let lines = cache.layout(for: sample, width: dialogueWidth).matchLines(of: phrase, in: sample)
        let rows = dialogueRows
        let target = forward ? lines.firstIndex { $0 >= state.scroll }
                             : lines.lastIndex { $0 < state.scroll + rows }
        guard let k = target else { return nil }
        state.searchMatch = k
        // Scroll only when the match is not already in view.
        if lines[k] < state.scroll || lines[k] >= state.scroll + rows { state.scroll = clampedDialogueScroll(lines[k] - 2) }
        state.message = .info(.foundInView(phrase: phrase, index: index, number: k + 1, of: lines.count))
        return .redraw
    }

    /// Scrolls the dialogue so the last match is on screen (searching backward).
    func scrollToLastMatch() {
        guard let phrase = state.searchPhrase, let index = state.currentIndex,
              case .success(let sample) = decodedSample(at: index) else { return }
        let layout = cache.layout(for: sample, width: dialogueWidth)
        let lines = layout.matchLines(of: phrase, in: sample)
        if let line = lines.last {
            state.scroll = clampedDialogueScroll(line - 2)
            state.searchMatch = lines.count - 1
        }
    }

    /// Scrolls the dialogue so the first match is on screen.
    func scrollToFirstMatch() {
        guard let phrase = state.searchPhrase, let index = state.currentIndex,
              case .success(let sample) = decodedSample(at: index) else { return }
        let layout = cache.layout(for: sample, width: dialogueWidth)
        if let line = layout.firstLine(containing: phrase, in: sample) {
            state.scroll = clampedDialogueScroll(line - 2)
            state.searchMatch = 0
        }
    }
}
