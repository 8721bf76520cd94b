import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The part of reading a journal that needs no order: splitting a stretch of bytes into lines,
/// checking each line's checksum and decoding it. Stretches are scanned on every core; the
/// reader then walks the results in file order for everything that depends on what came before
/// (fingerprints, repeated sequence numbers, damaged runs, the torn tail).
struct JournalChunkScan {
    /// A line that is not a plain entry: its 0-based line number within the stretch and what
    /// it is. Entries are not listed here; they fill `entries`, in order, between these lines.
    struct Event {
        enum Kind {
            /// Checksum mismatch (or an empty line); `version` when it starts like a header.
            case damaged(version: Int?)
            case header(JournalHeader)
            case invalid(String)
        }
        var line: Int
        var start: Int
        var end: Int
        var kind: Kind
    }

    /// Decoded entries in file order, with their 0-based line number within the stretch.
    var entries = EntryBuffer()
    var entryLines: [Int32] = []
    var events: [Event] = []
    /// Complete lines (ended by a newline) in the stretch.
    var lineCount = 0
    /// The byte after the last line with a good checksum, if any.
    var lastGoodEnd: Int?
    /// Where bytes without a final newline start (only in the stretch at the end of the file).
    var unterminatedStart: Int?

    /// Scans `bytes[range]`, which starts at the beginning of a line and ends after a newline
    /// or at the end of the file.
    init(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) {
        guard let base = bytes.baseAddress, !range.isEmpty else { return }
        entries = EntryBuffer(capacity: range.count / 160)
        entryLines.reserveCapacity(range.count / 160)
        var fast = JournalFastLine()
        var start = range.lowerBound
        let stop = range.upperBound
        while start < stop {
            guard let hit = memchr(base + start, 0x0A, stop - start) else {
                unterminatedStart = start
                break
            }
            let end = UnsafeRawPointer(hit) - base
            let line = UnsafeRawBufferPointer(start: base + start, count: end - start)
            defer { start = end + 1; lineCount += 1 }
            guard JournalCodec.checksumOK(line) else {
                events.append(Event(line: lineCount, start: start, end: end, kind: .damaged(version: JournalReader.headerVersion(line))))
                continue
            }
            lastGoodEnd = end + 1
            if let e = fast.decode(line) {
                entries.append(e)
                entryLines.append(Int32(truncatingIfNeeded: lineCount))
                continue
            }
            do throws(JournalCodec.DecodeFailure) {
                switch try JournalCodec.decode(line) {
                case .header(let h):
                    events.append(Event(line: lineCount, start: start, end: end, kind: .header(h)))
                case .entry(let e):
                    entries.append(e)
                    entryLines.append(Int32(truncatingIfNeeded: lineCount))
                }
            } catch {
                events.append(Event(line: lineCount, start: start, end: end, kind: .invalid(error.reason)))
            }
        }
    }

    /// `bytes` scanned in stretches of about `chunkBytes` (cut after a newline), on every core.
    static func scanAll(_ bytes: UnsafeRawBufferPointer, chunkBytes: Int = 4 << 20) -> [JournalChunkScan] {
        let n = bytes.count
        guard let base = bytes.baseAddress, n > 0 else { return [] }
        var cuts = [0]
        var next = chunkBytes
        while next < n {
            guard let hit = memchr(base + next, 0x0A, n - next) else { break }
            let cut = UnsafeRawPointer(hit) - base + 1
            if cut >= n { break }
            cuts.append(cut)
            next = cut + chunkBytes
        }
        cuts.append(n)
        let count = cuts.count - 1
        if count == 1 { return [JournalChunkScan(bytes, 0..<n)] }
        let slots = ScanSlots(count: count)
        // The buffer outlives the call (the caller holds it), and each worker reads only its
        // own stretch of it.
        nonisolated(unsafe) let shared = bytes
        let bounds = cuts
        DispatchQueue.concurrentPerform(iterations: count) { k in
            slots.set(k, JournalChunkScan(shared, bounds[k]..<bounds[k + 1]))
        }
        return slots.values()
    }
}

/// Scan results written by concurrent workers, each to its own slot.
private final class ScanSlots: @unchecked Sendable {
    private var slots: [JournalChunkScan?]
    private let mutex = Mutex()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ s: JournalChunkScan) { mutex.withLock { slots[k] = s } }
    func values() -> [JournalChunkScan] { mutex.withLock { slots.map { $0 ?? JournalChunkScan() } } }
}

extension JournalChunkScan {
    /// An empty scan (a slot no worker filled, which cannot happen).
    init() {}
}
