import WinnowCore

extension EditorSession {
    /// Handles an input event in editing mode. `command` is what the keymap's `editor`
    /// context bound the key to, if anything; an unbound printable key types itself, and a
    /// bracketed paste is inserted literally (never looked up in the keymap).
    public mutating func handle(_ event: InputEvent, command: EditorCommand?) -> EditorOutcome {
        switch event {
        case .paste(let text):
            return paste(text)
        case .resize:
            return .redraw
        case .key(let key):
            if let command { return perform(command) }
            if pending != nil {
                if case .character(let c) = key.base, !key.control, !key.alt { return type(String(c)) }
                return answer(false)
            }
            switch key.base {
            case .character(let c) where !key.control && !key.alt:
                return type(String(c))
            case .named(.enter) where !key.control && !key.alt:
                return perform(.insertNewline)
            case .named(.tab) where !key.control && !key.alt:
                return perform(.insertTab)
            default:
                message = "\(KeyName.format(key)) is not bound in the editor"
                return .redraw
            }
        }
    }

    /// Starts the external editor on the current draft of the turn being edited.
    public mutating func beginExternal(environment: [String: String],
                                       files: any ScratchFiles) -> (ExternalEdit, Effect)? {
        do {
            let (edit, program) = try ExternalEdit.begin(text: editor.text, sampleIndex: sampleIndex,
                                                         turnIndex: turnIndex, environment: environment, files: files)
            return (edit, .runExternal(program))
        } catch {
            message = error.description
            return nil
        }
    }

    /// The external editor ended: a changed text replaces the draft and is journalled at
    /// once (`.save`); an unchanged one or a failure only leaves a message.
    public mutating func finishExternal(_ edit: ExternalEdit, exitStatus: Int32,
                                        files: any ScratchFiles) -> EditorOutcome {
        let result: String?
        do {
            result = try edit.finish(exitStatus: exitStatus, files: files)
        } catch {
            message = error.description
            return .redraw
        }
        guard let text = result, edit.sampleIndex == sampleIndex, edit.turnIndex < turns.count else {
            message = "No change"
            return .unchanged
        }
        if edit.turnIndex != turnIndex { _ = perform(edit.turnIndex > turnIndex ? .nextTurn : .previousTurn) }
        replaceCurrentText(with: text)
        return .save(.turns([edit.turnIndex: text]))
    }
}
