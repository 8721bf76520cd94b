/// Path string helpers for POSIX paths.
///
/// Why not `NSString`'s path methods: in this toolchain's Foundation (swift-corelibs,
/// Swift 6.3.1) `lastPathComponent` and `deletingLastPathComponent` trap on any one-character
/// path (`"a"`, `"."`), and such paths come straight from the command line and from files.
public enum PathText {
    /// The last component (`"/a/b.json"` -> `"b.json"`, `"a"` -> `"a"`, `"/"` -> `"/"`).
    public static func lastComponent(_ path: String) -> String {
        let trimmed = trimTrailingSlashes(path)
        if trimmed == "/" { return "/" }
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// The path without its last component (`"/a/b"` -> `"/a"`, `"b"` -> `""`, `"/b"` -> `"/"`).
    public static func parent(_ path: String) -> String {
        let trimmed = trimTrailingSlashes(path)
        if trimmed == "/" { return "/" }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        return trimTrailingSlashes(String(trimmed[..<slash]))
    }

    /// `base` and `component` joined with one slash (`component` as is when `base` is empty).
    public static func join(_ base: String, _ component: String) -> String {
        if base.isEmpty { return component }
        if base.hasSuffix("/") { return base + component }
        return base + "/" + component
    }

    /// The extension without its dot (`"a.json"` -> `"json"`), or "".
    public static func fileExtension(_ path: String) -> String {
        let name = lastComponent(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    private static func trimTrailingSlashes(_ path: String) -> String {
        var s = Substring(path)
        while s.count > 1 && s.hasSuffix("/") { s = s.dropLast() }
        return String(s)
    }
}
