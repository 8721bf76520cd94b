import Foundation
import WinnowCore

/// Finds and reads the project's reject reasons for the review screen (docs/review-screen.md,
/// "Reject reasons"): `--reasons FILE`, else `DATASET.reasons`, else `.winnow-reasons` in the
/// dataset's folder, else the built-in seven.
enum ReasonsFile {
    /// The project files looked for beside `datasetPath`, in order.
    static func candidates(forDataset datasetPath: String) -> [String] {
        let folder = (datasetPath as NSString).deletingLastPathComponent
        return [datasetPath + ".reasons", (folder.isEmpty ? "." : folder) + "/.winnow-reasons"]
    }

    /// The reasons and the file they came from (nil: the built-in list).
    static func load(option: String?, datasetPath: String) throws(ReasonList.Problem) -> (reasons: [String], file: String?)? {
        let path: String
        if let option {
            path = option
        } else if let found = candidates(forDataset: datasetPath).first(where: { FileManager.default.fileExists(atPath: $0) }) {
            path = found
        } else {
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReasonList.Problem(file: path, line: 0, message: "cannot read the reasons file")
        }
        return (try ReasonList.parse([UInt8](data), file: path), path)
    }
}
