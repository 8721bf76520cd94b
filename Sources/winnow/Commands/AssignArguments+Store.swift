import ArgumentParser
import WinnowCore
import WinnowStore

extension AssignArguments {
    /// `winnow assign --store URL DATASET` (and `winnow store assign`): the chosen samples,
    /// and with `--gold` a share of gold samples, go to the store's work pool, each for
    /// `--overlap` distinct reviewers.
    func runInStore(_ location: StoreLocation) throws {
        let data = try datasetArguments.open(try DatasetLocator.resolve(dataset))
        if overlap < 1 {
            JournalCommandSupport.warn("winnow assign: --overlap must be at least 1, not \(overlap)")
            throw WinnowExit.usage
        }
        if let goldRate, !(goldRate > 0 && goldRate < 1) {
            JournalCommandSupport.warn("winnow assign: --gold-rate must be above 0 and below 1, not \(goldRate)")
            throw WinnowExit.usage
        }
        let goldSet = try gold.map { try TeamCommandSupport.gold($0, dataset: data, command: "assign") }
        let (samples, goldCount) = Self.pool(candidates: chosenSamples(data), gold: goldSet?.indices ?? [],
                                             rate: goldRate ?? 0.05, seed: seed)
        let c = try StoreSupport.connect(location)
        defer { c.close() }
        let reg = try StoreSupport.registered(data, client: c, name: storeOptions.datasetName)
        do {
            let slots = try c.assign(dataset: reg, samples: samples, overlap: overlap, replace: replace)
            let gold = goldCount > 0 ? " (\(goldCount) of them gold)" : ""
            JournalCommandSupport.say("'\(JournalCommandSupport.sanitize(reg.name))': \(samples.count) samples\(gold) x \(overlap) reviewers = \(slots) slots in the pool")
        } catch { throw StoreSupport.fail(error) }
    }

    /// The pool: the candidates that are not gold, plus `round(rate x that count)` gold
    /// samples (at least one when there is gold), drawn with `seed`; ascending.
    static func pool(candidates: [Int], gold: [Int], rate: Double, seed: UInt64) -> (samples: [Int], gold: Int) {
        let goldSet = Set(gold)
        let regular = candidates.filter { !goldSet.contains($0) }
        guard !gold.isEmpty else { return (regular.sorted(), 0) }
        let wanted = min(gold.count, max(1, Int((rate * Double(regular.count)).rounded())))
        let picked = SpotCheck.sample(wanted, of: gold.sorted(), seed: seed)
        return ((regular + picked).sorted(), picked.count)
    }
}
