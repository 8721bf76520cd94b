import ArgumentParser
import Foundation
import WinnowCore

extension ReviewCommand {
    /// The reviewer's queue from a plan (`winnow assign`), as the base order the review screen
    /// walks: assigned samples with gold samples mixed in, which the screen does not mark.
    func planOrder(_ path: String, dataset: Dataset, reviewer: String) throws -> ([Int]?, String?) {
        if sample != nil || shard != nil {
            JournalCommandSupport.warn("winnow: --plan already says which samples to review; drop --sample / --shard")
            throw WinnowExit.usage
        }
        guard let bytes = FileManager.default.contents(atPath: path) else {
            JournalCommandSupport.warn("winnow: \(JournalCommandSupport.sanitize(path)): cannot read the plan")
            throw WinnowExit.badInput
        }
        let plan: AssignmentPlan
        do { plan = try AssignmentPlan.parse(Array(bytes), path: path) } catch {
            JournalCommandSupport.warn("winnow: " + JournalCommandSupport.sanitize(error.description))
            throw WinnowExit.badInput
        }
        if !plan.fingerprint.isEmpty, plan.fingerprint != dataset.fingerprint {
            JournalCommandSupport.warn("winnow: \(JournalCommandSupport.sanitize(path)): the plan was made for another dataset (or this one changed since); make a new plan with winnow assign")
            throw WinnowExit.badInput
        }
        guard let share = plan.share(of: reviewer) else {
            let names = plan.shares.map(\.reviewer).joined(separator: ", ")
            JournalCommandSupport.warn("winnow: the plan has no share for '\(JournalCommandSupport.sanitize(reviewer))'; pass --reviewer with one of: \(JournalCommandSupport.sanitize(names))")
            throw WinnowExit.usage
        }
        return (share.queue, "plan: \(reviewer)")
    }
}
