import Foundation
import WinnowCore

extension ReviewApp {
    func openPrompt(_ purpose: PromptPurpose, initial: String = "") -> Effect {
        state.mode = .prompt(PromptState(purpose: purpose, input: LineInput(initial)))
        return .redraw
    }

    func historyKey(_ purpose: PromptPurpose) -> String {
        switch purpose {
        case .goTo, .goToID: return "goto"
        case .search: return "search"
        case .note, .rejectNote: return "note"
        case .flag: return "flag"
        case .command: return "command"
        }
    }

    /// `history-prev` / `history-next`: steps through past answers of this kind of prompt.
    func browseHistory(_ p: inout PromptState, back: Bool) -> Effect? {
        let history = state.promptHistory[historyKey(p.purpose)] ?? []
        guard !history.isEmpty else { return nil }
        var i = p.historyIndex ?? history.count
        i += back ? -1 : 1
        if i < 0 { i = 0 }
        if i >= history.count {
            p.historyIndex = nil
            p.input.set("")
        } else {
            p.historyIndex = i
            p.input.set(history[i])
        }
        return nil
    }

    /// `prompt-submit`: records the answer in the history and acts on it.
    func submit(_ p: inout PromptState) -> Effect {
        state.mode = .reading
        let text = p.input.text
        if !text.isEmpty {
            let key = historyKey(p.purpose)
            state.promptHistory[key, default: []].removeAll { $0 == text }
            state.promptHistory[key, default: []].append(text)
        }
        return submitPrompt(p.purpose, text)
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
        case .command:
            return runCommandLine(trimmed)
        }
    }

    func noSample() -> Effect {
        state.message = .error(.noSample(filter: state.filter.summary))
        return .redraw
    }
}
