import Glibc

/// Finds samples containing a phrase anywhere in their JSON text (dialogue, ids, image paths,
/// metadata keys and values) by a byte search over the mapped file, never decoding samples.
///
/// Hits are mapped to samples by binary search over the sample byte ranges; a hit that falls
/// between samples or runs past a sample's end does not count. Searches run in chunks so a
/// caller can cancel between them (`isCancelled`).
public struct DatasetSearch: @unchecked Sendable {
    public let dataset: Dataset
    /// Checked between chunks; returning true stops the search (which then reports no hit).
    public var isCancelled: () -> Bool = { false }
    /// Bytes searched per step between cancellation checks.
    static let chunk = 16 << 20

    public init(dataset: Dataset) {
        self.dataset = dataset
    }

    /// The first sample at or after `from` (forward) or at or before it (backward) whose
    /// text contains `phrase`, without wrapping.
    public func find(_ phrase: String, from: Int, forward: Bool) -> Int? {
        let pattern = SearchPattern(phrase: phrase, style: dataset.style)
        let n = dataset.count
        guard !pattern.needles.isEmpty, n > 0 else { return nil }
        if forward {
            guard from < n else { return nil }
            return scanForward(pattern, fromSample: max(0, from), untilSample: n)
        }
        guard from >= 0 else { return nil }
        return scanBackward(pattern, fromSample: min(n - 1, from))
    }

    /// The next match after (before) `index`, wrapping around the end; `index` itself comes
    /// last, so a phrase found only in the current sample is still reported.
    public func next(_ phrase: String, after index: Int, forward: Bool) -> Int? {
        let n = dataset.count
        guard n > 0 else { return nil }
        if forward {
            if let hit = find(phrase, from: index + 1, forward: true) { return hit }
            return find(phrase, from: 0, forward: true).flatMap { $0 <= index ? $0 : nil }
        }
        if let hit = find(phrase, from: index - 1, forward: false) { return hit }
        return find(phrase, from: n - 1, forward: false).flatMap { $0 >= index ? $0 : nil }
    }

    /// Every matching sample, in order.
    public func matches(_ phrase: String) -> [Int] {
        var out: [Int] = []
        var i = 0
        while let hit = find(phrase, from: i, forward: true) {
            out.append(hit)
            i = hit + 1
        }
        return out
    }

    /// The number of matching samples.
    public func count(_ phrase: String) -> Int { matches(phrase).count }

    // MARK: Scanning

    private func scanForward(_ pattern: SearchPattern, fromSample: Int, untilSample: Int) -> Int? {
        let n = dataset.count
        var offset = dataset.byteRange(at: fromSample).lowerBound
        return dataset.withBytes { bytes -> Int? in
            guard let base = bytes.baseAddress else { return nil }
            let end = dataset.byteRange(at: untilSample - 1).upperBound
            let longest = pattern.needles.map(\.count).max() ?? 1
            while offset < end {
                if isCancelled() { return nil }
                let stop = min(end, offset + DatasetSearch.chunk + longest - 1)
                var best: Int?
                for needle in pattern.needles {
                    if let hit = DatasetSearch.firstHit(needle, in: base, from: offset, to: stop),
                       best.map({ hit < $0 }) ?? true {
                        best = hit
                    }
                }
                if let hit = best, let needleLength = pattern.needles.map(\.count).min() {
                    if let sample = sampleIndex(containing: hit, length: needleLength), sample >= fromSample {
                        return sample
                    }
                    offset = hit + 1
                    continue
                }
                offset = min(end, offset + DatasetSearch.chunk)
            }
            _ = n
            return nil
        }
    }

    private func scanBackward(_ pattern: SearchPattern, fromSample: Int) -> Int? {
        // Walk back over windows of samples; in each window a forward scan finds the last hit.
        var high = fromSample
        while high >= 0 {
            if isCancelled() { return nil }
            let highEnd = dataset.byteRange(at: high).upperBound
            var low = high
            while low > 0, highEnd - dataset.byteRange(at: low - 1).lowerBound <= DatasetSearch.chunk {
                low -= 1
            }
            var last: Int?
            var i = low
            while i <= high, let hit = scanForward(pattern, fromSample: i, untilSample: high + 1) {
                last = hit
                i = hit + 1
            }
            if let last { return last }
            high = low - 1
        }
        return nil
    }

    /// The sample whose byte range holds [offset, offset + length), or nil.
    func sampleIndex(containing offset: Int, length: Int) -> Int? {
        var lo = 0, hi = dataset.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if dataset.byteRange(at: mid).lowerBound <= offset { lo = mid } else { hi = mid - 1 }
        }
        let range = dataset.byteRange(at: lo)
        return range.contains(offset) && offset + length <= range.upperBound ? lo : nil
    }

    private typealias MemmemFunction = @convention(c) (
        UnsafeRawPointer?, Int, UnsafeRawPointer?, Int) -> UnsafeMutableRawPointer?

    /// glibc's memmem (a GNU extension the Glibc module does not export), looked up once.
    private static let memmemFunction: MemmemFunction? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "memmem") else { return nil }
        return unsafeBitCast(symbol, to: MemmemFunction.self)
    }()

    /// The offset of the first occurrence of `needle` within [from, to).
    static func firstHit(_ needle: [UInt8], in base: UnsafeRawPointer, from: Int, to: Int) -> Int? {
        guard to - from >= needle.count, !needle.isEmpty else { return nil }
        return needle.withUnsafeBytes { n -> Int? in
            guard let nb = n.baseAddress else { return nil }
            if let memmemFunction {
                guard let found = memmemFunction(base + from, to - from, nb, n.count) else { return nil }
                return base.distance(to: UnsafeRawPointer(found))
            }
            // Portable fallback: memchr on the first byte, then compare.
            var i = from
            let first = Int32(needle[0])
            while i + needle.count <= to {
                guard let p = memchr(base + i, first, to - needle.count + 1 - i) else { return nil }
                let at = base.distance(to: UnsafeRawPointer(p))
                if memcmp(base + at, nb, n.count) == 0 { return at }
                i = at + 1
            }
            return nil
        }
    }
}
