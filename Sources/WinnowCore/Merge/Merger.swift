#if canImport(Glibc)
import Glibc
#endif

/// Writes the cleaned dataset: the input with the journals' decisions applied, in order.
///
/// Untouched samples are copied byte for byte, in runs, straight from the mapped input (with
/// the input's own separators and indentation, commas fixed where samples are left out);
/// edited samples are rewritten in the style of the sample they replace.
public enum Merger {
    /// Merges `journals` into `dataset` as `options` say, returning the summary. Nothing is
    /// written when it throws.
    public static func merge(dataset: Dataset, journals: [JournalContents], options: MergeOptions) throws(MergeError) -> MergeSummary {
        try checkOutputs(dataset: dataset, options: options, journals: journals.map(\.path))
        let plan = MergePlan(dataset: dataset, journals: journals, policy: options.policy, matchByID: options.matchByID)
        if options.policy == .strict, !plan.conflicts.isEmpty { throw .conflicts(plan.conflicts) }
        // A stale entry may be a reject of a sample that is still there under another index:
        // merging without it could put that sample back into the training data.
        if !plan.staleIssues.isEmpty, !options.allowStale { throw .stale(plan.staleIssues) }
        let damage = MergeDamage(dataset: dataset, plan: plan, options: options)
        if !damage.isEmpty, !options.dropDamaged { throw .damaged(damage.messages) }
        var summary = MergeSummary()
        summary.leftOut = damage.messages
        summary.samples = dataset.count
        summary.stale = plan.stale
        summary.conflicts = plan.conflicts
        summary.issues = plan.issues
        summary.outputPath = options.outputPath
        summary.rejectedPath = options.rejectedPath

        let out = try OutputFile(path: options.outputPath)
        var rejectedOut: OutputFile? = nil
        do throws(MergeError) {
            if let r = options.rejectedPath { rejectedOut = try OutputFile(path: r) }
            let result: Result<Void, MergeError> = dataset.withBytes { bytes in
                do throws(MergeError) {
                    var writer = MergeWriter(dataset: dataset, bytes: bytes, plan: plan, options: options, out: out,
                                             rejected: rejectedOut, damaged: damage.samples, cleanFraming: !damage.isEmpty)
                    try writer.run(&summary)
                    return .success(())
                } catch { return .failure(error) }
            }
            try result.get()
            try out.finish()
            try rejectedOut?.finish()
            if options.verifyOutput {
                let container: DatasetContainer = options.format == .same ? dataset.container : (options.format == .json ? .jsonArray : .jsonLines)
                if let why = OutputCheck.problem(atPath: out.tempPath, container: container) {
                    throw .invalidOutput(path: options.outputPath, reason: why)
                }
                if let rejectedOut, let why = OutputCheck.problem(atPath: rejectedOut.tempPath, container: .jsonLines) {
                    throw .invalidOutput(path: rejectedOut.path, reason: why)
                }
            }
            try rejectedOut?.rename()
            try out.rename()
        } catch {
            out.discard()
            rejectedOut?.discard()
            throw error
        }
        return summary
    }

    /// Refuses an output that is the input (same file by inode, or same real path) or that is
    /// the other output.
    static func checkOutputs(dataset: Dataset, options: MergeOptions, journals: [String] = []) throws(MergeError) {
        let inputs = [dataset.path] + journals
        var seen: [String] = inputs.map(realPath)
        let inputIDs = inputs.compactMap { JournalIO.identity(path: $0) }
        for path in [options.outputPath] + (options.rejectedPath.map { [$0] } ?? []) {
            let real = realPath(path)
            if seen.contains(real) { throw .sameAsInput(path: path) }
            if let id = JournalIO.identity(path: path), inputIDs.contains(where: { $0 == id }) { throw .sameAsInput(path: path) }
            seen.append(real)
            var st = stat()
            if stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
                throw .cannotWrite(path: path, reason: "it is a folder; give the name of the file to write")
            }
            let dir = JournalIO.directory(of: path)
            if !JournalIO.isWritableDirectory(dir) {
                throw .cannotWrite(path: path, reason: JournalIO.unwritableFolderReason(dir))
            }
        }
    }

    /// The resolved path of an existing file, or of a new file's folder plus its name.
    static func realPath(_ path: String) -> String {
        if let p = realpath(path, nil) { defer { free(p) }; return String(cString: p) }
        let dir = JournalIO.directory(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let p = realpath(dir, nil) { defer { free(p) }; return String(cString: p) + "/" + name }
        return path
    }
}
