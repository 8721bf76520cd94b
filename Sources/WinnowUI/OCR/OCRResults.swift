import WinnowCore

/// The text of the images the review screen has asked about, as the provider's events
/// reported it, and the quote checks made from it. A class beside `SampleCache`: rendering
/// records what it asked for here and never changes `AppState`.
final class OCRResults {
    private(set) var statuses: [String: OCRImageStatus] = [:]
    /// Bumped whenever a status changes, so quote checks made from older lines are dropped.
    private(set) var generation = 0
    private var checks: [CheckKey: OCRQuoteCheck] = [:]

    private struct CheckKey: Hashable {
        var path: String
        var turns: [String]
    }

    /// The status of `path`, if it was asked about.
    func status(_ path: String) -> OCRImageStatus? { statuses[path] }

    /// Asks the provider about `path` unless it already knows (or is already reading it); a
    /// path known only as not cached is asked again once recognition is wanted.
    func ensure(_ path: String, read: Bool, provider: any OCRProvider) {
        let needed: Bool
        switch statuses[path] {
        case nil: needed = true
        case .asked(let asked)?: needed = read && !asked
        case .notCached?: needed = read
        case .reading?, .done?, .unavailable?: needed = false
        }
        guard needed else { return }
        statuses[path] = .asked(read: read)
        provider.request(path: path, read: read)
    }

    /// Applies one event; returns whether anything changed.
    @discardableResult
    func apply(_ event: OCREvent) -> Bool {
        let new: OCRImageStatus
        switch event {
        case .reading: new = .reading
        case .notCached: new = .notCached
        case .unavailable(_, let reason): new = .unavailable(reason)
        case .finished(_, var page):
            page.lines = OCRReadingOrder.sorted(page.lines)
            new = .done(page)
        }
        guard statuses[event.path] != new else { return false }
        statuses[event.path] = new
        generation += 1
        checks.removeAll()
        return true
    }

    /// The sample's quotes checked against the lines of `path` (cached per text).
    func check(turns: [Turn], path: String) -> OCRQuoteCheck? {
        guard let page = statuses[path]?.page, page.error == nil else { return nil }
        let key = CheckKey(path: path, turns: turns.map(\.text))
        if let hit = checks[key] { return hit }
        let made = OCRQuoteCheck.make(turns: turns, lines: page.lines)
        // The samples near the screen (the current one, the one being edited, those just
        // paged past); each holds a few matches.
        if checks.count >= 64 { checks.removeAll() }
        checks[key] = made
        return made
    }
}
