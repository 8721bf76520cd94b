import Foundation

/// One sample decoded and linted by `SampleLinter.lintWindow`.
public struct LintedSample: Sendable {
    public var sample: Result<Sample, UnreadableSample>
    /// `SampleLinter.lint` of the sample (empty when it cannot be read).
    public var findings: [LintFinding]
}

extension SampleLinter {
    /// Decodes and lints the samples in `range` on every core, each sample once; the results
    /// come back in index order, exactly as a loop over `range` would give them. Callers walk
    /// a big dataset window by window so that only one window of samples is held at a time.
    public func lintWindow(_ dataset: Dataset, _ range: Range<Int>) -> [LintedSample] {
        let n = range.count
        guard n > 0 else { return [] }
        let out = UnsafeMutableBufferPointer<LintedSample?>.allocate(capacity: n)
        out.initialize(repeating: nil)
        defer {
            out.deinitialize()
            out.deallocate()
        }
        nonisolated(unsafe) let slots = out
        // Several chunks per core: samples differ in size, so fixed halves would leave one
        // core idle at the end of each window.
        let chunks = min(n, ProcessInfo.processInfo.activeProcessorCount * 8)
        let linter = self
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let from = n * c / chunks, to = n * (c + 1) / chunks
            for k in from..<to {
                let sample = dataset.sample(at: range.lowerBound + k)
                var findings: [LintFinding] = []
                if case .success(let s) = sample { findings = linter.lint(s) }
                slots[k] = LintedSample(sample: sample, findings: findings)
            }
        }
        return out.map { $0 ?? LintedSample(sample: dataset.sample(at: range.lowerBound), findings: []) }
    }
}
