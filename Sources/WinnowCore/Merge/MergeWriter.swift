/// The sample-by-sample work of one merge, over the mapped input.
struct MergeWriter {
    let dataset: Dataset
    let bytes: UnsafeRawBufferPointer
    let plan: MergePlan
    let options: MergeOptions
    let out: OutputFile
    let rejected: OutputFile?
    /// Samples left out as damaged (`--drop-damaged`), with why.
    let damaged: [Int: String]
    /// Write Winnow's own separators instead of copying the input's: the input's framing is
    /// what is broken (a trailing comma, data after `]`, a line that is not an object) or a
    /// damaged sample's neighbourhood cannot be trusted.
    let cleanFraming: Bool
    /// A run of input bytes waiting to be copied; adjacent copies grow it.
    private var pending: Range<Int>? = nil

    init(dataset: Dataset, bytes: UnsafeRawBufferPointer, plan: MergePlan, options: MergeOptions,
         out: OutputFile, rejected: OutputFile?, damaged: [Int: String] = [:], cleanFraming: Bool = false) {
        self.dataset = dataset
        self.bytes = bytes
        self.plan = plan
        self.options = options
        self.out = out
        self.rejected = rejected
        self.damaged = damaged
        self.cleanFraming = cleanFraming
    }

    private enum Action { case copy, rewrite(JSONValue), drop }

    private var outputContainer: DatasetContainer {
        switch options.format {
        case .same: return dataset.container
        case .json: return .jsonArray
        case .jsonl: return .jsonLines
        }
    }

    private mutating func copy(_ r: Range<Int>) throws(MergeError) {
        guard !r.isEmpty else { return }
        if let p = pending, p.upperBound == r.lowerBound { pending = p.lowerBound..<r.upperBound; return }
        try flushPending()
        pending = r
    }

    private mutating func flushPending() throws(MergeError) {
        guard let p = pending else { return }
        pending = nil
        try out.write(UnsafeRawBufferPointer(rebasing: bytes[p]))
    }

    private mutating func emit(_ data: [UInt8]) throws(MergeError) {
        try flushPending()
        try out.write(data)
    }

    private func range(_ i: Int) -> Range<Int> {
        let r = dataset.byteRange(at: i)
        return max(0, min(r.lowerBound, bytes.count))..<max(0, min(r.upperBound, bytes.count))
    }

    /// The whitespace from the start of the line to the sample (its indentation).
    private func baseIndent(_ start: Int) -> String {
        var i = start
        while i > 0, bytes[i - 1] == 0x20 || bytes[i - 1] == 0x09 { i -= 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[i..<start]), as: UTF8.self)
    }

    private func action(_ i: Int, _ summary: inout MergeSummary) throws(MergeError) -> Action {
        let review = plan.reviews[i] ?? .undecided
        if let why = damaged[i] {
            try writeRejected(i, SampleReview(status: .rejected, reasons: ["damaged"], note: why))
            return .drop
        }
        switch review.status {
        case .rejected:
            summary.rejected += 1
            for r in review.reasons { summary.reasons[r, default: 0] += 1 }
            if review.reasons.isEmpty { summary.reasons["(no reason)", default: 0] += 1 }
            try writeRejected(i, review)
            return .drop
        case .undecided, .skipped:
            if review.edit == nil, options.unreviewed == .drop { summary.dropped += 1; return .drop }
        case .accepted, .edited:
            break
        }
        // Each written sample is counted once: edited when its text changes, else by status.
        guard let edit = review.edit else {
            switch review.status {
            case .accepted: summary.accepted += 1
            case .skipped: summary.skipped += 1
            default: summary.unreviewed += 1
            }
            return .copy
        }
        summary.edited += 1
        switch dataset.sample(at: i) {
        case .failure(let bad): throw .cannotApplyEdit(index: i, reason: bad.description)
        case .success(let sample):
            switch SampleEditApplier.apply(edit, to: sample) {
            case .success(let json): return .rewrite(json)
            case .failure(let e): throw e
            }
        }
    }

    private func writer(for i: Int, compact: Bool) -> (JSONWriter, String) {
        let r = range(i)
        let indent = baseIndent(r.lowerBound)
        var w = JSONWriter(matching: UnsafeRawBufferPointer(rebasing: bytes[r]), baseIndent: indent, fallback: dataset.style)
        if compact { w.style.indent = nil }
        return (w, compact ? "" : indent)
    }

    /// The sample on one line: its own bytes when they already are, else re-serialized.
    private func singleLine(_ i: Int, _ json: JSONValue?) throws(MergeError) -> [UInt8] {
        let r = range(i)
        if json == nil, !UnsafeRawBufferPointer(rebasing: bytes[r]).contains(0x0A) {
            return Array(UnsafeRawBufferPointer(rebasing: bytes[r]))
        }
        var value = json
        if value == nil {
            switch dataset.sample(at: i) {
            case .success(let s): value = s.json
            case .failure(let bad): throw .cannotApplyEdit(index: i, reason: "cannot re-serialize on one line: \(bad.description)")
            }
        }
        let (w, _) = writer(for: i, compact: true)
        return w.bytes(value ?? .null)
    }

    private func writeRejected(_ i: Int, _ review: SampleReview) throws(MergeError) {
        guard let rejected else { return }
        var line: [UInt8] = []
        line.append(contentsOf: "{\"index\":\(i),\"id\":".utf8)
        JournalCodec.escape(dataset.id(at: i) ?? "#\(i)", into: &line)
        line.append(contentsOf: ",\"reasons\":[".utf8)
        for (k, r) in review.reasons.enumerated() {
            if k > 0 { line.append(UInt8(ascii: ",")) }
            JournalCodec.escape(r, into: &line)
        }
        line.append(contentsOf: "],\"note\":".utf8)
        if let n = review.note { JournalCodec.escape(n, into: &line) } else { line.append(contentsOf: "null".utf8) }
        line.append(contentsOf: ",\"reviewer\":".utf8)
        if let n = review.reviewer { JournalCodec.escape(n, into: &line) } else { line.append(contentsOf: "null".utf8) }
        line.append(contentsOf: ",\"seq\":\(review.sequence ?? 0),\"sample\":".utf8)
        if let sample = try? singleLine(i, nil), MergeWriter.isObject(sample) {
            line.append(contentsOf: sample)
        } else {
            // An unreadable sample cannot be embedded as JSON: its bytes go in as text.
            line.append(contentsOf: "null,\"raw\":".utf8)
            JournalCodec.escape(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range(i)]), as: UTF8.self), into: &line)
        }
        line.append(contentsOf: "}\n".utf8)
        try rejected.write(line)
    }

    /// Whether `bytes` is exactly one valid JSON object.
    static func isObject(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { b in
            var p = JSONParser(bytes: b)
            guard p.peekAfterWhitespace() == UInt8(ascii: "{") else { return false }
            do { try p.skipValue() } catch { return false }
            return p.isAtEndAfterWhitespace()
        }
    }

    mutating func run(_ summary: inout MergeSummary) throws(MergeError) {
        let n = dataset.count
        let sameContainer = outputContainer == dataset.container && !cleanFraming
        guard n > 0 else {
            if sameContainer { try copy(0..<bytes.count) } else { try emit(Array((outputContainer == .jsonArray ? "[]\n" : "").utf8)) }
            try flushPending()
            return
        }
        if sameContainer { try copy(0..<range(0).lowerBound) } else if outputContainer == .jsonArray { try emit(Array("[\n".utf8)) }
        var wroteAny = false
        for i in 0..<n {
            let act = try action(i, &summary)
            if case .drop = act { continue }
            let r = range(i)
            if sameContainer {
                if wroteAny, i > 0 { try copy(range(i - 1).upperBound..<r.lowerBound) }
                switch act {
                case .copy: try copy(r)
                case .rewrite(let json):
                    let (w, indent) = writer(for: i, compact: dataset.container == .jsonLines)
                    try emit(w.bytes(json, baseIndent: indent))
                case .drop: break
                }
            } else if outputContainer == .jsonLines {
                if case .rewrite(let json) = act { try emit(singleLine(i, json)) } else {
                    let line = try singleLine(i, nil)
                    if line.count == r.count { try copy(r) } else { try emit(line) }
                }
                try emit([0x0A])
            } else {
                if wroteAny { try emit(Array(",\n".utf8)) }
                // The sample's own indentation, so a pretty-printed sample keeps its shape.
                try emit(Array(baseIndent(r.lowerBound).utf8))
                if case .rewrite(let json) = act { try emit(singleLine(i, json)) } else { try copy(r) }
            }
            wroteAny = true
            summary.written += 1
        }
        if sameContainer { try copy(range(n - 1).upperBound..<bytes.count) } else if outputContainer == .jsonArray {
            try emit(Array("\n]\n".utf8))
        }
        try flushPending()
    }
}

#if canImport(Glibc)
import Glibc
#endif
