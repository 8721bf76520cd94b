@testable import WinnowStore

/// The throw-away server of WinnowStore (shared with winnow-bench).
typealias PostgresServer = ScratchPostgres
