import WinnowCore

/// A line for the message row, as a typed value: what happened, not its wording. The text
/// is built in one place (`text`), and no control flow ever reads it.
public enum AppMessage: Sendable, Equatable {
    /// A confirmation or a note.
    case info(Info)
    /// A journal append returned: the entry is durable.
    case saved(Saved, then: Info? = nil)
    /// A journal append failed: nothing was recorded.
    case notSaved(NotSaved)
    /// Something could not be done.
    case error(Problem)

    /// Notes and confirmations.
    public enum Info: Sendable, Equatable {
        case autoAdvance(Bool)
        case searchCleared
        case rejectCancelled, rejectWithoutReason
        case metadataHidden(key: String), metadataExpanded, metadataShown
        case noImagePreviews, imagePaneHidden
        case imageView(ImageViewNote)
        case firstSample, lastSample
        case wrappedAround, onlyUndecided, everyDecided(decided: Int, total: Int)
        case filterClearedToShow(SampleRef)
        case filterCleared(total: Int)
        case filterDone(summary: String, kept: Int, total: Int)
        case filtering(summary: String, kept: Int, percent: Int)
        case noSearchYet(key: String)
        case found(phrase: String, index: Int, wrapped: Bool)
        case match(number: Int, of: Int, index: Int)
        case foundInView(phrase: String, index: Int, number: Int, of: Int)
        case resumed(decided: Int, total: Int)
        case pasteIgnored
        case notBound(key: String, helpKey: String)
        case notBoundInHelp(key: String, closeKey: String)
        /// A key sequence (`z x`) that no binding has.
        case sequenceNotBound(String)
        case onlyOneImage
        case image(number: Int, of: Int, reference: String, problem: String?)
        case diff(DiffView.Mode?, noEditHere: Bool)
        case editorChangedNothing
        case nothingToUndo
        case ocr(OCRNote)
        case adjudication(AdjudicationNote)
        // A reviewer's day (issue 14)
        case batchChoose(what: String, keys: String)
        case batchConfirm(action: String, what: String)
        case batchCancelled
        case marked(index: Int, on: Bool, count: Int)
        case finding(number: Int, of: Int, index: Int, kind: String, message: String)
        case noMoreFindings(forward: Bool)
        case flagged(index: Int, flags: [String])
        case noMoreFlagged(forward: Bool)
        case alreadyUndecided(index: Int)
    }

    /// What was saved.
    public enum Saved: Sendable, Equatable {
        case decision(Decision, index: Int)
        case undid(Decision, index: Int)
        case edit(index: Int)
        /// A ruling on the adjudication screen (`picked`: the reviewer whose side it took).
        case ruling(Decision, index: Int, picked: String?)
        /// A batch: `count` samples saved out of `total`.
        case batch(Decision, count: Int, total: Int)
        case undidBatch(count: Int)
    }

    /// What was not saved, and why.
    public enum NotSaved: Sendable, Equatable {
        case decision(reason: String)
        case undo(reason: String)
        case batch(reason: String, saved: Int, total: Int)
    }

    /// Errors.
    public enum Problem: Sendable, Equatable {
        case notHere(Command)
        case noSample(filter: String)
        case readOnly, readOnlyDecisions, readOnlyEdits, readOnlyUndo
        case graphicsOff(openKey: String?)
        case noImage, imageNotFound(path: String), imageRefused(reference: String, why: String), noImageSupport, cannotShowImage(reason: String)
        case unreadableForEdit, noTurnsToEdit
        /// `DecisionCheck` refused the decision (e.g. accepting a sample that cannot be read).
        case decisionRefused(String)
        case editor(String)
        case noMatchingSamples(filter: String)
        case noSuchIndex(Int, last: Int)
        case noSuchID(String)
        case notInReview(SampleRef, base: String)
        case notFound(phrase: String, filter: String?)
        case keymap(first: String, more: Int)
        case file(first: String, more: Int)
        case journal(String)
        case programExited(name: String, status: Int32)
        case badFilter(String)
        case batchNeedsSamples(markKey: String)
        case noSuchPosition(Int, count: Int)
        /// The command line named no command.
        case unknownCommand(String)
        /// The command line named the start of several commands.
        case ambiguousCommand(String, candidates: [String])
        case ocr(OCRNote)
    }

    /// A sample named by index or by id.
    public enum SampleRef: Sendable, Equatable {
        case index(Int)
        case id(String)
    }

    /// Drawn in the error style.
    public var isError: Bool {
        switch self {
        case .info, .saved: return false
        case .notSaved, .error: return true
        }
    }
}
