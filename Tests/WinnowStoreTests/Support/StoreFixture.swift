import Foundation
import WinnowCore
@testable import WinnowStore
#if canImport(Glibc)
import Glibc
#endif

/// The server most tests share (each test makes its own database), stopped when the test
/// process exits. Tests that restart or stop a server start their own.
enum SharedServer {
    static let result: Result<PostgresServer, any Error> = {
        let r = Result { try PostgresServer() }
        if case .success = r { atexit { if case .success(let s) = SharedServer.result { s.stop() } } }
        return r
    }()

    static func get() throws -> PostgresServer { try result.get() }
}

/// A temporary folder with a small dataset, and a database with the schema.
struct StoreFixture {
    let server: PostgresServer
    let folder: String
    let datasetPath: String
    let database: String
    let url: String

    init(server: PostgresServer? = nil, samples: Int = 20, initSchema: Bool = true) throws {
        self.server = try server ?? SharedServer.get()
        folder = NSTemporaryDirectory() + "/winnow-store-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        datasetPath = folder + "/team.jsonl"
        try StoreFixture.datasetText(samples: samples).write(toFile: datasetPath, atomically: false, encoding: .utf8)
        database = try self.server.createDatabase()
        url = self.server.url(database: database)
        if initSchema {
            let c = try StoreClient(location: StoreLocation(url))
            defer { c.close() }
            try c.migrate()
            _ = try c.register(dataset: dataset())
        }
    }

    static func datasetText(samples: Int, salt: String = "") -> String {
        (0..<samples).map { i in
            #"{"id":"s\#(i)","image":"img/\#(i).jpg","conversations":[{"from":"human","value":"<image>\nWhat is shown? \#(i)\#(salt)"},{"from":"gpt","value":"A picture \#(i)."}]}"#
        }.joined(separator: "\n") + "\n"
    }

    func dataset() throws -> Dataset { try Dataset.open(path: datasetPath) }

    var location: StoreLocation { get throws { try StoreLocation(url) } }

    func client() throws -> StoreClient { try StoreClient(location: location) }

    /// The number of store rows of `reviewer` and of distinct sequence numbers among them.
    func counts(reviewer: String) throws -> (rows: Int, distinct: Int) {
        let out = try server.psql("SELECT count(*), count(DISTINCT seq) FROM winnow_entries WHERE reviewer = '\(reviewer)'", database: database)
        let parts = out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|").compactMap { Int($0) }
        return (parts.first ?? -1, parts.last ?? -1)
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}
