/// The compact per-sample index, read in place from a mapped index image (see
/// `SampleTableBuilder` for the layout): 10 bytes a sample for the byte range, the id's place
/// and the task type, a start offset every 64 samples, and rare full-width exceptions. Nothing
/// proportional to the number of samples is built when it is opened.
///
/// Every read is bounds-checked against the image, so a damaged image gives wrong ranges
/// (clamped by the callers to the file) but never a trap.
struct SampleTable: @unchecked Sendable {
    /// Bytes per row: length u32, gap u8, id offset u24, id length u8, flags u8.
    static let rowSize = 10
    /// Samples per start checkpoint.
    static let blockSize = 64
    /// Bytes per checkpoint: the block's first start and a checksum of its rows.
    static let checkpointSize = 16
    /// Bytes per exception record: index, start, end, id offset (-1: none), id length.
    static let exceptionSize = 40

    // Row flags.
    static let hasIDFlag: UInt8 = 1
    static let stringIDFlag: UInt8 = 2
    static let exceptionFlag: UInt8 = 4
    /// Bits 3-4: 0 not known at index time, 1 conversation, 2 complex reasoning, 3 detail.
    static let taskTypeShift: UInt8 = 3

    let count: Int
    let rows: UnsafeRawBufferPointer
    let checkpoints: UnsafeRawBufferPointer
    let exceptions: UnsafeRawBufferPointer
    /// Indices of samples with an id, sorted by (id hash, index): the mapped id lookup.
    let idOrder: UnsafeRawBufferPointer
    /// Keeps the memory the pointers point into alive (a mapping or an owned buffer).
    private let owner: AnyObject?

    init(count: Int, rows: UnsafeRawBufferPointer, checkpoints: UnsafeRawBufferPointer,
         exceptions: UnsafeRawBufferPointer, idOrder: UnsafeRawBufferPointer, owner: AnyObject?) {
        self.count = count
        self.rows = rows
        self.checkpoints = checkpoints
        self.exceptions = exceptions
        self.idOrder = idOrder
        self.owner = owner
    }

    static let empty = SampleTable(count: 0, rows: UnsafeRawBufferPointer(start: nil, count: 0),
                                   checkpoints: UnsafeRawBufferPointer(start: nil, count: 0),
                                   exceptions: UnsafeRawBufferPointer(start: nil, count: 0),
                                   idOrder: UnsafeRawBufferPointer(start: nil, count: 0), owner: nil)

    var exceptionCount: Int { exceptions.count / Self.exceptionSize }
    var idCount: Int { idOrder.count / 4 }

    /// Whether the sections are as large as `count` says (checked once when an image is loaded).
    var sectionsMatchCount: Bool {
        rows.count == count * Self.rowSize && checkpoints.count == ((count + Self.blockSize - 1) / Self.blockSize) * Self.checkpointSize
            && exceptions.count % Self.exceptionSize == 0 && idOrder.count % 4 == 0 && idOrder.count / 4 <= count
    }

    // MARK: - Rows

    @inline(__always)
    func load<T: FixedWidthInteger>(_ buffer: UnsafeRawBufferPointer, _ offset: Int, _: T.Type) -> T {
        guard offset >= 0, offset + MemoryLayout<T>.size <= buffer.count else { return 0 }
        return T(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    @inline(__always)
    private func flags(_ i: Int) -> UInt8 { load(rows, i * Self.rowSize + 9, UInt8.self) }

    struct Exception { var start: Int64, end: Int64, idOffset: Int64, idLength: Int64 }

    func exceptionRecord(_ i: Int) -> Exception? { exception(i) }

    /// The full-width record of sample `i` (binary search; exceptions are rare).
    private func exception(_ i: Int) -> Exception? {
        var lo = 0, hi = exceptionCount
        while lo < hi {
            let mid = (lo + hi) / 2
            let index = Int(load(exceptions, mid * Self.exceptionSize, Int64.self))
            if index < i { lo = mid + 1 } else { hi = mid }
        }
        guard lo < exceptionCount, Int(load(exceptions, lo * Self.exceptionSize, Int64.self)) == i else { return nil }
        let o = lo * Self.exceptionSize
        return Exception(start: load(exceptions, o + 8, Int64.self), end: load(exceptions, o + 16, Int64.self),
                         idOffset: load(exceptions, o + 24, Int64.self), idLength: load(exceptions, o + 32, Int64.self))
    }

    /// The checksum of block `block`'s rows as stored with its checkpoint.
    static func blockChecksum(_ rows: UnsafeRawBufferPointer) -> UInt64 { Hashing.words(rows) }

    /// Whether block `block`'s rows still match their checksum (a damaged cache file, or one
    /// changed under the mapping, gives empty ranges instead of wrong ones).
    private func blockIsIntact(_ block: Int) -> Bool {
        let first = block * Self.blockSize
        let last = min(count, first + Self.blockSize)
        guard first < last, last * Self.rowSize <= rows.count else { return false }
        let slice = UnsafeRawBufferPointer(rebasing: rows[(first * Self.rowSize)..<(last * Self.rowSize)])
        return Self.blockChecksum(slice) == load(checkpoints, block * Self.checkpointSize + 8, UInt64.self)
    }

    /// The byte range of sample `index`: the block's start plus at most 63 lengths and gaps.
    func range(at index: Int) -> Range<Int> {
        guard index >= 0, index < count else { return 0..<0 }
        let block = index / Self.blockSize
        guard blockIsIntact(block) else { return 0..<0 }
        var start = Int(clamping: load(checkpoints, block * Self.checkpointSize, Int64.self))
        var j = block * Self.blockSize
        while true {
            var end: Int
            if flags(j) & Self.exceptionFlag != 0, let e = exception(j) {
                start = Int(clamping: e.start)
                end = Int(clamping: e.end)
            } else {
                end = start.addingReportingOverflow(Int(load(rows, j * Self.rowSize, UInt32.self))).partialValue
            }
            if end < start { end = start }
            if j == index { return start..<end }
            j += 1
            start = end.addingReportingOverflow(Int(load(rows, j * Self.rowSize + 4, UInt8.self))).partialValue
        }
    }

    /// Calls `body` with every sample's range in order, walking each block once.
    func forEachRange(_ body: (Int, Range<Int>) -> Void) {
        var index = 0
        while index < count {
            let block = index / Self.blockSize
            let last = min(count, (block + 1) * Self.blockSize)
            guard blockIsIntact(block) else {
                while index < last { body(index, 0..<0); index += 1 }
                continue
            }
            var start = Int(clamping: load(checkpoints, block * Self.checkpointSize, Int64.self))
            while index < last {
                var end: Int
                if flags(index) & Self.exceptionFlag != 0, let e = exception(index) {
                    start = Int(clamping: e.start)
                    end = Int(clamping: e.end)
                } else {
                    end = start.addingReportingOverflow(Int(load(rows, index * Self.rowSize, UInt32.self))).partialValue
                }
                if end < start { end = start }
                body(index, start..<end)
                index += 1
                if index < last {
                    start = end.addingReportingOverflow(Int(load(rows, index * Self.rowSize + 4, UInt8.self))).partialValue
                }
            }
        }
    }

    /// The cheap checks a loaded image must pass before it is trusted: sections of the
    /// right sizes and the last sample inside the file.
    func isConsistent(fileSize: Int) -> Bool {
        guard sectionsMatchCount else { return false }
        guard count > 0 else { return true }
        let first = range(at: 0), last = range(at: count - 1)
        return !last.isEmpty && last.upperBound <= fileSize && first.lowerBound >= 0 && first.lowerBound <= last.lowerBound
    }

    /// The id value's byte range in the file and whether it is a string, if the sample has one.
    func idRange(at index: Int) -> (range: Range<Int>, isString: Bool)? {
        guard index >= 0, index < count else { return nil }
        let f = flags(index)
        guard f & Self.hasIDFlag != 0 else { return nil }
        let sample = range(at: index)
        var offset: Int, length: Int
        if f & Self.exceptionFlag != 0, let e = exception(index) {
            guard e.idOffset >= 0 else { return nil }
            offset = Int(clamping: e.idOffset)
            length = Int(clamping: e.idLength)
        } else {
            let o = index * Self.rowSize
            offset = Int(load(rows, o + 5, UInt16.self)) | Int(load(rows, o + 7, UInt8.self)) << 16
            length = Int(load(rows, o + 8, UInt8.self))
        }
        let start = sample.lowerBound + min(offset, sample.count)
        let end = min(sample.upperBound, start + max(0, length))
        return (start..<end, f & Self.stringIDFlag != 0)
    }

    /// The task type found at index time, or nil when only a decode can tell.
    func taskType(at index: Int) -> TaskType? {
        guard index >= 0, index < count else { return nil }
        switch (flags(index) >> Self.taskTypeShift) & 3 {
        case 1: return .conversation
        case 2: return .complexReasoning
        case 3: return .detail
        default: return nil
        }
    }

    static func taskTypeCode(_ type: TaskType?) -> UInt8 {
        switch type {
        case .conversation?: return 1
        case .complexReasoning?: return 2
        case .detail?: return 3
        case nil: return 0
        }
    }

    /// Sample index at position `k` of the id order.
    func idOrderIndex(_ k: Int) -> Int { Int(load(idOrder, k * 4, UInt32.self)) }

    /// The 32-bit id hash used by lookups: FNV-1a of the id text's UTF-8.
    static func idHash(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        UInt32(truncatingIfNeeded: Hashing.fnv1a(bytes))
    }

    static func idHash(_ text: String) -> UInt32 {
        UInt32(truncatingIfNeeded: Hashing.fnv1a(text))
    }
}

extension SampleTable {
    /// One sample as stored: range, id range (absolute) and task type code.
    struct Entry {
        var range: Range<Int>
        var id: Range<Int>?
        var idIsString: Bool
        var taskTypeCode: UInt8
    }

    /// Calls `body` with every entry in order (one walk of each block).
    func forEachEntry(_ body: (Entry) -> Void) {
        forEachRange { index, range in
            let f = load(rows, index * Self.rowSize + 9, UInt8.self)
            var id: Range<Int>?
            if f & Self.hasIDFlag != 0 {
                var offset: Int, length: Int
                if f & Self.exceptionFlag != 0, let e = exceptionRecord(index) {
                    offset = e.idOffset < 0 ? -1 : Int(clamping: e.idOffset)
                    length = Int(clamping: e.idLength)
                } else {
                    let o = index * Self.rowSize
                    offset = Int(load(rows, o + 5, UInt16.self)) | Int(load(rows, o + 7, UInt8.self)) << 16
                    length = Int(load(rows, o + 8, UInt8.self))
                }
                if offset >= 0 {
                    let start = range.lowerBound + min(offset, range.count)
                    id = start..<min(range.upperBound, start + max(0, length))
                }
            }
            body(Entry(range: range, id: id, idIsString: f & Self.stringIDFlag != 0, taskTypeCode: (f >> Self.taskTypeShift) & 3))
        }
    }

    /// The image's sections as one byte string (tests compare two indexes byte for byte).
    var sectionBytes: [UInt8] { Array(rows) + Array(checkpoints) + Array(exceptions) + Array(idOrder) }
}
