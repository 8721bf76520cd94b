import WinnowCore

/// A dataset as registered in the store.
public struct RegisteredDataset: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var fingerprint: String
    public var sampleCount: Int
    public var pathName: String
}

/// One connection to the team store, with the statements Winnow runs (all with bind
/// parameters). Not thread-safe: each thread or task opens its own.
public final class StoreClient {
    public let location: StoreLocation
    let connection: PGConnection

    /// Connects; a refused login or a malformed location is `.unreachable` with libpq's reason.
    public init(location: StoreLocation, connectTimeout: Int = 5) throws(StoreError) {
        self.location = location
        do { connection = try PGConnection(location: location, connectTimeout: connectTimeout) } catch {
            // libpq checks some values (a port that is not a number) only when connecting.
            if error.message.contains("invalid ") && error.message.contains("value") {
                throw .badLocation("\(location.redacted): \(error.message)")
            }
            throw .unreachable(location: location.redacted, reason: error.message)
        }
    }

    /// Ends the connection.
    public func close() { connection.close() }

    /// Whether the connection is up.
    public var isOpen: Bool { connection.isOpen }

    @discardableResult
    func run(_ sql: String, _ params: [String?] = [], prepared: Bool = false) throws(StoreError) -> [[String?]] {
        do { return try connection.query(sql, params, prepared: prepared) } catch {
            throw .statement(location: location.redacted, reason: error.message)
        }
    }

    /// Runs one statement with bind parameters (benchmarks' baselines; not for the schema).
    @discardableResult
    package func execute(_ sql: String, _ params: [String?] = [], prepared: Bool = false) throws(StoreError) -> [[String?]] {
        try run(sql, params, prepared: prepared)
    }

    // MARK: Schema

    /// The schema version in the database (0 when there is no Winnow schema).
    public func schemaVersion() throws(StoreError) -> Int {
        let rows = try run("SELECT to_regclass('winnow_schema') IS NOT NULL")
        guard rows.first?.first == "t" else { return 0 }
        let v = try run("SELECT coalesce(max(version), 0) FROM winnow_schema")
        return Int(v.first?.first.flatMap { $0 } ?? "0") ?? 0
    }

    /// Refuses a database without the schema or with another version.
    public func checkSchema() throws(StoreError) {
        let v = try schemaVersion()
        if v == 0 { throw .noSchema(location: location.redacted) }
        if v != StoreSchema.currentVersion {
            throw .schemaVersion(location: location.redacted, found: v, expected: StoreSchema.currentVersion)
        }
    }

    /// Applies the migrations after the database's version, up to `target`, each in one
    /// transaction (a second `init` running at the same time waits on the lock, then finds
    /// nothing to do). Returns the versions applied.
    @discardableResult
    public func migrate(to target: Int = StoreSchema.currentVersion) throws(StoreError) -> [Int] {
        let target = max(0, min(target, StoreSchema.currentVersion))
        var applied: [Int] = []
        try run("BEGIN")
        do throws(StoreError) {
            try run("SELECT pg_advisory_xact_lock(7312001)")
            let from = try schemaVersion()
            if from > StoreSchema.currentVersion {
                throw .schemaVersion(location: location.redacted, found: from, expected: StoreSchema.currentVersion)
            }
            if from < target {
                for v in (from + 1)...target {
                    for sql in StoreSchema.migrations[v - 1] { try run(sql) }
                    try run("INSERT INTO winnow_schema (version) VALUES ($1)", [String(v)])
                    applied.append(v)
                }
            }
            try run("COMMIT")
        } catch {
            _ = try? run("ROLLBACK")
            throw error
        }
        return applied
    }

    // MARK: Datasets

    /// Registers `dataset` under `name` (default: its file name); registering the same bytes
    /// again is harmless, another dataset under a taken name is refused.
    public func register(dataset: Dataset, name: String? = nil) throws(StoreError) -> RegisteredDataset {
        let pathName = Self.fileName(dataset.path)
        let n = name ?? pathName
        try run("""
            INSERT INTO winnow_datasets (name, fingerprint, sample_count, path_name) VALUES ($1, $2, $3, $4)
            ON CONFLICT (name) DO NOTHING
            """, [n, dataset.fingerprint, String(dataset.count), pathName])
        guard let found = try self.dataset(named: n) else { throw .unknownDataset(location: location.redacted, name: n, fingerprint: dataset.fingerprint) }
        if found.fingerprint != dataset.fingerprint {
            throw .fingerprintMismatch(name: n, registered: found.fingerprint, local: dataset.fingerprint)
        }
        return found
    }

    /// The registration for the local `dataset`: by `name` (default: its file name) or by
    /// fingerprint; a registration whose fingerprint differs is refused with both named.
    public func find(dataset: Dataset, name: String? = nil) throws(StoreError) -> RegisteredDataset {
        let n = name ?? Self.fileName(dataset.path)
        if let byName = try self.dataset(named: n) {
            guard byName.fingerprint == dataset.fingerprint else {
                throw .fingerprintMismatch(name: n, registered: byName.fingerprint, local: dataset.fingerprint)
            }
            return byName
        }
        if name == nil, let byPrint = try self.dataset(fingerprint: dataset.fingerprint) { return byPrint }
        throw .unknownDataset(location: location.redacted, name: n, fingerprint: dataset.fingerprint)
    }

    func dataset(named name: String) throws(StoreError) -> RegisteredDataset? {
        try run("SELECT id, name, fingerprint, sample_count, path_name FROM winnow_datasets WHERE name = $1", [name])
            .first.flatMap(Self.registered)
    }

    public func dataset(fingerprint: String) throws(StoreError) -> RegisteredDataset? {
        try run("SELECT id, name, fingerprint, sample_count, path_name FROM winnow_datasets WHERE fingerprint = $1 ORDER BY id LIMIT 1",
                [fingerprint]).first.flatMap(Self.registered)
    }

    private static func registered(_ row: [String?]) -> RegisteredDataset? {
        guard row.count == 5, let id = row[0].flatMap({ Int($0) }), let name = row[1], let fp = row[2],
              let count = row[3].flatMap({ Int($0) }), let path = row[4] else { return nil }
        return RegisteredDataset(id: id, name: name, fingerprint: fp, sampleCount: count, pathName: path)
    }

    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
