import CLibpq
#if canImport(Glibc)
import Glibc
#endif

/// One libpq connection: the only file that calls libpq.
///
/// Every statement goes through `PQexecParams` with text parameters, so no value is ever
/// spliced into SQL. Not thread-safe; each user holds its own connection.
final class PGConnection {
    private var conn: OpaquePointer?
    /// The location with any password removed, for messages.
    let location: StoreLocation

    /// A statement that failed, with PostgreSQL's SQLSTATE when the server answered.
    struct Failure: Error, CustomStringConvertible {
        var message: String
        var sqlState: String?
        /// Whether the connection is gone (the outcome of a commit in flight is unknown).
        var connectionLost: Bool
        var description: String { message }
    }

    /// Statements prepared on this connection, by SQL text: parsing and planning the entry
    /// insert on every decision cost server time that 20 concurrent reviewers feel.
    private var prepared: [String: String] = [:]

    /// Test hook: called after a statement is sent and before its result is read (to cut the
    /// connection in the middle of a commit).
    nonisolated(unsafe) static var afterSendHook: ((PGConnection) -> Void)?

    /// Connects with libpq's own handling of URLs, PGPASSWORD, ~/.pgpass and socket hosts.
    init(location: StoreLocation, connectTimeout: Int = 5) throws(Failure) {
        self.location = location
        let keys = ["dbname", "connect_timeout", "application_name", "fallback_application_name"]
        let values = [location.url, String(connectTimeout), "winnow", "winnow"]
        conn = Self.withCStrings(keys) { k in
            Self.withCStrings(values) { v in PQconnectdbParams(k, v, 1) }
        }
        if let conn { PQsetNoticeProcessor(conn, { _, _ in }, nil) }
        guard let conn, PQstatus(conn) == CONNECTION_OK else {
            let text = conn.map { Self.text(PQerrorMessage($0)) } ?? "out of memory"
            if let conn { PQfinish(conn) }
            self.conn = nil
            throw Failure(message: location.redact(Self.firstLine(text)), sqlState: nil, connectionLost: true)
        }
    }

    deinit { close() }

    /// libpq's complaint about a connection string, or nil when it parses.
    static func parseError(_ conninfo: String) -> String? {
        var err: UnsafeMutablePointer<CChar>? = nil
        let options = PQconninfoParse(conninfo, &err)
        defer {
            if let options { PQconninfoFree(options) }
            if let err { PQfreemem(err) }
        }
        if options != nil { return nil }
        return err.map { firstLine(String(cString: $0)) } ?? "cannot be parsed"
    }

    func close() {
        if let conn { PQfinish(conn) }
        conn = nil
        prepared = [:]
    }

    var isOpen: Bool { conn.map { PQstatus($0) == CONNECTION_OK } ?? false }

    /// The server process id (for tests that end this connection from another one).
    var backendPID: Int32 { conn.map { PQbackendPID($0) } ?? 0 }

    /// The socket, so a test can cut it.
    var socket: Int32 { conn.map { PQsocket($0) } ?? -1 }

    /// Runs one statement with text parameters (nil is SQL NULL); returns the rows as text.
    /// With `prepared`, the statement is parsed and planned once per connection (for the
    /// statements run on every decision; others keep a plan made for their own values).
    @discardableResult
    func query(_ sql: String, _ params: [String?] = [], prepared: Bool = false) throws(Failure) -> [[String?]] {
        var rows: [[String?]] = []
        try query(sql, params, prepared: prepared) { row in rows.append(row) }
        return rows
    }

    /// Runs one statement, handing each row to `each` (fields as text, nil for NULL).
    func query(_ sql: String, _ params: [String?], prepared usePrepared: Bool = false, each: ([String?]) -> Void) throws(Failure) {
        guard let conn else { throw Failure(message: "not connected to \(location.redacted)", sqlState: nil, connectionLost: true) }
        let name = usePrepared ? try prepare(sql, parameters: params.count, on: conn) : nil
        let sent: Int32 = Self.withOptionalCStrings(params) { p in
            if let name { return PQsendQueryPrepared(conn, name, Int32(params.count), p, nil, nil, 0) }
            return PQsendQueryParams(conn, sql, Int32(params.count), nil, p, nil, nil, 0)
        }
        guard sent == 1 else { throw failure(nil) }
        Self.afterSendHook?(self)
        var firstError: Failure?
        while let result = PQgetResult(conn) {
            defer { PQclear(result) }
            let status = PQresultStatus(result)
            switch status {
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
                guard firstError == nil else { continue }
                let n = PQntuples(result), f = PQnfields(result)
                for r in 0..<n {
                    var row: [String?] = []
                    row.reserveCapacity(Int(f))
                    for c in 0..<f {
                        if PQgetisnull(result, r, c) == 1 { row.append(nil); continue }
                        let len = Int(PQgetlength(result, r, c))
                        let ptr = PQgetvalue(result, r, c)
                        row.append(ptr.map { p in
                            String(decoding: UnsafeRawBufferPointer(start: p, count: len), as: UTF8.self)
                        } ?? "")
                    }
                    each(row)
                }
            default:
                if firstError == nil { firstError = failure(result) }
            }
        }
        if let firstError { throw firstError }
        if PQstatus(conn) != CONNECTION_OK { throw failure(nil) }
    }

    /// The name of `sql` prepared on this connection (preparing it the first time).
    private func prepare(_ sql: String, parameters: Int, on conn: OpaquePointer) throws(Failure) -> String {
        if let name = prepared[sql] { return name }
        let name = "w\(prepared.count + 1)"
        guard let result = PQprepare(conn, name, sql, Int32(parameters), nil) else { throw failure(nil) }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else { throw failure(result) }
        prepared[sql] = name
        return name
    }

    private func failure(_ result: OpaquePointer?) -> Failure {
        let lost = conn.map { PQstatus($0) != CONNECTION_OK } ?? true
        var message = conn.map { Self.text(PQerrorMessage($0)) } ?? ""
        var state: String? = nil
        if let result {
            let m = Self.text(PQresultErrorMessage(result))
            if !m.isEmpty { message = m }
            let s = Self.text(PQresultErrorField(result, Int32(UInt8(ascii: "C"))))
            if !s.isEmpty { state = s }
        }
        if message.isEmpty { message = "the connection to the server was lost" }
        return Failure(message: location.redact(Self.firstLine(message)), sqlState: state, connectionLost: lost)
    }

    private static func text(_ p: UnsafePointer<CChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p)
    }

    private static func firstLine(_ s: String) -> String {
        let trimmed = s.split(separator: "\n", omittingEmptySubsequences: true)
        return trimmed.map { $0.trimmingSpaces() }.joined(separator: "; ")
    }

    /// A NULL-terminated C array of `strings` (never empty: the terminator is always there).
    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
        let dup = strings.map { strdup($0) } + [nil]
        defer { dup.forEach { free($0) } }
        let constPointers = dup.map { $0.map { UnsafePointer($0) } }
        return constPointers.withUnsafeBufferPointer { b in body(b.baseAddress) }
    }

    private static func withOptionalCStrings<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
        let dup = strings.map { $0.map { strdup($0) } ?? nil }
        defer { dup.forEach { free($0) } }
        let constPointers = dup.map { $0.map { UnsafePointer($0) } }
        return constPointers.withUnsafeBufferPointer { b in body(b.baseAddress) }
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
