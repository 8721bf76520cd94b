/// Each sample's review after a replay, kept as a list (in the order the replay folded the
/// samples) until something asks for a review by sample index: a dictionary is then built once
/// and kept.
///
/// A replay of a million-entry journal spent a third of its time inserting reviews into a
/// dictionary that the agreement figures only ever walk through.
final class ReviewList: @unchecked Sendable {
    private let items: [(index: Int, review: SampleReview)]
    private let mutex = Mutex()
    private var built: [Int: SampleReview]?

    /// Reviews of distinct samples.
    init(_ items: [(index: Int, review: SampleReview)]) { self.items = items }

    /// Reviews already held by sample index.
    init(dictionary: [Int: SampleReview]) {
        items = []
        built = dictionary
    }

    /// How many samples have a review.
    var count: Int { mutex.withLock { built?.count ?? items.count } }

    /// The reviews by sample index (built on first use).
    var dictionary: [Int: SampleReview] {
        mutex.withLock {
            if let built { return built }
            var d: [Int: SampleReview] = [:]
            d.reserveCapacity(items.count)
            for (index, review) in items { d[index] = review }
            built = d
            return d
        }
    }

    /// Calls `body` with every sample index and its review, in no particular order, without
    /// building the dictionary.
    func forEach(_ body: (Int, SampleReview) -> Void) {
        if items.isEmpty {
            for (index, review) in dictionary { body(index, review) }
            return
        }
        items.withUnsafeBufferPointer { list in
            for k in list.indices { body(list[k].index, list[k].review) }
        }
    }
}
