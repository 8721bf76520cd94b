import Foundation
import Testing
@testable import WinnowCore

/// `MappedFile.containing` must not hold its registry lock while the last reference to another
/// mapping is dropped (that mapping's `deinit` takes the same lock: it deadlocked a full test
/// run once, seen with gdb). This is a stress check of lookups racing releases; the race window
/// is narrow, and on this machine it did not reproduce the hang against the old code.
@Suite struct MappedFileLockTests {
    @Test func lookingUpWhileOtherMappingsAreReleasedDoesNotDeadlock() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-maplock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.json").path
        try Data("[{\"id\": 1}]".utf8).write(to: URL(fileURLWithPath: path))
        let keeper = try MappedFile(path: path)
        let address = Int(bitPattern: keeper.bytes.baseAddress)
        // Short-lived mappings released on some threads while others look up: with the lock held
        // across the release of a temporary reference, this hangs forever.
        let found = Atomic()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            if worker % 2 == 0 {
                for _ in 0..<30 {
                    // Many live at once, so a lookup walks many entries while they are dropped.
                    var batch: [MappedFile] = []
                    for _ in 0..<100 { if let m = try? MappedFile(path: path) { batch.append(m) } }
                    batch.removeAll()
                }
            } else if let pointer = UnsafeRawPointer(bitPattern: address) {
                for _ in 0..<3000 where MappedFile.containing(pointer) != nil { found.add() }
            }
        }
        #expect(found.value == 4 * 3000)
    }

    private final class Atomic: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.lock(); count += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    }
}
