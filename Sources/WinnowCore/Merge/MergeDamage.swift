import Dispatch

/// What in a dataset would make a merged file unloadable or wrong: file-level problems (a
/// trailing comma, data after `]`, a truncated tail, a line that is not an object, a BOM) and
/// unreadable samples among those the merge would write. Rejected (and dropped) samples are
/// not checked: leaving them out is their fate anyway.
struct MergeDamage {
    /// Messages in the form `validate` prints: file:line:column, byte offset, sample index.
    var messages: [String] = []
    /// Samples to leave out (unreadable, or readable with a part that could not be read).
    var samples: [Int: String] = [:]

    var isEmpty: Bool { messages.isEmpty }

    init(dataset: Dataset, plan: MergePlan, options: MergeOptions) {
        messages = dataset.problems.map(\.description)
        for i in MergeDamage.notPlain(in: dataset) where MergeDamage.willWrite(plan.reviews[i] ?? .undecided, options) {
            switch dataset.sample(at: i) {
            case .failure(let bad):
                samples[i] = bad.description
                messages.append(bad.description)
            case .success(let sample) where !sample.damage.isEmpty:
                let where_ = sample.damage[0].location ?? dataset.location(ofByte: dataset.byteRange(at: i).lowerBound)
                let text = "\(dataset.path):\(where_.line):\(where_.column): sample \(i) (byte \(where_.byteOffset)): "
                    + sample.damage.map(\.message).joined(separator: "; ")
                samples[i] = text
                messages.append(text)
            case .success:
                break
            }
        }
    }

    /// The samples without the plain, readable shape, in order. Most samples have it and are
    /// checked without being decoded; the check reads every byte of the file, so it runs on
    /// every core (a merge is otherwise one sequential pass).
    static func notPlain(in dataset: Dataset) -> [Int] {
        let count = dataset.count
        let chunks = max(1, min(256, count / 2048))
        let found = Mutex()
        nonisolated(unsafe) var perChunk = [[Int]](repeating: [], count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            var local: [Int] = []
            for i in (c * count / chunks)..<((c + 1) * count / chunks) where !dataset.isPlainAndReadable(at: i) {
                local.append(i)
            }
            found.withLock { perChunk[c] = local }
        }
        return perChunk.flatMap { $0 }
    }

    /// Whether a sample with `review` goes into the output.
    static func willWrite(_ review: SampleReview, _ options: MergeOptions) -> Bool {
        switch review.status {
        case .rejected: return false
        case .accepted, .edited: return true
        case .undecided, .skipped: return review.edit != nil || options.unreviewed == .keep
        }
    }
}
