// libFuzzer target for the journal reader: the input is read as a journal twice, once as
// given (checksums, framing, torn tails) and once with every line re-signed with its correct
// CRC-32, so that mutations reach the line decoder instead of stopping at the checksum. What
// the reader accepts is then replayed against a small dataset, as `merge` does, and the
// same bytes are opened read-only with `Journal.open`, as `review` and `decide` do.
// Built by scripts/fuzz (not a SwiftPM target): `swift build` and `swift test` never see it.
import Foundation
import WinnowCore

#if canImport(Glibc)
import Glibc
#endif

private let crcTable: [UInt32] = (0..<256).map { i -> UInt32 in
    var c = UInt32(i)
    for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
}

private func crc32<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
    return c ^ 0xFFFF_FFFF
}

/// Each line with its own checksum: a trailing `,"crc":"…"}` (or a lone `}`) is replaced by
/// the right one, so the fuzzer mutates what the decoder sees.
private func resigned(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 64)
    let marker = Array(#","crc":""#.utf8)
    for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
        var body = Array(line)
        if body.count >= 18, Array(body[(body.count - 18)..<(body.count - 10)]) == marker {
            body.removeLast(18)
        } else if body.last == UInt8(ascii: "}") {
            body.removeLast()
        }
        let crc = String(crc32(body), radix: 16)
        out += body
        out += marker
        out += Array(String(repeating: "0", count: 8 - crc.count).utf8) + Array(crc.utf8)
        out += Array("\"}\n".utf8)
    }
    return out
}

/// A four-sample dataset to replay entries against (indices 0...3, ids a, b, b, none).
nonisolated(unsafe) private var replayDataset: Dataset? = {
    let path = NSTemporaryDirectory() + "/winnow-fuzz-journal-\(getpid()).json"
    let text = """
    [{"id": "a", "conversations": [{"from": "human", "value": "<image>\\n问"}, {"from": "gpt", "value": "答"}]},
     {"id": "b", "conversations": [{"from": "human", "value": "q"}, {"from": "gpt", "value": "a"}]},
     {"id": "b", "conversations": []},
     {"conversations": [{"from": "human", "value": "x"}]}]
    """
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else { return nil }
    defer { unlink(path) }
    return try? Dataset.open(path: path, options: DatasetOptions(useIndexCache: false))
}()

/// The journal file `Journal.open` reads (one per fuzzing process).
nonisolated(unsafe) private var scratchJournal: String = {
    let path = NSTemporaryDirectory() + "/winnow-fuzz-journal-\(getpid()).winnow.jsonl"
    atexit { unlink(scratchJournal) }
    return path
}()

private func read(_ bytes: UnsafeRawBufferPointer) {
    let contents = JournalReader.parse(bytes, path: "fuzz.winnow.jsonl")
    if contents.goodLength > contents.fileLength || contents.goodLength < 0 {
        fatalError("invariant: good length \(contents.goodLength) outside the file (\(contents.fileLength) bytes)")
    }
    for issue in contents.issues { _ = issue.message }
    guard let dataset = replayDataset else { fatalError("cannot make the replay dataset") }
    for matchByID in [false, true] {
        let replay = JournalReplay(contents: contents, dataset: dataset, matchByID: matchByID)
        for (index, review) in replay.reviews {
            _ = review.status
            _ = replay.review(at: index)
        }
        for entry in replay.entries { _ = JournalReplay.describe(entry.decision) }
        _ = replay.decidedCount
    }
    guard FileManager.default.createFile(atPath: scratchJournal, contents: Data(bytes)) else {
        fatalError("cannot write \(scratchJournal)")
    }
    if let journal = try? Journal.open(path: scratchJournal, dataset: dataset, reviewer: "fuzz", mode: .readOnly, matchByID: true) {
        for index in 0..<dataset.count {
            _ = journal.review(at: index)
            _ = journal.history(at: index)
            _ = journal.latestUndoableEntry(at: index)
        }
        for entry in journal.entries { _ = journal.isInForce(sequence: entry.sequence) }
        _ = journal.problems
        journal.close()
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJournal(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    read(bytes)
    resigned(bytes).withUnsafeBytes { read($0) }
    return 0
}
