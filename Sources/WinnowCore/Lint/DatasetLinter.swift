/// Cross-sample lints in one streaming pass: a duplicate id, or an image another sample uses.
/// Keeps only a 64-bit hash, a sample index and one flag per id and per image (about 30 bytes
/// each with the dictionary's overhead), never the strings; a hash hit is confirmed against
/// the partner sample when a dataset is given.
///
/// LLaVA's convention is that the id is the image file's stem. A copied id or image path
/// rarely matches its new neighbour, so of a pair the sample that breaks the convention is
/// reported (the later one when both or neither do, for ids). Images shared by samples that
/// all follow it, or all ignore it, are not reported: VQA sets ask several questions about one
/// image, and LLaVA-Instruct gives one COCO image a conversation, a description and a
/// reasoning sample.
public struct DatasetLinter {
    private let dataset: Dataset?
    /// Only these kinds are reported (all when nil); ``LintKind/duplicateID`` and
    /// ``LintKind/duplicateImage`` are the kinds this pass gives.
    public var kinds: Set<LintKind>?
    private var firstByID: [UInt64: First] = [:]
    private var firstByImage: [UInt64: First] = [:]
    private var reported: Set<IndexedKind> = []

    private struct First { var index: Int32; var followsConvention: Bool }
    private struct IndexedKind: Hashable { var index: Int32; var kind: LintKind }

    /// A pass over `dataset` (used to confirm a duplicate against its partner), or over samples
    /// fed by hand when nil.
    public init(dataset: Dataset? = nil, kinds: Set<LintKind>? = nil) {
        self.dataset = dataset
        self.kinds = kinds
    }

    /// Whether this pass has anything to do for the selected kinds.
    public var isActive: Bool { kinds.map { $0.contains(.duplicateID) || $0.contains(.duplicateImage) } ?? true }

    /// Feeds one decoded sample; returns findings for it or for an earlier sample.
    public mutating func check(_ sample: Sample) -> [IndexedLintFinding] {
        check(index: sample.index, id: sample.idIsSynthetic ? nil : sample.id, images: sample.images)
    }

    /// Feeds one sample's id (nil when it has none) and image paths.
    public mutating func check(index: Int, id: String?, images: [String]) -> [IndexedLintFinding] {
        var out: [IndexedLintFinding] = []
        let me = First(index: Int32(clamping: index), followsConvention: Self.followsStemConvention(id: id, images: images))
        if wants(.duplicateID), let id {
            let key = Hashing.fnv1a(id)
            if let first = firstByID[key] {
                if partnerInfo(Int(first.index)).map({ $0.id == id }) ?? true {
                    let target = first.followsConvention && !me.followsConvention || first.followsConvention == me.followsConvention
                        ? index : Int(first.index)
                    let other = target == index ? Int(first.index) : index
                    report(.duplicateID, at: target, "id \(id) is also sample \(other)'s", into: &out)
                }
            } else {
                firstByID[key] = me
            }
        }
        if wants(.duplicateImage) {
            var seen = Set<String>()
            for image in images where seen.insert(image).inserted {
                let key = Hashing.fnv1a(image)
                guard let first = firstByImage[key] else { firstByImage[key] = me; continue }
                guard Int(first.index) != index, first.followsConvention != me.followsConvention,
                      partnerInfo(Int(first.index)).map({ $0.images.contains(image) }) ?? true else { continue }
                let target = me.followsConvention ? Int(first.index) : index
                let other = target == index ? Int(first.index) : index
                report(.duplicateImage, at: target, "image \(image) is also sample \(other)'s", into: &out)
            }
        }
        return out
    }

    /// Runs the pass over a whole dataset (decoding each sample), in index order.
    public static func findings(in dataset: Dataset, kinds: Set<LintKind>? = nil) -> [IndexedLintFinding] {
        var linter = DatasetLinter(dataset: dataset, kinds: kinds)
        var out: [IndexedLintFinding] = []
        for index in 0..<dataset.count {
            switch dataset.sample(at: index) {
            case .success(let sample): out += linter.check(sample)
            case .failure: out += linter.check(index: index, id: dataset.id(at: index), images: [])
            }
        }
        return out
    }

    private func wants(_ kind: LintKind) -> Bool { kinds?.contains(kind) ?? true }

    private func partnerInfo(_ index: Int) -> (id: String?, images: [String])? {
        guard let dataset else { return nil }
        switch dataset.sample(at: index) {
        case .success(let s): return (s.idIsSynthetic ? nil : s.id, s.images)
        case .failure: return (dataset.id(at: index), [])
        }
    }

    /// Whether the id is the stem of the sample's one image (`images/ab/abc.jpg` for `abc`).
    static func followsStemConvention(id: String?, images: [String]) -> Bool {
        guard let id, images.count == 1, let image = images.first else { return false }
        let name = image.split(separator: "/").last ?? ""
        let stem = name.split(separator: ".", omittingEmptySubsequences: false).dropLast().joined(separator: ".")
        return stem == id
    }

    private mutating func report(_ kind: LintKind, at index: Int, _ message: String, into out: inout [IndexedLintFinding]) {
        guard reported.insert(IndexedKind(index: Int32(clamping: index), kind: kind)).inserted else { return }
        out.append(IndexedLintFinding(index: index, finding: LintFinding(kind: kind, message: message)))
    }
}
