import Foundation
import WinnowUI

/// Keymap files read from the file system, for `KeymapLoader`.
public struct DiskKeymapFiles: KeymapFiles {
    public init() {}

    public func text(atPath path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
