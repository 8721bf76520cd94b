import WinnowCore

/// What the app must do after the editing session handled a command.
public enum EditorOutcome: Sendable, Equatable {
    case none
    case redraw
    /// Journal this edit (`Journal.append(.edit(edit, note: nil), index: sampleIndex)`); when
    /// the append returned, call `EditorSession.didSave(_:)` and only then say "saved".
    case save(SampleEdit)
    /// Leave editing mode (nothing unsaved, or the reviewer chose to discard).
    case close
    /// Hand the current turn to the external editor (`ExternalEdit.begin`).
    case external
    /// The external editor returned the text unchanged: nothing to save.
    case unchanged
}

/// A question the session is waiting for the reviewer to answer with y or n.
public enum EditorConfirmation: Sendable, Equatable {
    /// Leave and throw away unsaved changes?
    case discardChanges
    /// Delete the turns in this range (a question and its answer)?
    case deleteTurns(Range<Int>)

    /// The prompt shown on the status line.
    public var prompt: String {
        switch self {
        case .discardChanges: return "Discard unsaved changes? (y/n)"
        case .deleteTurns(let r):
            return r.count == 2 ? "Delete turns \(r.lowerBound + 1)-\(r.upperBound) (question and answer)? (y/n)"
                : "Delete turn \(r.lowerBound + 1)? (y/n)"
        }
    }
}

/// Editing one sample: the turns as journalled so far, an editor per visited turn (so
/// switching turns keeps each turn's draft and undo history), and pending questions.
public struct EditorSession: Sendable, Equatable {
    /// The dataset index of the sample being edited.
    public let sampleIndex: Int
    /// The turns as last saved (dataset text with the journal's edits applied).
    public private(set) var turns: [Turn]
    /// The turn being edited.
    public private(set) var turnIndex: Int
    private var editors: [Int: TextEditor] = [:]
    /// The first visible screen line of the editor.
    public internal(set) var scrollTop = 0
    /// The question waiting for y/n, if any.
    public private(set) var pending: EditorConfirmation?
    /// A one-line message for the status line ("saved", an error).
    public var message: String?
    private var wrapWidth: Int
    private var pageHeight = 20

    /// A session on `turns` starting at `turnIndex`; nil when the sample has no turns.
    public init?(sampleIndex: Int, turns: [Turn], turnIndex: Int = 0, width: Int = 80) {
        guard !turns.isEmpty else { return nil }
        self.sampleIndex = sampleIndex
        self.turns = turns
        self.turnIndex = min(max(0, turnIndex), turns.count - 1)
        self.wrapWidth = max(2, width)
        self.editors[self.turnIndex] = TextEditor(text: turns[self.turnIndex].text, width: self.wrapWidth)
    }

    /// The editor of the current turn.
    public var editor: TextEditor {
        editors[turnIndex] ?? TextEditor(text: turns[turnIndex].text, width: wrapWidth)
    }

    /// The saved text of the current turn.
    public var originalText: String { turns[turnIndex].text }

    /// Turns whose draft differs from the saved text.
    public var changedTurns: [Int: String] {
        var changed: [Int: String] = [:]
        for (i, e) in editors where i < turns.count && e.text != turns[i].text { changed[i] = e.text }
        return changed
    }

    /// Whether anything would be lost by leaving now.
    public var isDirty: Bool { !changedTurns.isEmpty }

    // MARK: - Input

    /// Handles one editor command.
    public mutating func perform(_ command: EditorCommand) -> EditorOutcome {
        if pending != nil { return answer(false) }
        message = nil
        if let movement = command.movement {
            let page = pageHeight
            withEditor { $0.move(movement, pageHeight: page) }
            return .redraw
        }
        switch command {
        case .deleteBackward: withEditor { $0.deleteBackward() }
        case .deleteForward: withEditor { $0.deleteForward() }
        case .deleteWordBackward: withEditor { $0.deleteWordBackward() }
        case .insertNewline: withEditor { $0.type("\n") }
        case .insertTab: withEditor { $0.type("\t") }
        case .undo: if !withEditor({ $0.undo() }) { message = "Nothing to undo" }
        case .redo: if !withEditor({ $0.redo() }) { message = "Nothing to redo" }
        case .nextTurn: switchTurn(to: turnIndex + 1)
        case .previousTurn: switchTurn(to: turnIndex - 1)
        case .save:
            let changed = changedTurns
            guard !changed.isEmpty else {
                message = "No changes to save"
                return .redraw
            }
            return .save(.turns(changed))
        case .cancel:
            if isDirty {
                pending = .discardChanges
                return .redraw
            }
            return .close
        case .deleteTurnPair:
            pending = .deleteTurns(pairRange(of: turnIndex))
            return .redraw
        case .external:
            return .external
        default:
            break
        }
        return .redraw
    }

    /// Types text at the cursor (a printable key).
    public mutating func type(_ text: String) -> EditorOutcome {
        if pending != nil {
            return answer(text == "y" || text == "Y")
        }
        message = nil
        withEditor { $0.type(text) }
        return .redraw
    }

    /// Inserts a bracketed paste literally; while a question is pending it is ignored, so a
    /// paste can never answer it.
    public mutating func paste(_ text: String) -> EditorOutcome {
        guard pending == nil else { return .none }
        message = nil
        withEditor { $0.paste(text) }
        return .redraw
    }

    /// Answers the pending question.
    public mutating func answer(_ yes: Bool) -> EditorOutcome {
        guard let question = pending else { return .none }
        pending = nil
        guard yes else {
            message = "Cancelled"
            return .redraw
        }
        switch question {
        case .discardChanges:
            return .close
        case .deleteTurns(let range):
            var newTurns = turns
            for (i, text) in changedTurns { newTurns[i].text = text }
            guard range.lowerBound >= 0, range.upperBound <= newTurns.count else { return .redraw }
            newTurns.removeSubrange(range)
            return .save(.conversation(newTurns))
        }
    }

    /// Records that `edit` was journalled: it becomes the saved state.
    public mutating func didSave(_ edit: SampleEdit) {
        switch edit {
        case .turns(let texts):
            for (i, text) in texts where i < turns.count { turns[i].text = text }
            message = "Saved"
        case .conversation(let newTurns):
            turns = newTurns
            editors = [:]
            scrollTop = 0
            if turns.isEmpty {
                message = "Saved: no turns left"
                turns = [Turn(role: .human, roleName: "human", text: "")]
            } else {
                message = "Saved: turns deleted"
            }
            turnIndex = min(turnIndex, turns.count - 1)
        }
    }

    /// Replaces the current turn's draft (after the external editor returned).
    public mutating func replaceCurrentText(with text: String) {
        withEditor { $0.replaceAll(with: text) }
    }

    private mutating func switchTurn(to index: Int) {
        guard index >= 0, index < turns.count else {
            message = index < 0 ? "First turn" : "Last turn"
            return
        }
        turnIndex = index
        scrollTop = 0
        if editors[index] == nil {
            editors[index] = TextEditor(text: turns[index].text, width: wrapWidth)
        }
    }

    /// The question/answer pair a turn belongs to: a human turn with the answer after it,
    /// an answer with the question before it, any other turn alone.
    func pairRange(of index: Int) -> Range<Int> {
        let role = turns[index].role
        if role == .human, index + 1 < turns.count, turns[index + 1].role == .gpt {
            return index..<(index + 2)
        }
        if role == .gpt, index > 0, turns[index - 1].role == .human {
            return (index - 1)..<(index + 1)
        }
        return index..<(index + 1)
    }

    mutating func setLayout(wrapWidth width: Int, pageHeight height: Int) {
        pageHeight = max(1, height)
        guard width != wrapWidth || editors[turnIndex]?.wrapWidth != width else { return }
        wrapWidth = width
        for (i, var e) in editors {
            e.setWrapWidth(width)
            editors[i] = e
        }
    }

    @discardableResult
    mutating func withEditor<R>(_ body: (inout TextEditor) -> R) -> R {
        var e = editors[turnIndex] ?? TextEditor(text: turns[turnIndex].text, width: wrapWidth)
        // Take the editor out of the dictionary while editing so its text is not copied.
        editors[turnIndex] = nil
        let result = body(&e)
        editors[turnIndex] = e
        return result
    }
}
