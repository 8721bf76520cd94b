import Foundation

/// Where the team store is: a libpq connection URL (`postgres://USER@HOST:PORT/DB?sslmode=...`)
/// or key=value string, passed to libpq unchanged so its conventions hold (PGPASSWORD,
/// ~/.pgpass, `host=/socket/dir` or a percent-encoded socket path as the host).
///
/// A password written into the URL is never shown: `redacted` replaces it, and `redact(_:)`
/// scrubs it from any message before it is printed.
public struct StoreLocation: Sendable, Equatable, CustomStringConvertible {
    /// The environment variable read when `--store` is not given.
    public static let environmentKey = "WINNOW_STORE"

    /// The string handed to libpq.
    let url: String
    private let password: String?

    /// Checks the form only (libpq checks the rest when connecting).
    public init(_ url: String) throws(StoreError) {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .badLocation("the store location is empty") }
        let isURL = trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://")
        if !isURL && !trimmed.contains("=") {
            throw .badLocation("'\(StoreLocation.scrub(trimmed))' is not a PostgreSQL URL: expected postgres://USER@HOST:PORT/DATABASE")
        }
        if let why = PGConnection.parseError(trimmed) {
            throw .badLocation("'\(StoreLocation.scrub(trimmed))' is not a usable PostgreSQL URL: \(why)")
        }
        self.url = trimmed
        self.password = StoreLocation.findPassword(trimmed)
    }

    /// The URL with its password (if any) replaced by `***`.
    public var redacted: String { redact(url) }
    public var description: String { redacted }

    /// `text` with the password of this location replaced by `***`.
    public func redact(_ text: String) -> String {
        var out = StoreLocation.scrub(text)
        if let password, !password.isEmpty { out = out.replacingOccurrences(of: password, with: "***") }
        return out
    }

    /// Removes `user:password@` and `password=...` forms from any text.
    static func scrub(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        // user:password@ after a scheme.
        while let schemeEnd = rest.range(of: "://") {
            out += rest[..<schemeEnd.upperBound]
            rest = rest[schemeEnd.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == " " }) ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                out += authority[..<colon] + ":***" + authority[at...]
                rest = rest[authorityEnd...]
            }
        }
        out += rest
        // password=... in a query string or a key=value string.
        var result = ""
        var s = Substring(out)
        while let r = s.range(of: "password=") {
            result += s[..<r.upperBound] + "***"
            s = s[r.upperBound...]
            let end = s.firstIndex(where: { $0 == "&" || $0 == " " }) ?? s.endIndex
            s = s[end...]
        }
        return result + s
    }

    private static func findPassword(_ url: String) -> String? {
        if let r = url.range(of: "://") {
            let rest = url[r.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                return String(authority[authority.index(after: colon)..<at])
            }
        }
        if let r = url.range(of: "password=") {
            let rest = url[r.upperBound...]
            let end = rest.firstIndex(where: { $0 == "&" || $0 == " " }) ?? rest.endIndex
            return String(rest[..<end])
        }
        return nil
    }
}

