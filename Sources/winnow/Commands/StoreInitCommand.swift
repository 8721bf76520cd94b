import ArgumentParser
import WinnowCore
import WinnowStore

/// `winnow store init --store URL DATASET [--name NAME]`.
struct StoreInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or migrate the store's schema and register a dataset by fingerprint.",
        discussion: """
            Safe to run again: migrations already applied are skipped, and registering the \
            same dataset again changes nothing. Exit codes: 0 done, 65 another dataset is \
            registered under NAME, 75 the store cannot be reached.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The dataset file.")
    var dataset: String

    @Option(name: .long, help: "The name reviewers' copies are matched by (default: the file name).")
    var name: String?

    func run() throws {
        let location = try storeOptions.requiredLocation()
        let data = try JournalCommandSupport.openDataset(dataset)
        do {
            let c = try StoreClient(location: location)
            defer { c.close() }
            let applied = try c.migrate()
            let reg = try c.register(dataset: data, name: name ?? storeOptions.datasetName)
            let schema = applied.isEmpty ? "schema version \(StoreSchema.currentVersion) (up to date)"
                : "schema migrated to version \(StoreSchema.currentVersion) (applied \(applied.map(String.init).joined(separator: ", ")))"
            let s = JournalCommandSupport.sanitize
            JournalCommandSupport.say("\(location.redacted): \(schema); dataset '\(s(reg.name))' registered: \(reg.sampleCount) samples, fingerprint \(reg.fingerprint)")
        } catch { throw StoreSupport.fail(error) }
    }
}

/// `winnow store push JOURNAL --store URL`.
struct StorePushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Import a journal file into the store (entries already there are skipped).",
        discussion: "The dataset is found by the journal's fingerprint. Exit codes: 0 done, 1 an entry conflicts with the store's, 65 unknown dataset."
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The journal file.")
    var journal: String

    func run() throws {
        let location = try storeOptions.requiredLocation()
        let contents = try JournalCommandSupport.readJournal(journal)
        let s = JournalCommandSupport.sanitize
        for issue in contents.issues { JournalCommandSupport.warn("winnow: " + s(issue.description)) }
        let c = try StoreSupport.connect(location)
        defer { c.close() }
        let prints = Set(contents.items.compactMap(\.fingerprint))
        guard prints.count <= 1 else {
            JournalCommandSupport.warn("winnow: \(s(journal)): entries for several datasets (\(prints.sorted().joined(separator: ", "))); push one at a time")
            throw WinnowExit.badInput
        }
        guard let fp = prints.first ?? contents.headers.last?.fingerprint else {
            JournalCommandSupport.say("\(s(journal)): no entries to push")
            return
        }
        do {
            guard let reg = try c.dataset(fingerprint: fp) else {
                throw StoreError.unknownDataset(location: location.redacted, name: s(journal), fingerprint: fp)
            }
            let entries = contents.items.map(\.entry)
            var added = 0
            var start = 0
            while start < entries.count {
                let end = min(entries.count, start + 5000)
                added += try c.send(batch: Array(entries[start..<end]), dataset: reg, host: ClientHost.name)
                start = end
            }
            JournalCommandSupport.say("\(s(journal)): \(added) entries added to '\(s(reg.name))', \(entries.count - added) already there")
        } catch let e as StoreError { throw StoreSupport.fail(e) }
    }
}

/// `winnow store pull --store URL DATASET --reviewer R -o JOURNAL`.
struct StorePullCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Export one reviewer's entries from the store as a journal file."
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The dataset file (checked against the store's fingerprint).")
    var dataset: String

    @Option(name: .long, help: "Whose entries.")
    var reviewer: String

    @Option(name: [.short, .customLong("output")], help: "The journal file to write (must not exist).")
    var output: String

    func run() throws {
        let location = try storeOptions.requiredLocation()
        let data = try JournalCommandSupport.openDataset(dataset)
        let c = try StoreSupport.connect(location)
        defer { c.close() }
        let reg = try StoreSupport.registered(data, client: c, name: storeOptions.datasetName)
        var bytes = JournalLine.header(JournalHeader(fingerprint: reg.fingerprint, created: JournalLine.now()))
        var n = 0
        do {
            try c.lines(dataset: reg, reviewer: reviewer) { _, line in
                bytes.append(contentsOf: line.utf8)
                bytes.append(0x0A)
                n += 1
            }
        } catch { throw StoreSupport.fail(error) }
        let fd = open(output, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            JournalCommandSupport.warn("winnow: \(JournalCommandSupport.sanitize(output)): cannot create: \(String(cString: strerror(errno)))")
            throw WinnowExit.cannotWrite
        }
        defer { close(fd) }
        var done = 0
        while done < bytes.count {
            let r = bytes.withUnsafeBytes { b in write(fd, b.baseAddress.map { $0 + done }, b.count - done) }
            if r < 0 { if errno == EINTR { continue }; throw WinnowExit.cannotWrite }
            done += r
        }
        guard fsync(fd) == 0 else { throw WinnowExit.cannotWrite }
        JournalCommandSupport.say("\(JournalCommandSupport.sanitize(output)): \(n) entries of \(JournalCommandSupport.sanitize(reviewer))")
    }
}

/// `winnow store sync --store URL DATASET [--reviewer R]`: resend a spool now.
struct StoreSyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Resend the entries a reviewer saved offline (the spool beside the dataset).",
        discussion: "Exit codes: 0 all sent, 75 entries remain unsynced (the store cannot be reached)."
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The dataset file.")
    var dataset: String

    @Option(name: .long, help: "Reviewer name (default: the login name).")
    var reviewer: String?

    func run() throws {
        let location = try storeOptions.requiredLocation()
        let data = try JournalCommandSupport.openDataset(dataset)
        let j: StoreJournal
        do {
            j = try StoreJournal.open(location: location, dataset: data, reviewer: reviewer ?? Journal.defaultReviewer,
                                      datasetName: storeOptions.datasetName)
        } catch { throw StoreSupport.fail(error) }
        defer { j.close() }
        let left = j.sync()
        if left > 0 {
            StoreSupport.reportUnsynced(j)
            throw WinnowExit.journalUnavailable
        }
        JournalCommandSupport.say("\(location.redacted): nothing unsynced for \(JournalCommandSupport.sanitize(j.reviewer))")
    }
}

#if canImport(Glibc)
import Glibc
#endif
