/// One undoable change: at UTF-8 offset `at`, `removed` was replaced by `inserted`.
struct EditRecord: Sendable, Equatable {
    var at: Int
    var removed: String
    var inserted: String
    var cursorBefore: Int
    var cursorAfter: Int
    var kind: EditKind
}

/// The editor's undo and redo stacks.
///
/// Coalescing policy: a run of typed characters is one step, like a word in most editors:
/// it breaks when the cursor moved, when typing resumes after whitespace (so each word is
/// its own step) and at a line break. Runs of backspace or of delete coalesce likewise.
/// A paste is always a step of its own.
struct EditorHistory: Sendable, Equatable {
    static let limit = 1_000
    private(set) var undoStack: [EditRecord] = []
    private(set) var redoStack: [EditRecord] = []
    /// Set by cursor moves and undo/redo so the next edit starts a new step.
    private var sealed = false

    mutating func seal() { sealed = true }

    mutating func record(_ new: EditRecord) {
        redoStack.removeAll()
        defer { sealed = false }
        if !sealed, let last = undoStack.last, last.kind == new.kind {
            switch new.kind {
            case .typing:
                let contiguous = last.at + last.inserted.utf8.count == new.at && new.removed.isEmpty
                let breaksWord = new.inserted.contains("\n") || new.inserted.contains("\r\n")
                    || (last.inserted.last?.isWhitespace == true
                        && new.inserted.first?.isWhitespace == false)
                if contiguous && !breaksWord {
                    undoStack[undoStack.count - 1].inserted += new.inserted
                    undoStack[undoStack.count - 1].cursorAfter = new.cursorAfter
                    return
                }
            case .deleteBackward:
                if new.at + new.removed.utf8.count == last.at {
                    undoStack[undoStack.count - 1].at = new.at
                    undoStack[undoStack.count - 1].removed = new.removed + last.removed
                    undoStack[undoStack.count - 1].cursorAfter = new.cursorAfter
                    return
                }
            case .deleteForward:
                if new.at == last.at {
                    undoStack[undoStack.count - 1].removed += new.removed
                    undoStack[undoStack.count - 1].cursorAfter = new.cursorAfter
                    return
                }
            case .paste, .other:
                break
            }
        }
        undoStack.append(new)
        if undoStack.count > EditorHistory.limit { undoStack.removeFirst(undoStack.count - EditorHistory.limit) }
    }

    mutating func popUndo() -> EditRecord? {
        guard let record = undoStack.popLast() else { return nil }
        redoStack.append(record)
        sealed = true
        return record
    }

    mutating func popRedo() -> EditRecord? {
        guard let record = redoStack.popLast() else { return nil }
        undoStack.append(record)
        sealed = true
        return record
    }
}
