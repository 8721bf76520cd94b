import Foundation
import Testing
@testable import WinnowCore

/// A fresh temporary folder per call; tests never share files.
func makeTempDir() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-core-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `bytes` to a new temp file and returns its path.
func writeTemp(_ bytes: [UInt8], name: String = "data.json") -> String {
    let url = makeTempDir().appendingPathComponent(name)
    FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
    return url.path
}

func writeTemp(_ text: String, name: String = "data.json") -> String { writeTemp(Array(text.utf8), name: name) }

/// Opens without touching any index cache.
func openUncached(_ path: String, container: DatasetContainer? = nil) throws(DatasetError) -> Dataset {
    try Dataset.open(path: path, options: DatasetOptions(container: container, useIndexCache: false))
}

/// A tiny deterministic generator (SplitMix64) so generated tests reproduce exactly.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `<repo>/../shared/real-samples`, found from this file's path; nil when absent.
func realSamplesFolder(file: String = #filePath) -> URL? {
    let repo = URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let folder = repo.deletingLastPathComponent().appendingPathComponent("shared/real-samples")
    return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
}

/// Why a test that needs the real samples did not run.
let realSamplesReason: Comment = "needs ../shared/real-samples beside the checkout"
