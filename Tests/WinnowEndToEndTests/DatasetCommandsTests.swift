import Foundation
import Testing

/// Runs the built `winnow` binary (stats, validate, show) like a user would.
@Suite struct DatasetCommandsTests {
    struct Output { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ args: [String], env: [String: String] = [:]) throws -> Output {
        let binary = try WinnowBinary.path()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = args
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temp(_ text: String, name: String = "d.json") -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-e2e-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    let cache = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-e2e-cache").path

    @Test func statsOnTheDemoDataset() throws {
        let out = try Self.run(["stats", "--json"], env: ["XDG_CACHE_HOME": cache])
        #expect(out.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect((json["samples"] as? Int ?? 0) >= 30)
        let types = try #require(json["taskTypes"] as? [String: Int])
        #expect(types.keys.count == 3)
        #expect((json["imagesFound"] as? Int ?? 0) >= 3)
        #expect((json["imagesMissing"] as? Int) == 1)
    }

    @Test func showSanitisesEscapesAndBidi() throws {
        let list = try Self.run(["validate"], env: ["XDG_CACHE_HOME": cache])
        #expect(list.status == 1)  // the demo has deliberate defects (an empty turn)
        var foundEscape = false, foundBidi = false
        for index in 0..<40 {
            let out = try Self.run(["show", String(index)], env: ["XDG_CACHE_HOME": cache])
            guard out.status == 0 else { continue }
            #expect(!out.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
            if out.stdout.contains("␛[31m") { foundEscape = true }
            if out.stdout.contains("\\u{202E}") { foundBidi = true }
        }
        #expect(foundEscape)
        #expect(foundBidi)
    }

    @Test func showByIDAndByIndexOfAFile() throws {
        let path = Self.temp(#"[{"id": "a", "conversations": [{"from": "human", "value": "你好\u001b[2J"}, {"from": "gpt", "value": "好"}]}, {"id": 7, "conversations": [{"from": "human", "value": "q"}]}]"#)
        let out = try Self.run(["show", path, "--id", "7", "--no-index-cache"])
        #expect(out.status == 0)
        #expect(out.stdout.contains("sample 1 of 2 · id 7"))
        let first = try Self.run(["show", path, "0", "--no-index-cache"])
        #expect(first.stdout.contains("你好␛[2J"))
        #expect(first.stdout.contains("── human ──"))
        let missing = try Self.run(["show", path, "5", "--no-index-cache"])
        #expect(missing.status != 0)
    }

    @Test func validateExitCodesAndLocations() throws {
        let clean = Self.temp(#"[{"id": "a", "conversations": [{"from": "human", "value": "q"}, {"from": "gpt", "value": "a"}]}]"#)
        let ok = try Self.run(["validate", clean, "--no-index-cache"])
        #expect(ok.status == 0)
        let broken = Self.temp("[\n{\"id\": 1, \"conversations\": [}\n]\n")
        let bad = try Self.run(["validate", broken, "--no-index-cache"])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains(broken + ":2:"))
        #expect(bad.stdout.contains("sample 0"))
        let object = Self.temp("{\n \"a\": 1\n}\n")
        let unusable = try Self.run(["validate", object, "--no-index-cache"])
        #expect(unusable.status == 65)
        #expect(unusable.stderr.contains("one JSON object"))
    }

    @Test func formatOverride() throws {
        let path = Self.temp(#"{"id": "x", "conversations": []}"# + "\n", name: "d.txt")
        let out = try Self.run(["stats", path, "--format", "json", "--no-index-cache"])
        #expect(out.status == 65)
        let jsonl = try Self.run(["stats", path, "--format", "jsonl", "--no-index-cache", "--json"])
        #expect(jsonl.status == 0)
        #expect(jsonl.stdout.contains("\"samples\" : 1"))
    }
}
