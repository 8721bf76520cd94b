import Foundation

/// Where a sample's image file was found, if anywhere.
public struct ResolvedImage: Sendable, Equatable {
    /// The path as written in the sample.
    public var reference: String
    /// The absolute path tried first that exists, or the first candidate when none does.
    public var path: String
    public var exists: Bool
    /// File size in bytes when it exists.
    public var byteSize: Int?

    /// A resolved reference (resolvers other than `ImageLocator`, and tests, make these).
    public init(reference: String, path: String, exists: Bool, byteSize: Int? = nil) {
        self.reference = reference
        self.path = path
        self.exists = exists
        self.byteSize = byteSize
    }
}

/// Resolves image references against `--image-root`, then the dataset's folder, then the
/// dataset folder's parent (Qwen-VL's demo lays its paths out relative to that).
public struct ImageLocator: Sendable {
    public var imageRoot: String?
    public var datasetPath: String

    public init(imageRoot: String?, datasetPath: String) {
        self.imageRoot = imageRoot
        self.datasetPath = datasetPath
    }

    /// The folders tried in order.
    public var searchFolders: [String] {
        let absolute = datasetPath.hasPrefix("/")
            ? datasetPath : PathText.join(FileManager.default.currentDirectoryPath, datasetPath)
        let datasetDir = PathText.parent(absolute)
        var folders: [String] = []
        if let imageRoot { folders.append(imageRoot) }
        folders.append(datasetDir)
        let grandparent = PathText.parent(datasetDir)
        if grandparent != datasetDir { folders.append(grandparent) }
        return folders
    }

    /// Resolves one reference; absolute references are used as they are.
    public func resolve(_ reference: String) -> ResolvedImage {
        let candidates: [String]
        if reference.hasPrefix("/") {
            candidates = [reference]
        } else {
            candidates = searchFolders.map { PathText.join($0, reference) }
        }
        for candidate in candidates {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDir), !isDir.boolValue {
                let size = (try? FileManager.default.attributesOfItem(atPath: candidate)[.size] as? Int) ?? nil
                return ResolvedImage(reference: reference, path: candidate, exists: true, byteSize: size)
            }
        }
        return ResolvedImage(reference: reference, path: candidates.first ?? reference, exists: false, byteSize: nil)
    }
}
