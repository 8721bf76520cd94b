import Foundation
import WinnowCore

/// Finds the dataset a command works on: the given path, or the bundled demo dataset, which is
/// embedded in the binary and written once to the user's cache folder so that it can be
/// memory-mapped and its images resolved like any other dataset.
enum DatasetLocator {
    /// The demo dataset's file name inside the embedded `Demo/` folder.
    static let demoFileName = "demo.json"

    /// `file` if given, else the path of the extracted demo dataset.
    static func resolve(_ file: String?) throws -> String {
        if let file { return file }
        return try demoPath()
    }

    /// Writes the embedded demo files (once per content) and returns the dataset's path.
    static func demoPath() throws -> String {
        var hasher = FNV1a64()
        for key in EmbeddedDemo.files.keys.sorted() {
            hasher.combine(key)
            hasher.combine(EmbeddedDemo.files[key] ?? "")
        }
        let dir = cacheRoot().appendingPathComponent("demo-\(hasher.hex)")
        let datasetURL = dir.appendingPathComponent(demoFileName)
        if FileManager.default.fileExists(atPath: datasetURL.path) { return datasetURL.path }
        let staging = cacheRoot().appendingPathComponent(".demo-\(getpid())-\(hasher.hex)")
        try? FileManager.default.removeItem(at: staging)
        for (relative, base64) in EmbeddedDemo.files {
            guard let data = Data(base64Encoded: base64) else { continue }
            let url = staging.appendingPathComponent(relative)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        // Rename the whole folder into place so a concurrent first run never sees half of it.
        do {
            try FileManager.default.moveItem(at: staging, to: dir)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            guard FileManager.default.fileExists(atPath: datasetURL.path) else { throw error }
        }
        return datasetURL.path
    }

    /// `$XDG_CACHE_HOME/winnow`, else `~/.cache/winnow`, else the temporary folder.
    static func cacheRoot() -> URL {
        let env = ProcessInfo.processInfo.environment
        if let xdg = env["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("winnow")
        }
        if let home = env["HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).appendingPathComponent(".cache/winnow")
        }
        return URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("winnow")
    }
}

/// 64-bit FNV-1a, enough to name cache folders by content.
struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func combine(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
    }
    var hex: String { String(value, radix: 16) }
}
