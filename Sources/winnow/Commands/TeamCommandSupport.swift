import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

extension LabelBasis: ExpressibleByArgument {}

/// Shared plumbing of the team commands (`assign`, `agree`, `adjudicate`, `report`).
enum TeamCommandSupport {
    /// Opens the dataset and replays the journals; explains what is needed when fewer than
    /// `minimum` reviewer journals are given, and refuses journals of another dataset.
    static func load(dataset file: String, journals: [String], minimum: Int = 2, command: String,
                     arguments: DatasetArguments, store: StoreOptions? = nil) throws -> (Dataset, TeamJournals) {
        // With a store, its reviewers' entries count as journals (plus any --journal files).
        let location = try store?.location()
        if location == nil, journals.count < minimum {
            let what = journals.isEmpty ? "no journal was given" : "only one journal was given"
            let need = minimum > 1 ? "agreement needs the journals of two or more reviewers of the same dataset"
                : "give the reviewers' journals"
            JournalCommandSupport.warn("""
                winnow \(command): \(what); \(need): \
                winnow \(command) DATASET --journal ann.jsonl --journal bob.jsonl [...]
                """)
            throw WinnowExit.usage
        }
        let path = try DatasetLocator.resolve(file)
        let data = try arguments.open(path)
        for p in journals where !FileManager.default.fileExists(atPath: p) {
            JournalCommandSupport.warn("winnow \(command): \(JournalCommandSupport.sanitize(p)): no such journal")
            throw WinnowExit.badInput
        }
        var contents: [JournalContents] = []
        for result in TeamJournals.read(journals) {
            switch result {
            case .success(let c): contents.append(c)
            case .failure(let error): throw JournalCommandSupport.fail(error, reading: true)
            }
        }
        if let location {
            let client = try StoreSupport.connect(location)
            defer { client.close() }
            let registered = try StoreSupport.registered(data, client: client, name: store?.datasetName)
            do { contents += try client.contents(dataset: registered) } catch { throw StoreSupport.fail(error) }
        }
        let team: TeamJournals
        do { team = try TeamJournals(contents, dataset: data) } catch {
            JournalCommandSupport.warn("winnow \(command): " + JournalCommandSupport.sanitize(error.description))
            throw WinnowExit.badInput
        }
        for w in team.warnings { JournalCommandSupport.warn("winnow \(command): " + JournalCommandSupport.sanitize(w)) }
        for i in team.issues.prefix(20) { JournalCommandSupport.warn("winnow \(command): " + JournalCommandSupport.sanitize(i)) }
        if team.issues.count > 20 { JournalCommandSupport.warn("winnow \(command): ... and \(team.issues.count - 20) more journal problems") }
        if team.reviewers.count < minimum {
            let given = location == nil ? "" : " (the store's reviewers included)"
            JournalCommandSupport.warn("winnow \(command): \(team.reviewers.count) reviewer journal(s)\(given) besides the adjudicator's; give the journals of two or more reviewers")
            throw WinnowExit.usage
        }
        return (data, team)
    }

    /// Reads a gold file (the `decide --from` format) or exits 65 with the line at fault.
    static func gold(_ path: String, dataset: Dataset, command: String) throws -> GoldSet {
        guard let data = FileManager.default.contents(atPath: path) else {
            JournalCommandSupport.warn("winnow \(command): \(JournalCommandSupport.sanitize(path)): cannot read the gold file")
            throw WinnowExit.badInput
        }
        do {
            return try GoldSet.parse(Array(data), path: path, count: dataset.count) { dataset.index(ofID: $0) }
        } catch {
            JournalCommandSupport.warn("winnow \(command): " + JournalCommandSupport.sanitize(error.description))
            throw WinnowExit.badInput
        }
    }

    /// A sample's dialogue before any edit (nil when it cannot be read).
    static func original(_ dataset: Dataset) -> (Int) -> [Turn]? {
        { index in
            guard index >= 0, index < dataset.count, case .success(let s) = dataset.sample(at: index) else { return nil }
            return s.turns
        }
    }
}
