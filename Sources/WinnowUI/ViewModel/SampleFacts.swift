import WinnowCore

/// What the screen knows about one sample, worked out once: the sample as reviewed (the
/// journal's edit applied), its lint findings, its image files and turn lengths.
final class SampleFacts {
    let index: Int
    let sample: Result<Sample, UnreadableSample>
    private var lintCache: [LintFinding]?
    private var imageCache: [ResolvedImage]?
    private var charCountCache: [Int]?
    private var infoCache: [String: ImageFileInfo?] = [:]

    init(index: Int, sample: Result<Sample, UnreadableSample>) {
        self.index = index
        self.sample = sample
    }

    /// The decoded sample, or nil when it cannot be read.
    var decoded: Sample? {
        if case .success(let s) = sample { return s }
        return nil
    }

    /// Lint findings (linted once per sample).
    var lint: [LintFinding] {
        if let lintCache { return lintCache }
        let found = decoded.map { SampleLinter().lint($0) } ?? []
        lintCache = found
        return found
    }

    /// Each image reference resolved (each file looked up once per sample).
    func images(_ resolver: any ImageResolver) -> [ResolvedImage] {
        if let imageCache { return imageCache }
        let resolved = decoded?.images.map { resolver.resolve($0) } ?? []
        imageCache = resolved
        return resolved
    }

    /// Header facts of an image file (read once per sample and file).
    func info(_ path: String, provider: (any ImagePreviewProvider)?) -> ImageFileInfo? {
        if let known = infoCache[path] { return known }
        let info = provider?.info(path: path)
        infoCache[path] = info
        return info
    }

    /// Characters per turn (counted once: a long turn takes a while to count).
    var turnCharCounts: [Int] {
        if let charCountCache { return charCountCache }
        let counts = decoded?.turns.map { CharacterCount.of($0.text) } ?? []
        charCountCache = counts
        return counts
    }
}
