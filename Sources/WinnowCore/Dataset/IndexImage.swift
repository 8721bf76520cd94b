#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

// An index image, written once and then mapped:
//
//   magic "WINNOWIX", version u32, 4 zero bytes
//   rows          count x 10 bytes (SampleTable.rowSize)
//   (zero padding to 8)
//   checkpoints   one per 64 samples: first start i64, checksum of the block's rows u64
//   exceptions    40-byte full-width records, sorted by sample index
//   id order      u32 sample indices with an id, sorted by (id hash, index)
//   (zero padding to 8)
//   header        key, container, style, fingerprint, problems, section offsets and checksums
//   trailer       header offset u64, header length u64, header checksum u64, magic
//
// Rows are streamed to the file while indexing, so a fresh index of 6.4M samples costs page
// cache, not process memory; the header goes last because it needs the finished table.

/// Where an image's bytes live: a mapped file, or owned memory when no file could be written.
final class IndexImageStorage: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    private let file: MappedFile?
    private let memory: UnsafeMutableRawBufferPointer?

    init(file: MappedFile) {
        self.file = file
        self.memory = nil
        self.bytes = file.bytes
    }

    init(copying data: [UInt8]) {
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, data.count), alignment: 8)
        data.withUnsafeBytes { source in
            if let from = source.baseAddress, let to = memory.baseAddress { to.copyMemory(from: from, byteCount: data.count) }
        }
        self.memory = memory
        self.file = nil
        self.bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(memory)[0..<data.count])
    }

    deinit { memory?.deallocate() }
}

/// Writes an image through a 1 MB buffer to a file; if the file cannot be written (disk
/// full), everything moves to memory so that the dataset still opens.
final class IndexImageSink {
    private var fd: Int32
    private let tempPath: String
    private let finalPath: String?
    private var buffer: [UInt8] = []
    private var flushed = 0
    private var inMemory = false
    private static let flushSize = 1 << 20

    init(fd: Int32, tempPath: String, finalPath: String?) {
        self.fd = fd
        self.tempPath = tempPath
        self.finalPath = finalPath
        buffer.reserveCapacity(Self.flushSize + 64)
    }

    /// An image kept in memory only (no writable folder).
    static func memory() -> IndexImageSink {
        let sink = IndexImageSink(fd: -1, tempPath: "", finalPath: nil)
        sink.inMemory = true
        return sink
    }

    deinit { discard() }

    /// Bytes written so far.
    var offset: Int { flushed + buffer.count }

    func write(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
        if !inMemory && buffer.count >= Self.flushSize { flush() }
    }

    func write(_ bytes: [UInt8]) { bytes.withUnsafeBytes { write($0) } }

    func padTo8() {
        while offset % 8 != 0 { buffer.append(0) }
    }

    private func flush() {
        guard !inMemory, !buffer.isEmpty else { return }
        var done = 0
        let ok = buffer.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return true }
            while done < raw.count {
                let n = Glibc.write(fd, base + done, raw.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
        if ok {
            flushed += buffer.count
            buffer.removeAll(keepingCapacity: true)
        } else {
            moveToMemory()
        }
    }

    /// Reads what reached the file back and goes on in memory.
    private func moveToMemory() {
        var head = [UInt8](repeating: 0, count: flushed)
        var done = 0
        let readBack = head.withUnsafeMutableBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return true }
            while done < raw.count {
                let n = pread(fd, base + done, raw.count - done, off_t(done))
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
        if !readBack { head = [UInt8](repeating: 0, count: flushed) }
        buffer = head + buffer
        flushed = 0
        inMemory = true
        discard()
    }

    /// Maps everything written so far (the file keeps growing after; the mapping does not).
    /// `final`: the last mapping, after which an unnamed scratch file loses its name.
    func map(final: Bool = true) -> IndexImageStorage {
        if !inMemory {
            flush()
            if !inMemory, let file = try? MappedFile(path: tempPath) {
                file.adviseNormal()
                if final && finalPath == nil { unlink(tempPath) }
                return IndexImageStorage(file: file)
            }
            moveToMemory()
        }
        return IndexImageStorage(copying: buffer)
    }

    /// Finishes the file and renames it into place; false when it stays in memory only.
    @discardableResult
    func publish() -> Bool {
        flush()
        guard !inMemory, let finalPath else { discard(); return false }
        close(fd)
        fd = -1
        if rename(tempPath, finalPath) == 0 { return true }
        unlink(tempPath)
        return false
    }

    func discard() {
        if fd >= 0 {
            close(fd)
            fd = -1
            unlink(tempPath)
        }
    }
}

/// Builds the sections of an image while the indexer finds samples.
struct SampleTableBuilder {
    let sink: IndexImageSink
    private let base: UnsafeRawPointer?
    private let fileSize: Int
    private(set) var count = 0
    private var lastEnd = 0
    private var blockRows: [UInt8] = []
    private var blockStart: Int64 = 0
    private var checkpoints: [UInt8] = []
    private var exceptions: [UInt8] = []
    /// (id hash << 32 | index) of every sample with an id, collected while indexing (the hash
    /// the scan computed, so no second walk over the ids) and sorted at the end.
    private(set) var idKeys: [UInt64] = []
    /// Whether `append` collects `idKeys` (off while a parallel run re-adds its second part,
    /// whose keys it brings along already sorted).
    var collectsIDKeys = true
    /// Where the rows begin in the image.
    static let rowsOffset = 16

    /// Bytes this builder's samples come from (a part of the file in a parallel run), for
    /// reserving the id keys once instead of doubling them (a doubling at 6.4M samples costs
    /// tens of MB of RssAnon for a moment).
    private var scannedBytes = 0
    private var firstStart = 0

    init(sink: IndexImageSink, bytes: UnsafeRawBufferPointer, expectedCount: Int = 0, scannedBytes: Int = 0) {
        self.scannedBytes = scannedBytes
        self.sink = sink
        self.base = bytes.baseAddress
        self.fileSize = bytes.count
        if expectedCount > 0 { idKeys.reserveCapacity(expectedCount) }
        var head = IndexCache.magic
        withUnsafeBytes(of: IndexCache.version.littleEndian) { head.append(contentsOf: $0) }
        head.append(contentsOf: [0, 0, 0, 0])
        sink.write(head)
        blockRows.reserveCapacity(SampleTable.blockSize * SampleTable.rowSize)
    }

    /// Adds the next sample. `idHash` nil asks for the hash of the decoded id (escapes or
    /// non-ASCII bytes), computed here from the file as `Dataset.id(at:)` would read it.
    mutating func append(start: Int, end: Int, idStart: Int, idLength: Int, idIsString: Bool,
                         idHash: UInt32?, taskType: UInt8 = 0) {
        let index = count
        let hasID = idStart >= start && idLength >= 0 && idStart + idLength <= end
        let idOffset = hasID ? idStart - start : 0
        let length = end - start
        let gap = start - lastEnd
        if index == 0 { firstStart = start }
        if index == 4096, scannedBytes > 0, idKeys.capacity < 8192, end > firstStart {
            let estimate = Int(Double(scannedBytes) / Double(end - firstStart) * 4096 * 1.05) + 4096
            idKeys.reserveCapacity(min(estimate, 1 << 32))
        }
        let firstInBlock = index % SampleTable.blockSize == 0
        let exceptional = length < 0 || length > Int(UInt32.max) || (!firstInBlock && (gap < 0 || gap > 255))
            || idOffset > 0xFF_FFFF || idLength > 255
        var flags: UInt8 = (hasID ? SampleTable.hasIDFlag : 0) | (idIsString ? SampleTable.stringIDFlag : 0)
            | ((taskType & 3) << SampleTable.taskTypeShift)
        if exceptional { flags |= SampleTable.exceptionFlag }
        if firstInBlock { blockStart = Int64(start) }
        let l = exceptional ? 0 : UInt32(length)
        let g: UInt8 = exceptional || firstInBlock ? 0 : UInt8(gap)
        let o = exceptional ? 0 : UInt32(idOffset)
        // A tuple, not an array: no allocation per sample.
        let row: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (UInt8(truncatingIfNeeded: l), UInt8(truncatingIfNeeded: l >> 8), UInt8(truncatingIfNeeded: l >> 16),
             UInt8(truncatingIfNeeded: l >> 24), g,
             UInt8(truncatingIfNeeded: o), UInt8(truncatingIfNeeded: o >> 8), UInt8(truncatingIfNeeded: o >> 16),
             exceptional ? 0 : UInt8(truncatingIfNeeded: idLength), flags)
        withUnsafeBytes(of: row) { bytes in
            let ten = UnsafeRawBufferPointer(rebasing: bytes[0..<SampleTable.rowSize])
            blockRows.append(contentsOf: ten)
            sink.write(ten)
        }
        if exceptional {
            for v in [Int64(index), Int64(start), Int64(end), hasID ? Int64(idOffset) : -1, Int64(hasID ? idLength : 0)] {
                withUnsafeBytes(of: v.littleEndian) { exceptions.append(contentsOf: $0) }
            }
        }
        if hasID, collectsIDKeys, index <= Int(UInt32.max),
           let hash = idHash ?? decodedIDHash(start: idStart, length: idLength, isString: idIsString) {
            idKeys.append(UInt64(hash) << 32 | UInt64(index))
            idKeysSorted = false
        }
        lastEnd = end
        count += 1
        if count % SampleTable.blockSize == 0 { closeBlock() }
    }

    private mutating func closeBlock() {
        guard !blockRows.isEmpty else { return }
        let sum = blockRows.withUnsafeBytes { SampleTable.blockChecksum($0) }
        withUnsafeBytes(of: blockStart.littleEndian) { checkpoints.append(contentsOf: $0) }
        withUnsafeBytes(of: sum.littleEndian) { checkpoints.append(contentsOf: $0) }
        blockRows.removeAll(keepingCapacity: true)
    }

    /// The id as `Dataset.id(at:)` returns it, hashed; nil when it does not decode.
    private func decodedIDHash(start: Int, length: Int, isString: Bool) -> UInt32? {
        guard let base, start >= 0, start + length <= fileSize else { return nil }
        let raw = UnsafeRawBufferPointer(start: base + start, count: length)
        let quoted = isString && start >= 1 && start + length + 1 <= fileSize
            ? UnsafeRawBufferPointer(start: base + start - 1, count: length + 2) : raw
        guard let id = Dataset.idText(raw: raw, quoted: quoted, isString: isString) else { return nil }
        return SampleTable.idHash(id)
    }

    /// Section offsets and checksums, for the header.
    struct Layout {
        var count = 0
        var checkpointsOffset = 0, exceptionsOffset = 0, idOrderOffset = 0, endOffset = 0
        var exceptionCount = 0, idCount = 0
        var exceptionsChecksum: UInt64 = 0
    }

    /// Sorts the collected id keys (each thread of a parallel run sorts its own part).
    mutating func sortIDKeys() {
        IDKeySort.sort(&idKeys)
        idKeysSorted = true
    }

    /// Whether `idKeys` were sorted since the last key was added.
    private(set) var idKeysSorted = false

    /// Writes the id order: the sorted keys' indices, merged on the fly with `other` (keys
    /// of samples appended after this builder's own, sorted, indices already shifted), so a
    /// parallel run needs no third array.
    private func writeIDOrder(merging other: [UInt64]) -> Int {
        var chunk: [UInt8] = []
        chunk.reserveCapacity((1 << 16) + 4)
        var a = 0, b = 0
        while a < idKeys.count || b < other.count {
            let key: UInt64
            if b >= other.count || (a < idKeys.count && idKeys[a] < other[b]) {
                key = idKeys[a]
                a += 1
            } else {
                key = other[b]
                b += 1
            }
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: key).littleEndian) { chunk.append(contentsOf: $0) }
            if chunk.count >= 1 << 16 { sink.write(chunk); chunk.removeAll(keepingCapacity: true) }
        }
        sink.write(chunk)
        return idKeys.count + other.count
    }

    /// Writes the sections after the rows; the table can then be mapped. `withIDOrder` false
    /// leaves the id order out (the second part of a parallel run, whose rows are re-added);
    /// `mergingIDKeys`: sorted keys of samples re-added from such a part.
    mutating func finishSections(withIDOrder: Bool = true, mergingIDKeys other: [UInt64] = []) -> Layout {
        closeBlock()
        var layout = Layout()
        layout.count = count
        sink.padTo8()
        layout.checkpointsOffset = sink.offset
        sink.write(checkpoints)
        layout.exceptionsOffset = sink.offset
        layout.exceptionCount = exceptions.count / SampleTable.exceptionSize
        layout.exceptionsChecksum = exceptions.withUnsafeBytes { Hashing.words($0) }
        sink.write(exceptions)
        layout.idOrderOffset = sink.offset
        if withIDOrder {
            if !idKeysSorted { sortIDKeys() }
            layout.idCount = writeIDOrder(merging: other)
            idKeys = []
        }
        checkpoints = []
        sink.padTo8()
        layout.endOffset = sink.offset
        return layout
    }
}

/// Turns an image's bytes into a table and header, checking everything it relies on.
enum IndexImage {
    static func table(storage: IndexImageStorage, layout: SampleTableBuilder.Layout, owner: AnyObject) -> SampleTable? {
        let bytes = storage.bytes
        let rowsEnd = SampleTableBuilder.rowsOffset + layout.count * SampleTable.rowSize
        let checkpointsEnd = layout.checkpointsOffset + ((layout.count + SampleTable.blockSize - 1) / SampleTable.blockSize) * SampleTable.checkpointSize
        let exceptionsEnd = layout.exceptionsOffset + layout.exceptionCount * SampleTable.exceptionSize
        let idEnd = layout.idOrderOffset + layout.idCount * 4
        guard layout.count >= 0, layout.exceptionCount >= 0, layout.idCount >= 0,
              rowsEnd <= layout.checkpointsOffset, checkpointsEnd == layout.exceptionsOffset,
              exceptionsEnd == layout.idOrderOffset, idEnd <= bytes.count else { return nil }
        func slice(_ from: Int, _ to: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[from..<to]) }
        let exceptions = slice(layout.exceptionsOffset, exceptionsEnd)
        guard Hashing.words(exceptions) == layout.exceptionsChecksum else { return nil }
        return SampleTable(count: layout.count, rows: slice(SampleTableBuilder.rowsOffset, rowsEnd),
                           checkpoints: slice(layout.checkpointsOffset, checkpointsEnd), exceptions: exceptions,
                           idOrder: slice(layout.idOrderOffset, idEnd), owner: owner)
    }

    /// The header and trailer appended after the sections.
    static func writeHeader(_ sink: IndexImageSink, key: IndexCacheKey, result: IndexResult, style: JSONStyle,
                            fingerprint: String, layout: SampleTableBuilder.Layout, bodyChecksum: UInt64) {
        var w = ByteWriter()
        w.i64(key.size)
        w.i64(key.mtimeSeconds)
        w.i64(key.mtimeNanoseconds)
        w.u64(key.inode)
        w.u64(key.edgeHash)
        w.u8(key.options)
        w.u8(result.container == .jsonArray ? 0 : 1)
        w.i64(Int64(result.contentStart))
        w.u8(style.indent == nil ? 0 : 1)
        w.string(style.indent ?? "")
        w.u8(style.ensureASCII ? 1 : 0)
        w.string(style.keySeparator)
        w.string(style.itemSeparator)
        w.u8(style.escapesSlash ? 1 : 0)
        w.string(fingerprint)
        w.u32(UInt32(min(result.problems.count, 100_000)))
        for p in result.problems.prefix(100_000) {
            w.u8(p.severity == .error ? 1 : 0)
            w.i64(Int64(p.offset))
            w.string(p.message)
        }
        for v in [layout.count, layout.checkpointsOffset, layout.exceptionsOffset, layout.idOrderOffset, layout.endOffset,
                  layout.exceptionCount, layout.idCount] {
            w.i64(Int64(v))
        }
        w.u64(layout.exceptionsChecksum)
        w.u64(bodyChecksum)
        let headerOffset = sink.offset
        let header = [UInt8](w.data)
        sink.write(header)
        var t = ByteWriter()
        t.u64(UInt64(headerOffset))
        t.u64(UInt64(header.count))
        t.u64(header.withUnsafeBytes { Hashing.words($0) })
        t.bytes(IndexCache.magic)
        sink.write([UInt8](t.data))
    }

    /// Bodies up to this size are checked in full at load (under a millisecond); larger ones
    /// block by block as they are read.
    static let fullCheckLimit = 8 << 20

    /// Reads a cache image; nil when it is foreign, of another version or damaged.
    static func read(file: MappedFile) -> CachedIndex? {
        let bytes = file.bytes
        guard bytes.count >= 16 + 32, Array(bytes[0..<8]) == IndexCache.magic,
              UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self)) == IndexCache.version,
              Array(bytes[(bytes.count - 8)..<bytes.count]) == IndexCache.magic else { return nil }
        let t = bytes.count - 32
        let headerOffset = Int(clamping: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: t, as: UInt64.self)))
        let headerLength = Int(clamping: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: t + 8, as: UInt64.self)))
        let headerSum = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: t + 16, as: UInt64.self))
        guard headerOffset >= 16, headerLength >= 0, headerLength <= t, headerOffset == t - headerLength else { return nil }
        let header = UnsafeRawBufferPointer(rebasing: bytes[headerOffset..<t])
        guard Hashing.words(header) == headerSum else { return nil }
        var r = ByteReader(bytes: header)
        guard let size = r.i64(), let sec = r.i64(), let nsec = r.i64(), let inode = r.u64(),
              let edge = r.u64(), let optionsByte = r.u8(), let containerByte = r.u8(), let contentStart = r.i64(),
              let hasIndent = r.u8(), let indent = r.string(), let ascii = r.u8(),
              let keySep = r.string(), let itemSep = r.string(), let slash = r.u8(),
              let fingerprint = r.string(), let problemCount = r.u32() else { return nil }
        var problems: [RawProblem] = []
        for _ in 0..<min(Int(problemCount), 100_000) {
            guard let sev = r.u8(), let offset = r.i64(), let message = r.string() else { return nil }
            problems.append(RawProblem(severity: sev == 1 ? .error : .warning, offset: Int(offset), message: message))
        }
        var values: [Int] = []
        for _ in 0..<7 {
            guard let v = r.i64(), v >= 0, v <= Int64(bytes.count) * 8 else { return nil }
            values.append(Int(v))
        }
        guard let exceptionsSum = r.u64(), let bodySum = r.u64(), r.isAtEnd else { return nil }
        var layout = SampleTableBuilder.Layout()
        layout.count = values[0]
        layout.checkpointsOffset = values[1]
        layout.exceptionsOffset = values[2]
        layout.idOrderOffset = values[3]
        layout.endOffset = values[4]
        layout.exceptionCount = values[5]
        layout.idCount = values[6]
        layout.exceptionsChecksum = exceptionsSum
        guard layout.endOffset == headerOffset else { return nil }
        if layout.endOffset <= fullCheckLimit,
           Hashing.words(UnsafeRawBufferPointer(rebasing: bytes[0..<layout.endOffset])) != bodySum { return nil }
        let storage = IndexImageStorage(file: file)
        guard let table = table(storage: storage, layout: layout, owner: storage) else { return nil }
        var key = IndexCacheKey.empty
        key.size = size
        key.mtimeSeconds = sec
        key.mtimeNanoseconds = nsec
        key.inode = inode
        key.edgeHash = edge
        key.options = optionsByte
        let result = IndexResult(container: containerByte == 0 ? .jsonArray : .jsonLines, table: table,
                                 problems: problems, contentStart: Int(contentStart))
        let style = JSONStyle(indent: hasIndent == 0 ? nil : indent, ensureASCII: ascii == 1,
                              keySeparator: keySep, itemSeparator: itemSep, escapesSlash: slash == 1)
        return CachedIndex(key: key, result: result, style: style, fingerprint: fingerprint)
    }
}
