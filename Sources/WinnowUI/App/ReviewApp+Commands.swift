import Foundation
import WinnowCore

extension ReviewApp {
    /// Runs one command by name in the current mode and says what the loop must do.
    @discardableResult
    public func perform(_ command: String) -> Effect {
        // Commands that mean the same in every mode (bound in `global`).
        if command == "suspend" { return .suspend }
        if command == "redraw" { return .redraw }
        switch state.mode {
        case .prompt(let p): return performPrompt(command, p)
        case .reasonPicker(let picker): return performPicker(command, picker)
        case .help(let scroll): return performHelp(command, scroll)
        case .editing: return performEditing(command)
        case .reading: return performReview(command)
        }
    }

    func performReview(_ command: String) -> Effect {
        switch command {
        case "accept": return decide(.accept)
        case "skip": return decide(.skip)
        case "reject":
            guard let index = state.currentIndex else { return noSample() }
            state.mode = .reasonPicker(ReasonPicker(reasons: options.reasons, sampleIndex: index))
        case "undo": return undo()
        case "edit":
            guard let index = state.currentIndex else { return noSample() }
            if let editHook { return editHook(self, index) }
            return beginEditing(index)
        case "edit-external": return beginExternalFromReading()
        case "toggle-diff": return toggleDiff()
        case "note": openPrompt(.note)
        case "flag": openPrompt(.flag, initial: "check")
        case "toggle-auto-advance":
            state.autoAdvance.toggle()
            state.message = AppMessage(state.autoAdvance ? "after a decision: next undecided" : "after a decision: stay")
        case "next": move(to: state.position + 1)
        case "prev": move(to: state.position - 1)
        case "next-undecided": moveToUndecided(forward: true)
        case "prev-undecided": moveToUndecided(forward: false)
        case "first": move(to: 0)
        case "last": move(to: state.visible.count - 1)
        case "goto": openPrompt(.goTo)
        case "goto-id": openPrompt(.goToID)
        case "scroll-down": state.scroll += 1
        case "scroll-up": state.scroll = max(0, state.scroll - 1)
        case "page-down": state.scroll += max(1, state.dialogueRows - 1)
        case "page-up": state.scroll = max(0, state.scroll - max(1, state.dialogueRows - 1))
        case "scroll-top": state.scroll = 0
        case "scroll-bottom": state.scroll = Int.max / 2
        case "search-forward": openPrompt(.search(forward: true))
        case "search-backward": openPrompt(.search(forward: false))
        case "search-next": return repeatSearch(reverse: false)
        case "search-prev": return repeatSearch(reverse: true)
        case "clear-search":
            // Bound to Esc, pressed by reflex: with no search it stays silent (the key
            // already cleared the message row).
            if state.searchPhrase != nil {
                state.searchPhrase = nil
                state.searchMatch = nil
                state.message = AppMessage("search cleared")
            }
        case "filter-status":
            var f = state.filter
            f.status = ReviewFilter.nextStatus(after: f.status)
            applyFilter(f)
        case "filter-type":
            var f = state.filter
            f.taskType = ReviewFilter.nextType(after: f.taskType)
            applyFilter(f)
        case "filter-lints":
            var f = state.filter
            f.hasLints.toggle()
            applyFilter(f)
        case "filter-clear": applyFilter(ReviewFilter())
        case "toggle-metadata":
            // Narrow screens cycle compact -> expanded -> hidden; wide ones show or hide.
            let stacked = state.width < ReviewLayout.sideBySideWidth
            if !state.showMetadata {
                state.showMetadata = true
                state.expandMetadata = false
            } else if stacked && !state.expandMetadata {
                state.expandMetadata = true
            } else {
                state.showMetadata = false
                state.expandMetadata = false
            }
            let key = keymap.hint(for: "toggle-metadata", in: .review) ?? "M"
            state.message = AppMessage(!state.showMetadata ? "metadata hidden (\(key) shows it)"
                                       : state.expandMetadata ? "metadata expanded" : "metadata shown")
        case "toggle-image":
            state.showImage.toggle()
            let show = keymap.hint(for: "show-image", in: .review).map { " (\($0): full screen)" } ?? ""
            if imageProvider == nil {
                state.message = AppMessage("no image previews in this build")
            } else if !state.showImage {
                state.message = AppMessage("image pane hidden")
            } else if state.width < ReviewLayout.imagePaneWidth {
                state.message = AppMessage("image pane on: it needs \(ReviewLayout.imagePaneWidth) columns\(show)")
            } else {
                state.message = AppMessage("image pane on")
            }
        case "open-image", "show-image": return imageCommand(command)
        case "next-image": return nextImage()
        case "help": state.mode = .help(scroll: 0)
        case "redraw": return .redraw
        case "suspend": return .suspend
        case "quit": return .quit
        default:
            state.message = AppMessage("'\(command)' does nothing while reading", isError: true)
        }
        return .redraw
    }

    func performPrompt(_ command: String, _ prompt: PromptState) -> Effect {
        var p = prompt
        switch command {
        case "prompt-submit":
            state.mode = .reading
            let text = p.input.text
            if !text.isEmpty {
                let key = historyKey(p.purpose)
                state.promptHistory[key, default: []].removeAll { $0 == text }
                state.promptHistory[key, default: []].append(text)
            }
            return submitPrompt(p.purpose, text)
        case "prompt-cancel":
            if case .rejectNote(let picker) = p.purpose {
                state.mode = .reasonPicker(picker)
            } else {
                state.mode = .reading
            }
            return .redraw
        case "cursor-left": p.input.moveLeft()
        case "cursor-right": p.input.moveRight()
        case "cursor-home": p.input.moveHome()
        case "cursor-end": p.input.moveEnd()
        case "delete-back": p.input.deleteBack()
        case "delete-forward": p.input.deleteForward()
        case "delete-word-back": p.input.deleteWordBack()
        case "delete-to-start": p.input.deleteToStart()
        case "history-prev", "history-next":
            let history = state.promptHistory[historyKey(p.purpose)] ?? []
            guard !history.isEmpty else { break }
            var i = p.historyIndex ?? history.count
            i += command == "history-prev" ? -1 : 1
            if i < 0 { i = 0 }
            if i >= history.count {
                p.historyIndex = nil
                p.input.set("")
            } else {
                p.historyIndex = i
                p.input.set(history[i])
            }
        case "redraw": return .redraw
        default: return .none
        }
        state.mode = .prompt(p)
        return .redraw
    }

    func performPicker(_ command: String, _ picker: ReasonPicker) -> Effect {
        var pk = picker
        switch command {
        case "picker-up": pk.selected = (pk.selected - 1 + pk.reasons.count) % max(1, pk.reasons.count)
        case "picker-down": pk.selected = (pk.selected + 1) % max(1, pk.reasons.count)
        case "picker-toggle":
            if pk.ticked.contains(pk.selected) { pk.ticked.remove(pk.selected) } else { pk.ticked.insert(pk.selected) }
        case "picker-note":
            state.mode = .prompt(PromptState(purpose: .rejectNote(pk), input: LineInput(pk.note ?? "")))
            return .redraw
        case "picker-submit":
            state.mode = .reading
            let reasons = pk.chosen
            guard !reasons.isEmpty else {
                state.message = AppMessage("no reason chosen", isError: true)
                return .redraw
            }
            return decide(.reject(reasons: reasons, note: pk.note), at: pk.sampleIndex)
        case "prompt-cancel", "help-close":
            state.mode = .reading
            state.message = AppMessage("reject cancelled")
            return .redraw
        case "redraw": return .redraw
        default: return .none
        }
        state.mode = .reasonPicker(pk)
        return .redraw
    }

    func performHelp(_ command: String, _ scroll: Int) -> Effect {
        let page = max(1, state.height - 4)
        switch command {
        case "help-close", "prompt-cancel", "help", "quit": state.mode = .reading
        case "scroll-down": state.mode = .help(scroll: scroll + 1)
        case "scroll-up": state.mode = .help(scroll: max(0, scroll - 1))
        case "page-down": state.mode = .help(scroll: scroll + page)
        case "page-up": state.mode = .help(scroll: max(0, scroll - page))
        case "scroll-top": state.mode = .help(scroll: 0)
        case "scroll-bottom": state.mode = .help(scroll: Int.max / 2)
        case "redraw": return .redraw
        default: return .none
        }
        return .redraw
    }

    func performEditing(_ command: String) -> Effect {
        if case .editing(let editing) = state.mode, editing.session != nil {
            return performEditorCommand(command)
        }
        switch command {
        case "editor-cancel", "prompt-cancel", "editor-save":
            state.mode = .reading
            return .redraw
        case "redraw": return .redraw
        default: return .none
        }
    }

    func openPrompt(_ purpose: PromptPurpose, initial: String = "") {
        state.mode = .prompt(PromptState(purpose: purpose, input: LineInput(initial)))
    }

    func historyKey(_ purpose: PromptPurpose) -> String {
        switch purpose {
        case .goTo, .goToID: return "goto"
        case .search: return "search"
        case .note, .rejectNote: return "note"
        case .flag: return "flag"
        }
    }

    func submitPrompt(_ purpose: PromptPurpose, _ text: String) -> Effect {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch purpose {
        case .goTo:
            // "#603" and "603" are dataset indices (as the header and `winnow search` print
            // them); anything else is an id (`goto-id` takes numeric ids).
            let number = trimmed.hasPrefix("#") ? String(trimmed.dropFirst()) : trimmed
            guard let n = Int(number) else { return goToID(trimmed) }
            return goToIndex(n)
        case .goToID: return goToID(trimmed)
        case .search(let forward):
            guard !text.isEmpty else {
                return repeatSearch(reverse: forward != state.searchForward)
            }
            state.searchPhrase = text
            state.searchForward = forward
            state.searchMatch = nil
            // Like less: a new search starts at the page in view, so a match in the sample
            // being read (below the top line; above the bottom one backward) comes first.
            if let effect = jumpToMatchInView(forward: forward) { return effect }
            return runSearch(forward: forward, includeCurrent: false)
        case .note:
            guard !trimmed.isEmpty else { return .redraw }
            return decide(.note(text: text, flag: nil))
        case .flag:
            guard !trimmed.isEmpty else { return .redraw }
            return decide(.note(text: nil, flag: trimmed))
        case .rejectNote(var picker):
            picker.note = trimmed.isEmpty ? nil : text
            state.mode = .reasonPicker(picker)
            return .redraw
        }
    }

    func noSample() -> Effect {
        state.message = AppMessage("no sample here (filter: \(state.filter.summary))", isError: true)
        return .redraw
    }
}
