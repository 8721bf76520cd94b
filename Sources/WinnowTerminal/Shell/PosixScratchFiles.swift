#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WinnowUI

/// The external editor's temporary files on the real file system: created with `mkstemps`
/// (0600, `O_EXCL`), read back and removed with plain POSIX calls.
public struct PosixScratchFiles: ScratchFiles {
    public init() {}

    public func create(_ text: String, in directory: String, prefix: String,
                       suffix: String) throws(ExternalEditError) -> String {
        var template = Array((directory + "/" + prefix + "XXXXXX" + suffix).utf8CString)
        let suffixLength = Int32(clamping: suffix.utf8.count)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemps(base, suffixLength)  // mkstemp(s) creates the file 0600, O_EXCL
        }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard fd >= 0 else { throw .tempFile(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        _ = fchmod(fd, 0o600)
        var bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return write(fd, base + written, raw.count - written)
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let reason = String(cString: strerror(errno))
                _ = unlink(path)
                throw .tempFile(path: path, reason: reason)
            }
            written += n
        }
        return path
    }

    public func read(_ path: String) throws(ExternalEditError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .tempFile(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { raw in readSome(fd, raw.baseAddress, raw.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw .tempFile(path: path, reason: String(cString: strerror(errno))) }
            if n == 0 { break }
            result.append(contentsOf: buffer[0..<n])
        }
        return result
    }

    public func discard(_ path: String) {
        _ = unlink(path)
    }
}

/// libc `read`, which the method of the same name hides inside the type.
private func readSome(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
