import Foundation
import Testing
import WinnowCore

/// Runs the built `winnow` binary (found or built by `WinnowBinary`).
enum WinnowCLI {
    static var repo: URL { WinnowBinary.repositoryRoot }
    static var binary: String { WinnowBinary.pathOrPlaceholder }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `winnow args...` to completion with `input` on stdin.
    static func run(_ args: [String], input: String = "", cwd: String? = nil) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try WinnowBinary.path())
        p.arguments = args
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        p.standardError = errPipe
        try p.run()
        inPipe.fileHandleForWriting.write(Data(input.utf8))
        try inPipe.fileHandleForWriting.close()
        // Read both pipes concurrently so a full stderr pipe cannot stall the child.
        nonisolated(unsafe) var errData = Data()
        let errThread = Thread { errData = errPipe.fileHandleForReading.readDataToEndOfFile() }
        errThread.start()
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        while errThread.isExecuting || !errThread.isFinished { usleep(1000) }
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A temporary folder removed when the value goes away.
final class E2ETempDir {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "winnow-e2e-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }

    /// A JSON Lines dataset of `count` small samples with ids s0, s1, ...
    func dataset(count: Int, name: String = "data.jsonl") throws -> String {
        var text = ""
        for i in 0..<count {
            text += #"{"id": "s\#(i)", "image": "i/\#(i).jpg", "conversations": [{"from": "human", "value": "<image>\n问题 \#(i)"}, {"from": "gpt", "value": "回答 \#(i)"}]}"# + "\n"
        }
        let path = file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

extension String {
    /// Parsed JSON objects, one per non-empty line.
    var jsonLines: [JSONValue] {
        split(separator: "\n").compactMap { try? JSONLineDecoding.parse(String($0)) }
    }
}

func jsonInt(_ v: JSONValue?) -> Int? {
    if case .number(let s)? = v { return Int(s) }
    return nil
}
