import Testing
@testable import WinnowCore

// The journal reader and replay as they were before the fast paths (checksums and decoding
// line by line with the full decoder; dictionaries per sample), kept here as the reference
// the fast paths must match exactly.

/// The reader before `JournalChunkScan` and `JournalFastLine`.
enum ReferenceJournalReader {
    static func parse(_ bytes: UnsafeRawBufferPointer, path: String) -> JournalContents {
        var c = JournalContents(path: path)
        c.fileLength = bytes.count
        var lineNo = 0
        var start = 0
        var fingerprint: String? = nil
        // Bad lines are held back until a good line follows: a bad run at the very end is the
        // torn tail, a bad run followed by good lines is damage in the middle.
        var pendingBad: [JournalIssue] = []
        var pendingStartLine: Int? = nil
        // Sequence numbers are unique: a second line with a number already used is refused
        // (it could otherwise undo or shadow the wrong entry).
        var sequenceLines: [Int: Int] = [:]
        let n = bytes.count
        guard let base = bytes.baseAddress, n > 0 else { return c }
        while start < n {
            lineNo += 1
            let rest = n - start
            let nl = memchr(base + start, 0x0A, rest).map { UnsafeRawPointer($0) - base }
            guard let end = nl else {
                if pendingStartLine == nil { pendingStartLine = lineNo }
                break  // unterminated last line
            }
            let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            defer { start = end + 1 }
            guard JournalCodec.checksumOK(line) else {
                if c.unsupportedVersion == nil, let v = JournalReader.headerVersion(line), v != JournalHeader.currentVersion {
                    c.unsupportedVersion = (v, lineNo)
                }
                if pendingStartLine == nil { pendingStartLine = lineNo }
                let why = line.isEmpty ? "empty line" : "checksum mismatch (\(line.count) bytes)"
                pendingBad.append(JournalIssue(kind: .damaged, path: path, line: lineNo,
                                               message: "\(why) at byte \(start); line skipped, its bytes kept in the file"))
                continue
            }
            c.issues.append(contentsOf: pendingBad)
            pendingBad.removeAll()
            pendingStartLine = nil
            c.goodLength = end + 1
            do throws(JournalCodec.DecodeFailure) {
                switch try JournalCodec.decode(line) {
                case .header(let h):
                    guard h.version == JournalHeader.currentVersion else {
                        if c.unsupportedVersion == nil { c.unsupportedVersion = (h.version, lineNo) }
                        continue
                    }
                    c.headers.append(h)
                    fingerprint = h.fingerprint
                case .entry(let e):
                    if let first = sequenceLines[e.sequence] {
                        c.issues.append(JournalIssue(kind: .invalid, path: path, line: lineNo,
                                                     message: "entry \(e.sequence): sequence number already used on line \(first); line skipped"))
                        continue
                    }
                    sequenceLines[e.sequence] = lineNo
                    c.items.append(.init(entry: e, line: lineNo, fingerprint: fingerprint))
                    if e.sequence > c.lastSequence { c.lastSequence = e.sequence }
                }
            } catch {
                c.issues.append(JournalIssue(kind: .invalid, path: path, line: lineNo, message: error.reason))
            }
        }
        if let torn = pendingStartLine {
            c.tornLine = torn
            c.issues.append(JournalIssue(kind: .torn, path: path, line: torn,
                                         message: "incomplete or damaged end of the journal: \(n - c.goodLength) bytes from byte \(c.goodLength) (a write cut short by a crash)"))
        }
        return c
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `JournalState` before its dense tables.
struct ReferenceJournalState {
    private(set) var entries: [JournalEntry] = []
    private var positionsByIndex: [Int: [Int]] = [:]
    private var indexBySequence: [Int: Int] = [:]
    private(set) var reviews: [Int: SampleReview] = [:]
    private(set) var decidedCount = 0
    private(set) var issues: [JournalIssue] = []
    /// Samples with at least one undo entry (the others skip the undo analysis).
    private var indicesWithUndo = Set<Int>()

    mutating func reserve(_ n: Int) {
        entries.reserveCapacity(n)
        indexBySequence.reserveCapacity(n)
        positionsByIndex.reserveCapacity(n)
        reviews.reserveCapacity(n)
    }

    /// Adds entries without folding; call `foldAll()` after a batch.
    mutating func load(_ entry: JournalEntry) {
        let index = targetIndex(of: entry)
        var e = entry
        e.index = index
        if case .undo = e.decision { indicesWithUndo.insert(index) }
        indexBySequence[e.sequence] = index
        positionsByIndex[index, default: []].append(entries.count)
        entries.append(e)
    }

    /// Adds one entry and refolds its sample.
    mutating func add(_ entry: JournalEntry) {
        load(entry)
        fold(index: entries[entries.count - 1].index)
    }

    mutating func foldAll() {
        for index in positionsByIndex.keys { fold(index: index) }
    }

    /// The sample an entry is about (an undo is about its target's sample).
    private func targetIndex(of entry: JournalEntry) -> Int {
        if case .undo(let s) = entry.decision, let i = indexBySequence[s] { return i }
        return entry.index
    }

    /// The sample index that entry `sequence` is recorded on.
    func index(ofSequence sequence: Int) -> Int? { indexBySequence[sequence] }

    /// The sequence numbers in force (not undone) on sample `index`, oldest first.
    func liveSequences(at index: Int) -> [Int] {
        let positions = positionsByIndex[index] ?? []
        let undone = indicesWithUndo.contains(index) ? undoneSequences(positions) : []
        return positions.map { entries[$0].sequence }.filter { !undone.contains($0) }
    }

    /// Every entry on sample `index`, oldest first.
    func entries(at index: Int) -> [JournalEntry] {
        (positionsByIndex[index] ?? []).map { entries[$0] }
    }

    private func undoneSequences(_ positions: [Int]) -> Set<Int> {
        // Undo targets are always earlier entries, so walking backwards settles each entry's
        // own undone state before it is used.
        var undone = Set<Int>()
        for p in positions.reversed() {
            let e = entries[p]
            if undone.contains(e.sequence) { continue }
            if case .undo(let target) = e.decision { undone.insert(target) }
        }
        return undone
    }

    private mutating func fold(index: Int) {
        let positions = positionsByIndex[index] ?? []
        let hasUndo = indicesWithUndo.contains(index)
        let undone = hasUndo ? undoneSequences(positions) : []
        var r = SampleReview()
        var decisive: Int? = nil
        for p in positions {
            if hasUndo, undone.contains(entries[p].sequence) { continue }
            switch entries[p].decision {
            case .accept:
                r.status = .accepted; r.reasons = []; r.note = nil
            case .reject(let reasons, let note):
                r.status = .rejected; r.reasons = reasons; r.note = note
            case .skip:
                r.status = .skipped; r.reasons = []; r.note = nil
            case .edit(let edit, let note):
                r.status = .edited; r.reasons = []; r.note = note
                r.edit = ReferenceJournalState.combine(r.edit, edit)
            case .undo:
                continue
            case .reset:
                r.status = .undecided; r.reasons = []; r.note = nil; r.edit = nil
                decisive = nil
                continue
            case .note(let text, let flag):
                if let text { r.notes.append(text) }
                if let flag { r.flags.append(flag) }
                continue
            }
            decisive = p
        }
        if let decisive {
            r.reviewer = entries[decisive].reviewer
            r.sequence = entries[decisive].sequence
        }
        let was = reviews[index]?.status ?? .undecided
        if (was == .undecided) != (r.status == .undecided) { decidedCount += r.status == .undecided ? -1 : 1 }
        if r == SampleReview.undecided { reviews[index] = nil } else { reviews[index] = r }
    }

    /// A later edit on top of an earlier one.
    static func combine(_ old: SampleEdit?, _ new: SampleEdit) -> SampleEdit {
        switch (old, new) {
        case (.turns(let a)?, .turns(let b)):
            return .turns(a.merging(b) { _, later in later })
        case (.conversation(var turns)?, .turns(let b)):
            for (i, text) in b where i >= 0 && i < turns.count { turns[i].text = text }
            return .conversation(turns)
        default:
            return new
        }
    }
}
