import ArgumentParser
import Foundation
import WinnowCore

/// Shared plumbing of the journal commands (`merge`, `decide`, `journal ...`).
enum JournalCommandSupport {
    /// Writes a line to stderr.
    static func warn(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes a line to stdout at once (unbuffered), so a reader sees it as soon as it is true.
    static func say(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Opens the dataset or exits with a clear message.
    static func openDataset(_ file: String?) throws -> Dataset {
        let path: String
        do { path = try DatasetLocator.resolve(file) } catch {
            warn("winnow: cannot find the dataset: \(error)")
            throw WinnowExit.badInput
        }
        do { return try Dataset.open(path: path) } catch {
            warn("winnow: \(error.description)")
            throw WinnowExit.badInput
        }
    }

    /// Maps a journal error to a message and exit code.
    static func fail(_ error: JournalError) -> ExitCode {
        warn("winnow: \(error.description)")
        switch error {
        case .locked, .notWritable: return WinnowExit.journalUnavailable
        case .io: return WinnowExit.cannotWrite
        case .invalid: return WinnowExit.badInput
        }
    }

    /// `sanitize` applied to each line of a multi-line message, keeping its line breaks.
    static func sanitizeLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { sanitize(String($0)) }.joined(separator: "\n")
    }

    /// Text from a journal or dataset made safe for a terminal: control characters, C1
    /// controls, DEL and bidi overrides are shown as visible escapes, never sent raw.
    static func sanitize(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "\\n"
            case 0x09: out += "\\t"
            case 0x0D: out += "\\r"
            case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C:
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
