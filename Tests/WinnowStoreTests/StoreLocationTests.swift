import Testing
@testable import WinnowStore

@Suite("Store locations")
struct StoreLocationTests {
    @Test func passwordsAreRedactedEverywhere() throws {
        let l = try StoreLocation("postgres://ann:s3cr%40t@db.example.org:5432/team?sslmode=require")
        #expect(l.redacted == "postgres://ann:***@db.example.org:5432/team?sslmode=require")
        #expect(l.redact("could not connect with s3cr%40t") == "could not connect with ***")
        let kv = try StoreLocation("host=/run/pg dbname=team password=hunter2")
        #expect(kv.redacted == "host=/run/pg dbname=team password=***")
        #expect(try StoreLocation("postgres://ann@%2Frun%2Fpg:5432/team").redacted == "postgres://ann@%2Frun%2Fpg:5432/team")
    }

    @Test func somethingElseIsRefused() {
        #expect(throws: StoreError.self) { try StoreLocation("") }
        #expect(throws: StoreError.self) { try StoreLocation("db.example.org/team") }
        #expect(throws: StoreError.self) { try StoreLocation("postgres://ann@host/db?nosuchoption=1") }
    }

    @Test func missingServerBinariesNameTheDebianPackage() {
        #expect(ScratchPostgres.binDir(environment: ["WINNOW_PG_BINDIR": "/nonexistent-winnow-test"]) == nil)
        #expect(ScratchPostgres.missingMessage.contains("`postgresql`"))
    }
}
