import WinnowCore

extension ReviewApp {
    /// Scrolls the dialogue (reading) or the help by `lines`, within what there is.
    func scroll(by lines: Int) -> Effect? {
        switch state.mode {
        case .reading:
            state.scroll = clampedDialogueScroll(state.scroll + lines)
            return .redraw
        case .help(let top):
            state.mode = .help(scroll: clampedHelpScroll(top + lines))
            return .redraw
        case .prompt, .reasonPicker, .editing:
            return nil
        }
    }

    /// Scrolls by whole pages (a page keeps one line of context).
    func scroll(pages: Int) -> Effect? {
        switch state.mode {
        case .reading: return scroll(by: pages * max(1, dialogueRows - 1))
        case .help: return scroll(by: pages * helpPage)
        case .prompt, .reasonPicker, .editing: return nil
        }
    }

    /// Scrolls to a line (clamped: `Int.max / 2` is the bottom).
    func scroll(to line: Int) -> Effect? {
        switch state.mode {
        case .reading:
            state.scroll = clampedDialogueScroll(line)
            return .redraw
        case .help:
            state.mode = .help(scroll: clampedHelpScroll(line))
            return .redraw
        case .prompt, .reasonPicker, .editing:
            return nil
        }
    }

    /// Help lines on one page.
    var helpPage: Int { max(1, state.height - 5) }

    func clampedHelpScroll(_ line: Int) -> Int {
        min(max(0, line), max(0, visibleHelpLines().count - helpPage))
    }

    /// A dialogue scroll position within the current sample's lines (the diff view of an
    /// edited sample scrolls freely: its length is known only when drawn).
    func clampedDialogueScroll(_ line: Int) -> Int {
        if state.diffMode != nil, let index = state.currentIndex, journal?.review(at: index).edit != nil {
            return max(0, min(line, 100_000))
        }
        guard let (_, layout) = currentDialogue() else { return max(0, line) }
        let rows = dialogueRows
        // Wrap only as far as the new position needs: until then nothing can be clamped.
        layout.ensure(through: max(0, line) + rows)
        return min(max(0, line), max(0, layout.wrapped.count - rows))
    }

    /// `toggle-metadata`: narrow screens cycle compact -> expanded -> hidden; wide ones
    /// show or hide.
    func toggleMetadata() -> Effect {
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
        if !state.showMetadata {
            state.message = .info(.metadataHidden(key: keymap.hint(for: .toggleMetadata, in: .review) ?? "M"))
        } else {
            state.message = .info(state.expandMetadata ? .metadataExpanded : .metadataShown)
        }
        state.scroll = clampedDialogueScroll(state.scroll)
        return .redraw
    }

    /// `toggle-image`: hides the image pane when it is on screen, else shows it: beside the
    /// dialogue from `ReviewLayout.imagePaneWidth` columns, above it on narrower terminals.
    func toggleImage() -> Effect {
        guard imageProvider != nil else {
            state.showImage.toggle()
            state.message = .info(.noImagePreviews)
            return .redraw
        }
        let narrow = state.width < ReviewLayout.imagePaneWidth
        // On (whether or not this sample has a file to show): off.
        if screenLayout()?.image != nil || (state.showImage && (!narrow || state.imageView.atAnyWidth)) {
            state.showImage = false
            state.message = .info(.imagePaneHidden)
            return .redraw
        }
        state.showImage = true
        if narrow { state.imageView.atAnyWidth = true }
        state.message = .info(.imageView(.paneShown(stacked: narrow)))
        return .redraw
    }
}
