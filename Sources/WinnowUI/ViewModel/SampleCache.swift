import WinnowCore

/// The facts and wrapped dialogue of the few samples seen last, so that a frame, a key and
/// the next frame all share one decode, one lint, one look at the image files and one wrap.
final class SampleCache {
    private var facts: [SampleFacts] = []
    private var layouts = DialogueLayoutCache()
    private var taskTypes: [Int: TaskType] = [:]
    private let capacity = 4

    /// The facts of sample `index`, decoding it through `load` on first use.
    func facts(_ index: Int, load: () -> Result<Sample, UnreadableSample>) -> SampleFacts {
        if let i = facts.firstIndex(where: { $0.index == index }) {
            let hit = facts.remove(at: i)
            facts.append(hit)
            return hit
        }
        let made = SampleFacts(index: index, sample: load())
        facts.append(made)
        if facts.count > capacity { facts.removeFirst() }
        return made
    }

    /// The dialogue of `sample` wrapped for a pane `width` columns wide (less its scroll bar).
    func layout(for sample: Sample, width: Int) -> DialogueLayout {
        layouts.layout(for: sample, width: width)
    }

    /// The task type of sample `index` (decoded once; filters ask for every sample).
    func taskType(_ index: Int, load: () -> TaskType?) -> TaskType? {
        if let t = taskTypes[index] { return t }
        let t = load()
        taskTypes[index] = t
        return t
    }

    /// Forgets what was decoded and wrapped for `index` (its text changed with an edit or undo).
    func invalidate(_ index: Int) {
        facts.removeAll { $0.index == index }
        layouts.invalidate(sampleIndex: index)
    }
}
