import Foundation
import Testing
@testable import WinnowCore

/// Image references from an untrusted dataset never reach a file outside the image roots.
@Suite struct ImageLocatorTests {
    /// root/data/d.json, root/data/images/a.jpg, root/secret.txt, outside/passwd and
    /// root/data/images/escape -> outside (a symlink out of the dataset's folders).
    private func layout() throws -> (root: String, dataset: String, outside: String) {
        let base = makeTempDir().path
        let root = base + "/root", outside = base + "/outside"
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/data/images", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: outside, withIntermediateDirectories: true)
        _ = fm.createFile(atPath: root + "/data/d.json", contents: Data("[]".utf8))
        _ = fm.createFile(atPath: root + "/data/images/a.jpg", contents: Data("jpg".utf8))
        _ = fm.createFile(atPath: outside + "/passwd", contents: Data("secret".utf8))
        try fm.createSymbolicLink(atPath: root + "/data/images/escape", withDestinationPath: outside)
        try fm.createSymbolicLink(atPath: root + "/data/images/inside.jpg", withDestinationPath: root + "/data/images/a.jpg")
        return (root, root + "/data/d.json", outside)
    }

    @Test func relativePathsInsideTheRootResolve() throws {
        let (root, dataset, _) = try layout()
        let locator = ImageLocator(imageRoot: nil, datasetPath: dataset)
        let a = locator.resolve("images/a.jpg")
        #expect(a.exists && a.refusal == nil)
        #expect(a.path == root + "/data/images/a.jpg")
        #expect(locator.resolve("images/../images/./a.jpg").exists)
        // A symlink that stays inside is fine (and resolved, so nothing re-follows it later).
        #expect(locator.resolve("images/inside.jpg").path == root + "/data/images/a.jpg")
        // Relative to the dataset folder's parent (the Qwen-VL layout).
        #expect(locator.resolve("data/images/a.jpg").exists)
        let missing = locator.resolve("images/none.jpg")
        #expect(!missing.exists && missing.refusal == nil && missing.problem == "missing")
    }

    @Test(arguments: ["../../../../etc/passwd", "../../../../../../../../etc/passwd", "images/../../../outside/passwd",
                      "../outside/passwd", "images/escape/passwd", "images/escape/../outside/passwd"])
    func pathsLeavingTheRootAreRefused(reference: String) throws {
        let (_, dataset, _) = try layout()
        let r = ImageLocator(imageRoot: nil, datasetPath: dataset).resolve(reference)
        #expect(!r.exists)
        #expect(r.refusal == "outside the image root")
        #expect(r.problem == "outside the image root")
        #expect(r.byteSize == nil)
    }

    @Test func absolutePathsOnlyUnderANamedFolder() throws {
        let (root, dataset, outside) = try layout()
        let plain = ImageLocator(imageRoot: nil, datasetPath: dataset)
        #expect(plain.resolve(root + "/data/images/a.jpg").refusal == "outside the image root")
        #expect(plain.resolve("/etc/passwd").refusal == "outside the image root")
        let rooted = ImageLocator(imageRoots: [root + "/data/images"], allowedFolders: [], datasetPath: dataset)
        #expect(rooted.resolve(root + "/data/images/a.jpg").exists)
        // Under the root by name, outside it through a symlink: refused.
        #expect(rooted.resolve(root + "/data/images/escape/passwd").refusal == "outside the image root")
        #expect(rooted.resolve(root + "/data/images/../../secret.txt").refusal == "outside the image root")
        let allowed = ImageLocator(imageRoots: [], allowedFolders: [outside], datasetPath: dataset)
        #expect(allowed.resolve(outside + "/passwd").exists)
        #expect(allowed.resolve("/etc/passwd").refusal == "outside the image root")
    }

    @Test func imageRootsAreTriedInOrderAndAreRootsToo() throws {
        let (root, dataset, outside) = try layout()
        let locator = ImageLocator(imageRoots: [outside, root + "/data/images"], allowedFolders: [], datasetPath: dataset)
        #expect(locator.resolve("passwd").path == outside + "/passwd")
        #expect(locator.resolve("a.jpg").path == root + "/data/images/a.jpg")
        #expect(locator.resolve("../data/images/a.jpg").refusal == "outside the image root")
    }
}
