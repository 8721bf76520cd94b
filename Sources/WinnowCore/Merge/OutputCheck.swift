import Dispatch

/// The last check before a merged file is renamed into place: re-read it with Winnow's own
/// parser and confirm training code can load it (a JSON array of objects, or JSON Lines with
/// one object per line and nothing else).
public enum OutputCheck {
    /// Why `bytes` is not a loadable `container` file, or nil when it is.
    public static func problem(in bytes: UnsafeRawBufferPointer, container: DatasetContainer) -> String? {
        switch container {
        case .jsonArray: return arrayProblem(bytes)
        case .jsonLines: return linesProblem(bytes)
        }
    }

    /// Reads the file at `path` (mapped, not copied) and checks it.
    static func problem(atPath path: String, container: DatasetContainer) -> String? {
        let file: MappedFile
        do { file = try MappedFile(path: path) } catch {
            // An empty file cannot be mapped on every system; it is valid JSON Lines only.
            if let size = fileSize(path), size == 0 { return container == .jsonLines ? nil : "the file is empty, not a JSON array" }
            return "cannot read it back: \(error.description)"
        }
        return problem(in: file.bytes, container: container)
    }

    private static func fileSize(_ path: String) -> Int? {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : nil
    }

    private static func arrayProblem(_ bytes: UnsafeRawBufferPointer) -> String? {
        var p = JSONParser(bytes: bytes)
        guard p.consume(UInt8(ascii: "[")) else { return "byte \(p.byteOffset): it does not start with '[' (a JSON array)" }
        if p.consume(UInt8(ascii: "]")) {
            return p.isAtEndAfterWhitespace() ? nil : "byte \(p.byteOffset): data after the closing ']'"
        }
        var element = 0
        while true {
            guard p.peekAfterWhitespace() == UInt8(ascii: "{") else {
                return "byte \(p.byteOffset): element \(element) is not a JSON object"
            }
            do { try p.skipValue() } catch { return "element \(element): \(error.description)" }
            element += 1
            if p.consume(UInt8(ascii: ",")) { continue }
            if p.consume(UInt8(ascii: "]")) { break }
            return "byte \(p.byteOffset): expected ',' or ']' after element \(element - 1)"
        }
        return p.isAtEndAfterWhitespace() ? nil : "byte \(p.byteOffset): data after the closing ']'"
    }

    /// JSON Lines are checked in parts on every core (lines are independent); only when a part
    /// fails is the whole file read again in order, for the exact line number.
    private static func linesProblem(_ bytes: UnsafeRawBufferPointer) -> String? {
        let n = bytes.count
        guard n >= 8 << 20, let base = bytes.baseAddress else { return linesProblem(bytes, from: 0, to: n) }
        let parts = 16
        var bounds = [0]
        for k in 1..<parts {
            let nominal = max(k * n / parts, bounds[bounds.count - 1])
            guard nominal < n, let hit = memchr(base + nominal, 0x0A, n - nominal) else { break }
            bounds.append(base.distance(to: UnsafeRawPointer(hit)) + 1)
        }
        bounds.append(n)
        let cuts = bounds
        let address = Int(bitPattern: base)
        let failed = Mutex()
        nonisolated(unsafe) var anyFailed = false
        DispatchQueue.concurrentPerform(iterations: cuts.count - 1) { k in
            guard let start = UnsafeRawPointer(bitPattern: address) else { return }
            let whole = UnsafeRawBufferPointer(start: start, count: n)
            if linesProblem(whole, from: cuts[k], to: cuts[k + 1]) != nil { failed.withLock { anyFailed = true } }
        }
        return failed.withLock { anyFailed } ? linesProblem(bytes, from: 0, to: n) : nil
    }

    /// Checks the lines in `from..<to` (`from` is at the start of a line); numbers lines from
    /// 1 at `from`.
    private static func linesProblem(_ bytes: UnsafeRawBufferPointer, from: Int, to n: Int) -> String? {
        var start = from, line = 1
        while start < n {
            var end = start
            if let base = bytes.baseAddress, let hit = memchr(base + start, 0x0A, n - start) {
                end = base.distance(to: UnsafeRawPointer(hit))
            } else {
                end = n
            }
            var stop = end
            if stop > start, bytes[stop - 1] == 0x0D { stop -= 1 }
            let text = UnsafeRawBufferPointer(rebasing: bytes[start..<stop])
            var p = JSONParser(bytes: text, baseOffset: start)
            guard p.peekAfterWhitespace() == UInt8(ascii: "{") else {
                return "line \(line) (byte \(start)): " + (p.isAtEndAfterWhitespace() ? "an empty line" : "not a JSON object")
            }
            do { try p.skipValue() } catch { return "line \(line): \(error.description)" }
            guard p.isAtEndAfterWhitespace() else { return "line \(line) (byte \(p.byteOffset)): data after the object" }
            start = end + 1
            line += 1
        }
        return nil
    }
}

#if canImport(Glibc)
import Glibc
#endif
