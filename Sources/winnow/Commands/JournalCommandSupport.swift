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

    /// Reads a journal given on the command line; one that is missing or cannot be read is a
    /// bad input (65), not an output that cannot be written (73, what `.io` maps to).
    static func readJournal(_ path: String) throws -> JournalContents {
        do { return try JournalReader.read(path: path) } catch { throw fail(error, reading: true) }
    }

    /// Maps a journal error to a message and exit code (`reading`: the journal is only an
    /// input here, so an I/O failure is a bad input rather than an unwritable output).
    static func fail(_ error: JournalError, reading: Bool = false) -> ExitCode {
        warn("winnow: \(error.description)")
        switch error {
        case .locked, .notWritable: return WinnowExit.journalUnavailable
        case .io: return reading ? WinnowExit.badInput : WinnowExit.cannotWrite
        case .invalid: return WinnowExit.badInput
        }
    }

    /// `sanitize` applied to each line of a multi-line message, keeping its line breaks.
    static func sanitizeLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { sanitize(String($0)) }.joined(separator: "\n")
    }

    /// Text from a journal or dataset made safe for one line of a terminal: line breaks and
    /// tabs as `\n`, `\r`, `\t`, everything else as `VisibleText` shows it (control pictures,
    /// visible escapes for C1 controls and bidi overrides), so `journal log` matches the viewer.
    static func sanitize(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "\\r")
            .replacingOccurrences(of: "\t", with: "\\t")
        return VisibleText.sanitize(escaped, keepNewlines: false, keepTabs: false)
    }
}
