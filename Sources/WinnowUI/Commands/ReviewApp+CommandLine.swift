import WinnowCore

/// The `:` command line, key sequences with their which-key popup, and the help filter.
extension ReviewApp {
    /// `tab` on the command line: completes to the only match or to the matches' common
    /// beginning; pressed again it steps through the matches.
    func completeCommand(_ p: inout PromptState) -> Effect? {
        guard p.purpose == .command else { return nil }
        if let i = p.completionIndex {
            let matches = CommandCompletion.matches(for: p.completionBase ?? "")
            guard !matches.isEmpty else { return .redraw }
            let next = (i + 1) % matches.count
            p.completionIndex = next
            p.input = LineInput(matches[next].name)
            return nil
        }
        let typed = p.input.text
        let matches = CommandCompletion.matches(for: typed)
        guard !matches.isEmpty else {
            state.message = .error(.unknownCommand(typed))
            return nil
        }
        let starting = matches.filter { $0.name.hasPrefix(typed.lowercased()) }
        if matches.count == 1, let only = matches.first {
            p.input = LineInput(only.name)
        } else if starting.count > 1, CommandCompletion.commonPrefix(starting.map(\.name)).count > typed.count {
            p.input = LineInput(CommandCompletion.commonPrefix(starting.map(\.name)))
        } else {
            p.completionBase = typed
            p.completionIndex = 0
            p.input = LineInput(matches[0].name)
        }
        return nil
    }

    /// Enter on the command line: a number (or `#number`) goes to that dataset index, a
    /// name runs its command.
    func runCommandLine(_ text: String) -> Effect {
        guard !text.isEmpty else { return .redraw }
        let number = text.hasPrefix("#") ? String(text.dropFirst()) : text
        if let n = Int(number) { return goToIndex(n) }
        switch CommandCompletion.resolve(text) {
        case .success(let command):
            return perform(command)
        case .failure(let ambiguity):
            state.message = ambiguity.candidates.isEmpty
                ? .error(.unknownCommand(text))
                : .error(.ambiguousCommand(text, candidates: ambiguity.candidates))
            return .redraw
        }
    }

    /// The key after a prefix (or a prefix itself): runs a completed sequence, waits for
    /// more, or says the sequence is not bound. nil: the key is not part of a sequence.
    func handleSequenceKey(_ key: KeyPress) -> Effect? {
        let context = state.mode.keyContext
        guard KeySequence.contexts.contains(context) else { return nil }
        if state.pendingKeys.isEmpty {
            // A key bound on its own in this context is that command, never a prefix.
            guard keymap.bindings[context]?[key] == nil,
                  !keymap.continuations(of: [key], in: context).isEmpty else { return nil }
            state.pendingKeys = [key]
            if case .reading = state.mode { state.message = nil }
            return .redraw
        }
        let typed = state.pendingKeys + [key]
        state.pendingKeys = []
        if let command = keymap.command(for: typed, in: context) { return perform(command) }
        if !keymap.continuations(of: typed, in: context).isEmpty {
            state.pendingKeys = typed
            return .redraw
        }
        // Esc (or the prefix's own cancel) leaves quietly; anything else says what happened.
        if key != .named(.escape) {
            state.message = .info(.sequenceNotBound(typed.map(KeyName.format).joined(separator: " ")))
        }
        return .redraw
    }

    /// A key while the help filter is being typed: the prompt keymap edits the query, enter
    /// keeps the filter and gives the keys back to scrolling, esc drops it.
    func handleHelpFilterKey(_ key: KeyPress) -> Effect? {
        guard case .help = state.mode, var filter = state.helpFilter, filter.typing else { return nil }
        switch keymap.command(for: key, in: .prompt) {
        case .promptSubmit:
            filter.typing = false
            state.helpFilter = filter.query.text.isEmpty ? nil : filter
        case .promptCancel:
            state.helpFilter = nil
        case .deleteBack:
            if filter.query.text.isEmpty { state.helpFilter = nil; break }
            filter.query.deleteBack()
            state.helpFilter = filter
        case .deleteWordBack: filter.query.deleteWordBack(); state.helpFilter = filter
        case .deleteToStart: filter.query.deleteToStart(); state.helpFilter = filter
        case .cursorLeft: filter.query.moveLeft(); state.helpFilter = filter
        case .cursorRight: filter.query.moveRight(); state.helpFilter = filter
        default:
            guard case .character(let c) = key.base, !key.control, !key.alt else { return .redraw }
            filter.query.insert(String(c))
            state.helpFilter = filter
        }
        state.mode = .help(scroll: 0)
        return .redraw
    }
}
