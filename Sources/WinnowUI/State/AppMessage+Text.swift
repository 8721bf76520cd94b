import WinnowCore

extension AppMessage {
    /// The wording of every message (drawn sanitised).
    public var text: String {
        switch self {
        case .info(let info): return info.text
        case .saved(let saved, let then):
            let base = saved.text
            return then.map { "\(base) — \($0.text)" } ?? base
        case .notSaved(.decision(let reason)): return "NOT saved: \(reason)"
        case .notSaved(.undo(let reason)): return "NOT saved (undo): \(reason)"
        case .notSaved(.batch(let reason, let saved, let total)):
            return saved == 0 ? "NOT saved (batch of \(total)): \(reason)"
                              : "saved \(saved) of \(total); NOT saved the other \(total - saved): \(reason)"
        case .error(let problem): return problem.text
        }
    }
}

extension AppMessage.Info {
    var text: String {
        switch self {
        case .autoAdvance(let on): return on ? "after a decision: next undecided" : "after a decision: stay"
        case .searchCleared: return "search cleared"
        case .rejectCancelled: return "reject cancelled"
        case .rejectWithoutReason: return "no reason — reject anyway? y/n"
        case .metadataHidden(let key): return "metadata hidden (\(key) shows it)"
        case .metadataExpanded: return "metadata expanded"
        case .metadataShown: return "metadata shown"
        case .noImagePreviews: return "no image previews in this build"
        case .imagePaneHidden: return "image pane hidden"
        case .imageView(let note): return note.text
        case .firstSample: return "first sample"
        case .lastSample: return "last sample"
        case .wrappedAround: return "wrapped around"
        case .onlyUndecided: return "this is the only undecided sample"
        case .everyDecided(let decided, let total): return "every sample here is decided (\(decided) / \(total))"
        case .filterClearedToShow(let ref): return "filter cleared to show \(ref.text)"
        case .filterCleared(let total): return "filter cleared — \(total) samples"
        case .filterDone(let summary, let kept, let total): return "filter: \(summary) — \(kept) of \(total)"
        case .filtering(let summary, let kept, let percent): return "filtering: \(summary) — \(kept) so far (\(percent)%)"
        case .noSearchYet(let key): return "no search yet (\(key) to search)"
        case .found(let phrase, let index, let wrapped):
            return "\(wrapped ? "search wrapped: " : "")found \"\(DisplayText.sanitized(phrase))\" in #\(index)"
        case .match(let number, let count, let index): return "match \(number) of \(count) in #\(index)"
        case .foundInView(let phrase, let index, let number, let count):
            return "found \"\(DisplayText.sanitized(phrase))\" in this sample (#\(index)): match \(number) of \(count)"
        case .resumed(let decided, let total): return "resumed: \(decided) of \(total) decided"
        case .pasteIgnored: return "paste ignored here (paste into a prompt or the editor)"
        case .notBound(let key, let helpKey): return "\(key) is not bound here (\(helpKey) for help)"
        case .notBoundInHelp(let key, let closeKey): return "\(key) is not bound in the help (\(closeKey) closes it)"
        case .sequenceNotBound(let keys): return "\(keys) is not bound"
        case .onlyOneImage: return "this sample has only one image"
        case .image(let number, let count, let reference, let problem):
            return "image \(number)/\(count): \(reference)\(problem.map { " (\($0 == "missing" ? "MISSING" : $0))" } ?? "")"
        case .diff(let mode, let noEdit):
            let label: String
            switch mode {
            case nil: label = "diff: off"
            case .inline?: label = "diff: inline"
            case .sideBySide?: label = "diff: side by side"
            }
            // The mode sticks while paging; say why nothing changed on a sample without an edit.
            return noEdit && mode != nil ? label + " (shown on edited samples; this one has no edit)" : label
        case .editorChangedNothing: return "the editor changed nothing: nothing saved"
        case .nothingToUndo: return "nothing to undo"
        case .ocr(let note): return note.text
        case .adjudication(let note): return note.text
        case .batchChoose(let what, let keys): return "\(what): \(keys)"
        case .batchConfirm(let action, let what): return "\(action) \(what)? y/n"
        case .batchCancelled: return "batch cancelled: nothing saved"
        case .marked(let index, let on, let count): return "\(on ? "marked" : "unmarked") #\(index) (\(count) marked)"
        case .finding(let number, let count, let index, let kind, let message):
            return "finding \(number)/\(count) in #\(index): \(kind) — \(DisplayText.sanitized(message))"
        case .noMoreFindings(let forward): return "no lint finding \(forward ? "after" : "before") this one in this list"
        case .flagged(let index, let flags): return "flagged #\(index): \(flags.map { DisplayText.sanitized($0) }.joined(separator: ", "))"
        case .noMoreFlagged(let forward): return "no flagged sample \(forward ? "after" : "before") this one in this list"
        case .alreadyUndecided(let index): return "#\(index) is already undecided"
        }
    }
}

extension AppMessage.Saved {
    var text: String {
        switch self {
        case .decision(let decision, let index): return "saved: \(AppMessage.describe(decision)) #\(index)"
        case .undid(let decision, let index): return "saved: undid \(AppMessage.describe(decision)) #\(index)"
        case .edit(let index): return "saved: edit #\(index)"
        case .ruling(let decision, let index, let picked):
            return "saved: ruled \(AppMessage.describe(decision)) #\(index)" + (picked.map { " (picked \(DisplayText.sanitized($0)))" } ?? "")
        case .batch(let decision, let count, let total):
            let n = count == total ? "\(count)" : "\(count) of \(total)"
            return "saved: \(AppMessage.describe(decision)) \(n) sample\(total == 1 ? "" : "s") (u undoes the batch)"
        case .undidBatch(let count): return "saved: undid a batch of \(count)"
        }
    }
}

extension AppMessage.Problem {
    var text: String {
        switch self {
        case .notHere(let command): return "'\(command.name)' does nothing while reading"
        case .noSample(let filter): return "no sample here (filter: \(filter))"
        case .readOnly: return "read-only: nothing is saved"
        case .readOnlyDecisions: return "read-only: decisions are not saved (no journal)"
        case .readOnlyEdits: return "read-only: edits are not saved (no journal)"
        case .readOnlyUndo: return "read-only: nothing to undo"
        case .noImage: return "this sample has no image"
        case .imageNotFound(let path): return "image not found: \(path)"
        case .imageRefused(let reference, let why): return "not opened: \(reference) is \(why)"
        case .graphicsOff(let key):
            return "graphics are off (--graphics none)" + (key.map { "; \($0) opens the image in a viewer" } ?? "")
        case .noImageSupport: return "no image support in this build"
        case .cannotShowImage(let reason): return "cannot show this image: \(reason)"
        case .unreadableForEdit: return "this sample cannot be read, so it cannot be edited (reject it instead)"
        case .decisionRefused(let why): return why
        case .noTurnsToEdit: return "this sample has no turns to edit"
        case .editor(let text): return text
        case .noMatchingSamples(let filter): return "no samples match the filter (\(filter))"
        case .noSuchIndex(let index, let last): return "no sample \(index) (the dataset has 0...\(last))"
        case .noSuchID(let id): return "no sample with id \(DisplayText.sanitized(id))"
        case .notInReview(let ref, let base): return "\(ref.text) is not in this review (\(base))"
        case .notFound(let phrase, let filter):
            return "not found: \"\(DisplayText.sanitized(phrase))\"\(filter.map { " (filter: \($0))" } ?? "")"
        case .keymap(let first, let more):
            return "keymap: \(first)\(more > 0 ? " (+\(more) more; winnow keymap check)" : "")"
        case .file(let first, let more):
            return first + (more > 0 ? " (+\(more) more; winnow validate)" : "")
        case .journal(let first): return "journal: \(first)"
        case .programExited(let name, let status): return "\(name) exited with status \(status)"
        case .badFilter(let why): return why
        case .batchNeedsSamples(let key): return "nothing to act on: mark samples (\(key)) or set a filter first"
        case .noSuchPosition(let p, let count): return "no position \(p) in this list (1...\(count)); #\(p) is dataset index \(p)"
        case .unknownCommand(let text): return "no command \"\(DisplayText.sanitized(text))\" (tab lists commands)"
        case .ambiguousCommand(let text, let candidates):
            return "\"\(DisplayText.sanitized(text))\" could be \(candidates.prefix(4).joined(separator: ", "))\(candidates.count > 4 ? ", …" : "")"
        case .ocr(let note): return note.text
        }
    }
}

extension AppMessage.SampleRef {
    var text: String {
        switch self {
        case .index(let i): return "sample \(i)"
        case .id(let id): return "id \(DisplayText.sanitized(id))"
        }
    }
}

extension AppMessage {
    /// A decision in a few words ("accepted", "rejected (ocr-error)").
    static func describe(_ d: Decision) -> String {
        switch d {
        case .accept: return "accepted"
        case .reject(let reasons, _): return reasons.isEmpty ? "rejected (no reason)" : "rejected (\(reasons.joined(separator: ", ")))"
        case .skip: return "skipped"
        case .edit: return "edited"
        case .undo: return "undo"
        case .reset: return "reset to undecided"
        case .note(let text, let flag):
            if let flag { return "flag \(DisplayText.sanitized(flag))" }
            return text == nil ? "note" : "note added"
        }
    }
}
