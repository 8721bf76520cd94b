import Foundation

/// Tesseract's LSTM runs its matrix work on OpenMP threads (up to 10 per call). With several
/// jobs on a few cores those threads only fight each other: every job should use one, as
/// Tesseract's own documentation advises for parallel runs (`OMP_THREAD_LIMIT=1`). libgomp
/// reads that variable once, when it is loaded with the process, so setting it afterwards does
/// nothing: the process starts itself again with the variable set.
enum OpenMPThreads {
    /// With more than one job and no `OMP_THREAD_LIMIT` of the user's, re-executes this
    /// process with `OMP_THREAD_LIMIT=1` (Linux; elsewhere, or if exec fails, carries on).
    static func limitToOne(ifJobs jobs: Int) {
        guard jobs > 1, ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"] == nil else { return }
        setenv("OMP_THREAD_LIMIT", "1", 1)
        #if os(Linux)
        let arguments = CommandLine.arguments
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        execv("/proc/self/exe", &argv)
        // Only reached when exec failed: run on with OpenMP's own thread count.
        for p in argv { free(p) }
        #endif
    }
}
