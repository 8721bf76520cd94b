#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where a sample's image file was found, if anywhere.
public struct ResolvedImage: Sendable, Equatable {
    /// The path as written in the sample.
    public var reference: String
    /// The absolute path tried first that exists, or the first candidate when none does.
    /// For a refused reference, the reference itself (never opened).
    public var path: String
    /// Whether the file exists and may be opened (false for a refused reference).
    public var exists: Bool
    /// File size in bytes when it exists.
    public var byteSize: Int?
    /// Set when the reference points outside the image roots: the file is then never opened,
    /// decoded or handed to a viewer, whether it exists or not.
    public var refusal: String?

    /// "outside the image root" for a refused reference, "missing" for one not found, else nil.
    public var problem: String? { refusal ?? (exists ? nil : "missing") }

    /// The message shown for a refused reference.
    public static let outsideRootMessage = "outside the image root"
}

/// Resolves image references, and refuses those that would read files outside the folders the
/// dataset may show.
///
/// Dataset text is untrusted: an `image` of `../../../../etc/passwd` or a symlink inside the
/// image folder pointing at `~/.ssh` must not get a file read, decoded or handed to a viewer.
///
/// - A relative reference is tried against each image root in turn: the `--image-root`
///   folders, then the dataset's folder, then that folder's parent (Qwen-VL's demo lays its
///   paths out relative to it). It is accepted only when the file, after resolving `..` and
///   every symlink (`realpath`), is inside the (equally resolved) root it was joined to.
/// - An absolute reference is accepted only inside a folder the user named (`--image-root` or
///   `--allow-image-dir`), again after resolving symlinks; other absolute paths are refused
///   without touching the file system.
public struct ImageLocator: Sendable {
    /// The first `--image-root` (kept for callers that give one).
    public var imageRoot: String? { imageRoots.first }
    /// `--image-root` folders, tried first, in order.
    public var imageRoots: [String]
    /// Folders where absolute references may point (`--allow-image-dir`); the image roots are
    /// allowed too.
    public var allowedFolders: [String]
    public var datasetPath: String

    public init(imageRoot: String?, datasetPath: String) {
        self.init(imageRoots: imageRoot.map { [$0] } ?? [], allowedFolders: [], datasetPath: datasetPath)
    }

    public init(imageRoots: [String], allowedFolders: [String], datasetPath: String) {
        self.imageRoots = imageRoots
        self.allowedFolders = allowedFolders
        self.datasetPath = datasetPath
    }

    /// The folders relative references are tried against, in order.
    public var searchFolders: [String] {
        let absolute = datasetPath.hasPrefix("/")
            ? datasetPath : PathText.join(FileManager.default.currentDirectoryPath, datasetPath)
        let datasetDir = PathText.parent(absolute)
        var folders: [String] = imageRoots.map(Self.absolute)
        folders.append(datasetDir)
        let grandparent = PathText.parent(datasetDir)
        if grandparent != datasetDir { folders.append(grandparent) }
        return folders
    }

    /// Resolves one reference.
    public func resolve(_ reference: String) -> ResolvedImage {
        if reference.hasPrefix("/") { return resolveAbsolute(reference) }
        // A reference whose `..` climb above its start is refused before any file is looked at
        // (whatever the root, it ends up outside it).
        guard !reference.isEmpty, !reference.contains("\0"), Self.staysInside(reference) else {
            return refused(reference)
        }
        var refusedSomewhere = false
        for root in searchFolders {
            let candidate = PathText.join(root, reference)
            guard let real = Self.realPath(candidate) else { continue }
            guard let realRoot = Self.realPath(root), Self.isInside(real, realRoot) else {
                refusedSomewhere = true  // a symlink out of this root
                continue
            }
            if let found = Self.regularFile(reference, real) { return found }
        }
        if refusedSomewhere { return refused(reference) }
        let first = searchFolders.first.map { PathText.join($0, reference) } ?? reference
        return ResolvedImage(reference: reference, path: first, exists: false, byteSize: nil, refusal: nil)
    }

    private func resolveAbsolute(_ reference: String) -> ResolvedImage {
        let folders = (imageRoots + allowedFolders).map(Self.absolute)
        // Refuse without touching the file system unless the path is under a named folder.
        guard !reference.contains("\0"), folders.contains(where: { Self.isInside(Self.lexical(reference), Self.lexical($0)) }) else {
            return refused(reference)
        }
        guard let real = Self.realPath(reference) else {
            return ResolvedImage(reference: reference, path: reference, exists: false, byteSize: nil, refusal: nil)
        }
        guard folders.contains(where: { folder in Self.realPath(folder).map { Self.isInside(real, $0) } ?? false }) else {
            return refused(reference)
        }
        return Self.regularFile(reference, real)
            ?? ResolvedImage(reference: reference, path: reference, exists: false, byteSize: nil, refusal: nil)
    }

    private func refused(_ reference: String) -> ResolvedImage {
        ResolvedImage(reference: reference, path: reference, exists: false, byteSize: nil,
                      refusal: ResolvedImage.outsideRootMessage)
    }

    /// A found regular file (by its resolved path, so nothing re-follows a symlink later).
    private static func regularFile(_ reference: String, _ real: String) -> ResolvedImage? {
        var st = stat()
        guard stat(real, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return ResolvedImage(reference: reference, path: real, exists: true, byteSize: Int(st.st_size), refusal: nil)
    }

    /// `realpath(3)`: absolute, no `.`/`..`, no symlinks; nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// Whether `path` equals `folder` or lies below it (both absolute and normalised).
    static func isInside(_ path: String, _ folder: String) -> Bool {
        if folder == "/" { return path.hasPrefix("/") }
        return path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    /// Whether a relative path's `..` never climb above where it starts (`a/../b` yes,
    /// `a/../../b` no).
    static func staysInside(_ relative: String) -> Bool {
        var depth = 0
        for part in relative.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { depth -= 1; if depth < 0 { return false } } else { depth += 1 }
        }
        return true
    }

    /// `.` and `..` removed without looking at the file system (for the first, cheap check).
    static func lexical(_ absolute: String) -> String {
        var parts: [Substring] = []
        for part in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    private static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : PathText.join(FileManager.default.currentDirectoryPath, path)
    }
}
