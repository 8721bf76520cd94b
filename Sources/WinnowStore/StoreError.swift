/// Why the team store could not be used. Messages name the store by its redacted location
/// and never contain a password.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The location is not a PostgreSQL URL.
    case badLocation(String)
    /// The server could not be reached or refused the login.
    case unreachable(location: String, reason: String)
    /// The database has no Winnow schema.
    case noSchema(location: String)
    /// The schema is older (or newer) than this tool's.
    case schemaVersion(location: String, found: Int, expected: Int)
    /// The dataset is not registered in the store.
    case unknownDataset(location: String, name: String, fingerprint: String)
    /// The reviewer's copy of the dataset is not the registered one.
    case fingerprintMismatch(name: String, registered: String, local: String)
    /// A statement failed.
    case statement(location: String, reason: String)
    /// The local spool journal could not be used.
    case spool(path: String, reason: String)
    /// An entry conflicts with another one already in the store under the same number.
    case conflict(reviewer: String, sequence: Int)

    public var description: String {
        switch self {
        case .badLocation(let m): return m
        case .unreachable(let l, let r): return "\(l): cannot connect: \(r)"
        case .noSchema(let l): return "\(l): the database has no Winnow schema; run `winnow store init --store URL DATASET` first"
        case .schemaVersion(let l, let found, let expected) where found < expected:
            return "\(l): the Winnow schema is version \(found), older than this tool's \(expected); run `winnow store init --store URL DATASET` to migrate it"
        case .schemaVersion(let l, let found, let expected):
            return "\(l): the Winnow schema is version \(found), newer than this tool's \(expected); update winnow"
        case .unknownDataset(let l, let name, let fp):
            return "\(l): dataset '\(name)' (fingerprint \(fp)) is not registered; run `winnow store init --store URL DATASET`"
        case .fingerprintMismatch(let name, let registered, let local):
            return "dataset '\(name)': your copy has fingerprint \(local) but the store registered \(registered); get the team's copy of the dataset"
        case .statement(let l, let r): return "\(l): \(r)"
        case .spool(let p, let r): return "\(p): \(r)"
        case .conflict(let reviewer, let seq):
            return "entry \(seq) of reviewer \(reviewer) is already in the store with other content"
        }
    }
}
