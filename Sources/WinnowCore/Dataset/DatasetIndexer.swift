#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file-level problem before line numbers are computed (they are found lazily).
struct RawProblem: Sendable, Equatable {
    var severity: DatasetProblem.Severity
    /// Byte offset, or -1 when the problem has no location.
    var offset: Int
    var message: String
}

/// What one indexing pass found.
struct IndexResult: Sendable {
    var container: DatasetContainer
    var table: SampleTable
    var problems: [RawProblem]
    /// Bytes skipped at the start (a UTF-8 byte order mark).
    var contentStart: Int
}

/// Thrown when the file cannot be used at all.
struct UnusableFile: Error {
    var offset: Int
    var message: String
}

/// The one-pass scanner: finds every sample's byte range by tracking strings (skipped with
/// `memchr`), escapes and nesting depth, without building any per-sample object.
struct DatasetIndexer {
    private let base: UnsafePointer<UInt8>
    private let n: Int
    /// Receives every sample found (streams the compact rows into the index image).
    var table: SampleTableBuilder
    private var problems: [RawProblem] = []
    private var suppressedProblems = 0
    private let progress: (@Sendable (Double) -> Void)?
    private var nextProgress = 0
    private static let progressStep = 32 << 20
    private static let maxProblems = 1000

    /// `fileBytes`: the whole file when `bytes` is only its first part (ids past the part are
    /// hashed from it).
    init(bytes: UnsafeRawBufferPointer, sink: IndexImageSink, progress: (@Sendable (Double) -> Void)?,
         fileBytes: UnsafeRawBufferPointer? = nil) {
        self.table = SampleTableBuilder(sink: sink, bytes: fileBytes ?? bytes, scannedBytes: bytes.count)
        // An empty mapping has no base address; point at a static byte so pointers stay valid.
        self.base = bytes.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) } ?? DatasetIndexer.emptyByte
        self.n = bytes.count
        self.progress = progress
    }

    nonisolated(unsafe) private static let emptyByte: UnsafePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        p.initialize(to: 0)
        return UnsafePointer(p)
    }()

    /// Indexes the whole buffer.
    mutating func run(forced: DatasetContainer?) throws(UnusableFile) -> IndexResult {
        var start = 0
        if n >= 2, (base[0] == 0xFE && base[1] == 0xFF) || (base[0] == 0xFF && base[1] == 0xFE) {
            throw UnusableFile(offset: 0, message: "the file is UTF-16 (byte order mark FE FF / FF FE); Winnow reads UTF-8 JSON")
        }
        if n >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF {
            start = 3
            report(.warning, 0, "the file starts with a UTF-8 byte order mark (BOM), which JSON does not allow; it was skipped")
        }
        checkHeadUTF8(from: start)
        let first = skipWhitespace(start, n)
        guard first < n else {
            throw UnusableFile(offset: first, message: n == 0 ? "the file is empty" : "the file holds only whitespace, no samples")
        }
        let container: DatasetContainer
        if let forced {
            container = forced
            let looksLike: DatasetContainer? = base[first] == UInt8(ascii: "[") ? .jsonArray : base[first] == UInt8(ascii: "{") ? .jsonLines : nil
            if let looksLike, looksLike != forced {
                report(.warning, first, forced == .jsonLines
                    ? "--format jsonl was given but the file starts with '[' (a JSON array); samples may be cut wrongly. Leave --format out to detect it"
                    : "--format json was given but the file starts with '{' (JSON Lines); samples may be cut wrongly. Leave --format out to detect it")
            }
        } else if base[first] == UInt8(ascii: "[") {
            container = .jsonArray
        } else if base[first] == UInt8(ascii: "{") {
            container = .jsonLines
            let scanned = scanValue(first, n)
            if scanned.end > 0, memchr(base + first, 0x0A, scanned.end - first) != nil {
                let after = skipWhitespace(scanned.end, n)
                throw UnusableFile(offset: first, message: after >= n
                    ? "the file is one JSON object, not a list of samples (expected a JSON array '[...]' or one sample object per line)"
                    : "samples span several lines, so this is neither a JSON array nor JSON Lines (one sample object per line)")
            }
        } else {
            throw UnusableFile(offset: first, message: "not JSON: expected '[' (a JSON array of samples) or '{' (JSON Lines) but found \(JSONParser.describe(byte: base[first]))")
        }
        switch container {
        case .jsonArray: try scanArray(from: first)
        case .jsonLines: scanLines(from: start)
        }
        if suppressedProblems > 0 {
            problems.append(RawProblem(severity: .error, offset: -1, message: "\(suppressedProblems) more problems not listed"))
        }
        progress?(1)
        return IndexResult(container: container, table: .empty, problems: problems, contentStart: start)
    }

    /// Indexes only JSON Lines from offset 0 of its buffer (the second half of a parallel run;
    /// offsets are relative to the buffer).
    mutating func runLinesOnly() -> [RawProblem] {
        scanLines(from: 0)
        return problems
    }

    /// Whether the buffer looks like JSON Lines whose first line holds a whole object, so that
    /// splitting it at a newline cannot change what the first half detects.
    func startsWithOneLineObject(forced: DatasetContainer?) -> Bool {
        var start = 0
        if n >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { start = 3 }
        let first = skipWhitespace(start, n)
        guard first < n, base[first] == UInt8(ascii: "{"), forced != .jsonArray else { return false }
        guard let nl = memchr(base + first, 0x0A, n - first) else { return false }
        let lineEnd = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
        let scanned = scanValue(first, n)
        return scanned.end > 0 && scanned.end <= lineEnd
    }

    // MARK: - Containers

    private mutating func scanArray(from first: Int) throws(UnusableFile) {
        guard base[first] == UInt8(ascii: "[") else {
            throw UnusableFile(offset: first, message: "expected '[' at the start of a JSON array but found \(JSONParser.describe(byte: base[first]))")
        }
        var i = skipWhitespace(first + 1, n)
        if i < n, base[i] == UInt8(ascii: "]") {
            checkTrailing(after: i + 1)
            return
        }
        // Compact files (one sample per line) are scanned fast and only rescanned carefully
        // when a sample's range holds a newline; pretty-printed files are scanned carefully,
        // so that a sample with a missing bracket or quote cannot swallow the ones after it.
        var compact: Bool?
        while true {
            guard i < n else {
                report(.warning, n, "the file ends before the closing ']' (truncated?); \(table.count) complete samples were read")
                return
            }
            var element = scanValue(i, n, careful: compact == false ? indentation(of: i) : -1)
            if compact == nil {
                compact = element.end > 0 && memchr(base + i, 0x0A, element.end - i) == nil
                if compact == false { element = scanValue(i, n, careful: indentation(of: i)) }
            } else if compact == true {
                let stop = element.end > 0 ? element.end : n
                if memchr(base + i, 0x0A, stop - i) != nil { element = scanValue(i, n, careful: indentation(of: i)) }
            }
            if element.resumeAt >= 0 || element.brokenEnd >= 0 {
                // A broken sample: keep its bytes (decoding says what is wrong) and go on with
                // the next sample found on a later line.
                table.append(start: i, end: max(element.brokenEnd, i + 1), idStart: -1, idLength: 0, idIsString: false, idHash: 0)
                guard element.resumeAt >= 0 else { return }
                i = element.resumeAt
                continue
            }
            if element.end < 0 {
                report(.warning, i, "the file ends in the middle of sample \(table.count) (truncated?); the \(table.count) complete samples before it were kept")
                return
            }
            table.append(start: i, end: element.end, idStart: element.idStart, idLength: element.idLength,
                         idIsString: element.idIsString, idHash: idHash(element))
            tick(element.end)
            i = skipWhitespace(element.end, n)
            guard i < n else {
                report(.warning, n, "the file ends before the closing ']' (truncated?); \(table.count) complete samples were read")
                return
            }
            let c = base[i]
            if c == UInt8(ascii: ",") {
                i = skipWhitespace(i + 1, n)
                if i < n, base[i] == UInt8(ascii: "]") {
                    report(.error, i, "trailing comma before the closing ']'")
                    checkTrailing(after: i + 1)
                    return
                }
            } else if c == UInt8(ascii: "]") {
                checkTrailing(after: i + 1)
                return
            } else if c == UInt8(ascii: "{") {
                report(.error, i, "missing ',' between sample \(table.count - 1) and sample \(table.count)")
            } else {
                report(.error, i, "expected ',' or ']' after sample \(table.count - 1) but found \(JSONParser.describe(byte: c))")
                // Resynchronise on the next line that starts a sample object.
                guard let next = nextLineStartingObject(after: i) else { return }
                i = next
            }
        }
    }

    private mutating func scanLines(from start: Int) {
        var i = start
        while i < n {
            let lineEnd = memchr(base + i, 0x0A, n - i).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? n
            var j = i
            while j < lineEnd, base[j] == 0x20 || base[j] == 0x09 || base[j] == 0x0D { j += 1 }
            if j < lineEnd {
                if base[j] == UInt8(ascii: "{") {
                    let value = scanValue(j, lineEnd)
                    if value.end > 0 {
                        table.append(start: j, end: value.end, idStart: value.idStart, idLength: value.idLength,
                                     idIsString: value.idIsString, idHash: idHash(value))
                        var k = value.end
                        while k < lineEnd, base[k] == 0x20 || base[k] == 0x09 || base[k] == 0x0D { k += 1 }
                        if k < lineEnd { report(.error, k, "trailing data after sample \(table.count - 1) on its line") }
                    } else if lineEnd == n {
                        report(.warning, j, "the file ends in the middle of sample \(table.count) (truncated?); the \(table.count) complete samples before it were kept")
                    } else {
                        // An unclosed object on a full line: keep it so that decoding says why.
                        var e = lineEnd
                        while e > j, base[e - 1] == 0x0D || base[e - 1] == 0x20 || base[e - 1] == 0x09 { e -= 1 }
                        table.append(start: j, end: e, idStart: -1, idLength: 0, idIsString: false, idHash: 0)
                    }
                    tick(lineEnd)
                } else {
                    report(.error, j, "a line that is not a JSON object (JSON Lines needs one sample object per line): starts with \(JSONParser.describe(byte: base[j]))")
                }
            }
            i = lineEnd + 1
        }
    }

    // MARK: - Values

    private struct Scanned {
        var end: Int
        var idStart = -1
        var idLength = 0
        var idIsString = false
        /// Set by a careful scan that found the sample broken: where its bytes end...
        var brokenEnd = -1
        /// ...and where the next sample starts (-1: none found).
        var resumeAt = -1
    }

    /// The whitespace columns before `i` on its line (0 when other bytes precede it).
    private func indentation(of i: Int) -> Int {
        var k = i
        while k > 0, base[k - 1] == 0x20 || base[k - 1] == 0x09 { k -= 1 }
        return (k == 0 || base[k - 1] == 0x0A) ? i - k : 0
    }

    /// A careful scan's verdict at a newline at `nl`: the sample is broken if the next line
    /// starts a new sample (`{` at the sample's own indentation) or if `insideString`.
    private func brokenAt(newline nl: Int, indent: Int, insideString: Bool, limit: Int) -> Scanned? {
        var k = nl + 1, w = 0
        while k < limit, base[k] == 0x20 || base[k] == 0x09 { k += 1; w += 1 }
        let startsSample = w == indent && k < limit && base[k] == 0x7B
        guard startsSample || insideString else { return nil }
        var e = nl
        while e > 0, base[e - 1] == 0x20 || base[e - 1] == 0x09 || base[e - 1] == 0x0D { e -= 1 }
        if e > 0, base[e - 1] == UInt8(ascii: ",") { e -= 1 }
        let resume = startsSample ? k : (nextLineStartingObject(after: nl, indent: indent) ?? -1)
        return Scanned(end: -1, brokenEnd: e, resumeAt: resume)
    }

    /// Scans one value starting at `start`; `end` is -1 when `limit` comes first. With
    /// `careful` >= 0 (the sample's indentation), raw newlines in strings and a new sample
    /// starting on a later line mark the sample broken instead of being swallowed.
    private func scanValue(_ start: Int, _ limit: Int, careful indent: Int = -1) -> Scanned {
        let c = base[start]
        if c == UInt8(ascii: "\"") {
            let q = scanString(start + 1, limit)
            return Scanned(end: q < 0 ? -1 : q + 1)
        }
        if c != UInt8(ascii: "{") && c != UInt8(ascii: "[") {
            var k = start
            while k < limit, !isDelimiter(base[k]) { k += 1 }
            return Scanned(end: k == start ? start + 1 : k)
        }
        var result = Scanned(end: -1)
        var depth = 1
        var i = start + 1
        while i < limit {
            let b = base[i]
            if b == 0x22 {
                let q = scanString(i + 1, limit)
                if indent >= 0, let nl = memchr(base + i + 1, 0x0A, (q < 0 ? limit : q) - i - 1) {
                    let at = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                    if let broken = brokenAt(newline: at, indent: indent, insideString: true, limit: limit) { return broken }
                }
                if q < 0 { return result }
                // A repeated "id" member: the last one counts, as in the decoder and in Python.
                if depth == 1, q - i == 3, base[i + 1] == UInt8(ascii: "i"), base[i + 2] == UInt8(ascii: "d") {
                    var j = skipWhitespace(q + 1, limit)
                    if j < limit, base[j] == UInt8(ascii: ":") {
                        j = skipWhitespace(j + 1, limit)
                        if j < limit, base[j] == 0x22 {
                            let q2 = scanString(j + 1, limit)
                            if q2 < 0 { return result }
                            result.idStart = j + 1
                            result.idLength = q2 - j - 1
                            result.idIsString = true
                            i = q2 + 1
                            continue
                        }
                        if j < limit, base[j] != UInt8(ascii: "{"), base[j] != UInt8(ascii: "[") {
                            var k = j
                            while k < limit, !isDelimiter(base[k]) { k += 1 }
                            // Numbers are ids; null, true and false are not (the decoder agrees).
                            if k > j, base[j] != UInt8(ascii: "n"), base[j] != UInt8(ascii: "t"), base[j] != UInt8(ascii: "f") {
                                result.idStart = j
                                result.idLength = k - j
                                result.idIsString = false
                            } else {
                                result.idStart = -1
                                result.idLength = 0
                            }
                            i = k
                            continue
                        }
                        // An object or array is no id either.
                        result.idStart = -1
                        result.idLength = 0
                        i = j
                        continue
                    }
                }
                i = q + 1
            } else if b == 0x7B || b == 0x5B {
                depth += 1
                i += 1
            } else if b == 0x7D || b == 0x5D {
                depth -= 1
                i += 1
                if depth == 0 {
                    result.end = i
                    return result
                }
            } else if b == 0x0A && indent >= 0 {
                if let broken = brokenAt(newline: i, indent: indent, insideString: false, limit: limit) { return broken }
                i += 1
            } else {
                i += 1
            }
        }
        return result
    }

    /// The lookup hash of a scanned id (see `SampleTable.idOrder`); nil for ids with escapes
    /// or non-ASCII bytes, which the builder hashes after decoding them.
    private func idHash(_ scanned: Scanned) -> UInt32? {
        guard scanned.idStart >= 0 else { return 0 }
        let raw = UnsafeRawBufferPointer(start: base + scanned.idStart, count: scanned.idLength)
        // Escapes and non-ASCII bytes (possibly invalid UTF-8) are hashed from the decoded id
        // later, so the hash always matches what `id(at:)` returns.
        for b in raw where b == 0x5C || b >= 0x80 { return nil }
        return SampleTable.idHash(raw)
    }

    /// The index of the closing quote of a string whose content starts at `from`, or -1.
    @inline(__always)
    private func scanString(_ from: Int, _ limit: Int) -> Int {
        var i = from
        while i < limit {
            guard let hit = memchr(base + i, 0x22, limit - i) else { return -1 }
            let q = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            // An escaped quote has an odd run of backslashes before it.
            var k = q - 1
            var backslashes = 0
            while k >= from, base[k] == 0x5C {
                backslashes += 1
                k -= 1
            }
            if backslashes & 1 == 0 { return q }
            i = q + 1
        }
        return -1
    }

    @inline(__always)
    private func skipWhitespace(_ from: Int, _ limit: Int) -> Int {
        var i = from
        while i < limit {
            let b = base[i]
            if b != 0x20 && b != 0x0A && b != 0x0D && b != 0x09 { return i }
            i += 1
        }
        return i
    }

    @inline(__always)
    private func isDelimiter(_ b: UInt8) -> Bool {
        b == 0x2C || b == 0x5D || b == 0x7D || b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0x3A
    }

    // MARK: - Checks

    private mutating func checkTrailing(after i: Int) {
        let k = skipWhitespace(i, n)
        if k < n {
            report(.error, k, "trailing data after the closing ']' of the array: \(JSONParser.describe(byte: base[k]))")
        }
    }

    /// The first `{` after `i` that starts a line (after `indent` whitespace when given).
    private func nextLineStartingObject(after i: Int, indent: Int = -1) -> Int? {
        var p = i
        while p < n {
            guard let hit = memchr(base + p, 0x0A, n - p) else { return nil }
            let nl = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var k = nl + 1
            while k < n, base[k] == 0x20 || base[k] == 0x09 { k += 1 }
            if k < n, base[k] == UInt8(ascii: "{"), indent < 0 || k - nl - 1 == indent { return k }
            p = nl + 1
        }
        return nil
    }

    /// Flags invalid UTF-8 near the start, where a wrong encoding shows first; samples
    /// further on are checked exactly when they are decoded.
    private mutating func checkHeadUTF8(from start: Int) {
        let end = min(n, start + 65536)
        guard end > start else { return }
        var cut = end
        // Do not flag a multi-byte character merely split by the 64 KB window, nor one cut
        // by the end of a truncated file (the truncation is reported on its own).
        var back = 0
        while back < 3, cut > start, base[cut - 1] & 0xC0 == 0x80 { cut -= 1; back += 1 }
        if cut > start, base[cut - 1] >= 0xC0, base[cut - 1] <= 0xF4 { cut -= 1 }
        let run = UnsafeRawBufferPointer(start: base + start, count: cut - start)
        let bad = JSONParser.firstInvalidUTF8(run)
        if bad < run.count {
            report(.error, start + bad, "invalid UTF-8 (byte 0x\(String(base[start + bad], radix: 16, uppercase: true))); the file must be UTF-8 text")
        }
    }

    private mutating func report(_ severity: DatasetProblem.Severity, _ offset: Int, _ message: String) {
        if problems.count >= Self.maxProblems {
            suppressedProblems += 1
            return
        }
        problems.append(RawProblem(severity: severity, offset: offset, message: message))
    }

    @inline(__always)
    private mutating func tick(_ offset: Int) {
        guard offset >= nextProgress else { return }
        nextProgress = offset + Self.progressStep
        progress?(Double(offset) / Double(max(n, 1)))
    }
}
