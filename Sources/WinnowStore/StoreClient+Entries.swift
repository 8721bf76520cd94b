import WinnowCore
#if canImport(Glibc)
import Glibc
#endif

/// What became of an entry sent to the store.
public enum SendOutcome: Sendable, Equatable {
    /// Committed now.
    case inserted
    /// Already there with the same line (a resend): nothing changed.
    case alreadyThere
}

extension StoreClient {
    /// Reserves `count` consecutive sequence numbers for `reviewer` (committed at once, so no
    /// other machine or process ever gets them); returns the first.
    public func reserveSequences(dataset: RegisteredDataset, reviewer: String, count: Int) throws(StoreError) -> Int {
        let rows = try run("""
            INSERT INTO winnow_reviewers AS r (dataset_id, reviewer, next_seq) VALUES ($1, $2, 1 + $3::bigint)
            ON CONFLICT (dataset_id, reviewer) DO UPDATE SET next_seq = r.next_seq + $3::bigint
            RETURNING next_seq - $3::bigint
            """, [String(dataset.id), reviewer, String(count)])
        guard let first = rows.first?.first.flatMap({ $0 }).flatMap({ Int($0) }) else {
            throw .statement(location: location.redacted, reason: "no sequence numbers were returned")
        }
        return first
    }

    /// Makes sure numbers up to `sequence` are never handed out again for `reviewer` (after a
    /// push of entries numbered elsewhere).
    func reserveThrough(dataset: RegisteredDataset, reviewer: String, sequence: Int) throws(StoreError) {
        try run("""
            INSERT INTO winnow_reviewers AS r (dataset_id, reviewer, next_seq) VALUES ($1, $2, $3::bigint + 1)
            ON CONFLICT (dataset_id, reviewer) DO UPDATE SET next_seq = greatest(r.next_seq, $3::bigint + 1)
            """, [String(dataset.id), reviewer, String(sequence)])
    }

    /// Inserts one entry in its own transaction (committed when this returns). A resend of the
    /// same line is `.alreadyThere`; another line under the same number is `.conflict`.
    public func send(_ entry: JournalEntry, dataset: RegisteredDataset, host: String) throws(StoreError) -> SendOutcome {
        try send(entry, dataset: dataset, host: host, reserving: 0).outcome
    }

    /// Inserts one entry and, in the same transaction (so in the same round trip and commit),
    /// reserves `reserving` more sequence numbers for its reviewer when that is above 0:
    /// returns the first of them. A session whose block of numbers runs out this way never
    /// pays a second commit for the next block. The statement is prepared once per connection.
    public func send(_ entry: JournalEntry, dataset: RegisteredDataset, host: String,
                     reserving: Int) throws(StoreError) -> (outcome: SendOutcome, reserved: Int?) {
        let row = StoreRow(entry: entry, host: host)
        let rows = try run("""
            WITH ins AS (
                INSERT INTO winnow_entries (dataset_id, reviewer, seq, sample_index, sample_id, sample_hash, kind,
                                            reasons, note, undo_seq, client_time, client_host, line)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13)
                ON CONFLICT (dataset_id, reviewer, seq) DO NOTHING
                RETURNING sample_index, kind),
            done AS (
                UPDATE winnow_slots s SET done_at = now() FROM ins
                WHERE s.dataset_id = $1 AND s.reviewer = $2 AND s.sample_index = ins.sample_index
                  AND s.done_at IS NULL AND ins.kind IN ('accept', 'reject', 'skip', 'edit')
                RETURNING 1),
            res AS (
                INSERT INTO winnow_reviewers AS r (dataset_id, reviewer, next_seq)
                SELECT $1, $2, 1 + $14::bigint WHERE $14::bigint > 0
                ON CONFLICT (dataset_id, reviewer) DO UPDATE SET next_seq = r.next_seq + $14::bigint
                RETURNING r.next_seq - $14::bigint AS first)
            SELECT (SELECT count(*) FROM ins),
                   (SELECT line FROM winnow_entries WHERE dataset_id = $1 AND reviewer = $2 AND seq = $3),
                   (SELECT first FROM res)
            """, [String(dataset.id)] + row.values + [String(max(0, reserving))], prepared: true)
        let reserved = rows.first.flatMap { $0.count > 2 ? $0[2] : nil }.flatMap { Int($0) }
        if rows.first?.first == "1" { return (.inserted, reserved) }
        if rows.first?[1] == row.line { return (.alreadyThere, reserved) }
        throw .conflict(reviewer: entry.reviewer, sequence: entry.sequence)
    }

    /// Inserts many entries in one transaction, in order. Entries already there with the same
    /// line are skipped; a different line under a taken number is `.conflict` and nothing of
    /// the batch is kept. Returns how many were new.
    @discardableResult
    public func send(batch entries: [JournalEntry], dataset: RegisteredDataset, host: String) throws(StoreError) -> Int {
        guard !entries.isEmpty else { return 0 }
        let rows = entries.map { StoreRow(entry: $0, host: host) }
        var columns = [[String?]](repeating: [], count: StoreRow.columnCount)
        for r in rows { for (c, v) in r.values.enumerated() { columns[c].append(v) } }
        let params = [String(dataset.id)] + columns.map { PGArray.literal($0) }
        try run("BEGIN")
        do throws(StoreError) {
            let existing = try run("""
                WITH r AS (
                    SELECT * FROM unnest($2::text[], $3::bigint[], $4::int[], $5::text[], $6::text[], $7::text[],
                                         $8::text[], $9::text[], $10::bigint[], $11::text[], $12::text[], $13::text[])
                    WITH ORDINALITY AS r(reviewer, seq, sample_index, sample_id, sample_hash, kind, reasons, note,
                                         undo_seq, client_time, client_host, line, ord)),
                ins AS (
                    INSERT INTO winnow_entries (dataset_id, reviewer, seq, sample_index, sample_id, sample_hash, kind,
                                                reasons, note, undo_seq, client_time, client_host, line)
                    SELECT $1, reviewer, seq, sample_index, sample_id, sample_hash, kind, reasons::jsonb, note,
                           undo_seq, client_time, client_host, line FROM r ORDER BY ord
                    ON CONFLICT (dataset_id, reviewer, seq) DO NOTHING
                    RETURNING reviewer, sample_index, kind),
                done AS (
                    UPDATE winnow_slots s SET done_at = now() FROM ins
                    WHERE s.dataset_id = $1 AND s.reviewer = ins.reviewer AND s.sample_index = ins.sample_index
                      AND s.done_at IS NULL AND ins.kind IN ('accept', 'reject', 'skip', 'edit')
                    RETURNING 1)
                SELECT r.reviewer, r.seq, e.line = r.line, (SELECT count(*) FROM ins)
                FROM r JOIN winnow_entries e ON e.dataset_id = $1 AND e.reviewer = r.reviewer AND e.seq = r.seq
                """, params)
            if let bad = existing.first(where: { $0[2] != "t" }) {
                throw StoreError.conflict(reviewer: bad[0] ?? "", sequence: bad[1].flatMap { Int($0) } ?? 0)
            }
            var maxSeq: [String: Int] = [:]
            for e in entries { maxSeq[e.reviewer] = max(maxSeq[e.reviewer] ?? 0, e.sequence) }
            for (reviewer, seq) in maxSeq { try reserveThrough(dataset: dataset, reviewer: reviewer, sequence: seq) }
            try run("COMMIT")
            return entries.count - existing.count
        } catch {
            _ = try? run("ROLLBACK")
            throw error
        }
    }

    /// Every entry line of `dataset` (of one reviewer, or all), in the order they were saved,
    /// fetched in pages so a large store is not held twice in memory.
    public func lines(dataset: RegisteredDataset, reviewer: String? = nil, pageSize: Int = 50_000,
                      each: (_ reviewer: String, _ line: String) -> Void) throws(StoreError) {
        var after = "0"
        while true {
            var n = 0
            var last = after
            do {
                try connection.query("""
                    SELECT pos, reviewer, line FROM winnow_entries
                    WHERE dataset_id = $1 AND ($2::text IS NULL OR reviewer = $2) AND pos > $3
                    ORDER BY pos LIMIT $4
                    """, [String(dataset.id), reviewer, after, String(pageSize)]) { row in
                    n += 1
                    if let p = row[0] { last = p }
                    each(row[1] ?? "", row[2] ?? "")
                }
            } catch {
                throw .statement(location: location.redacted, reason: error.message)
            }
            if n < pageSize { return }
            after = last
        }
    }

    /// The store's entries as one `JournalContents` per reviewer (sorted by name), decoded by
    /// the journal's own reader: exactly what the same entries in journal files would give.
    public func contents(dataset: RegisteredDataset, reviewer: String? = nil) throws(StoreError) -> [JournalContents] {
        var bytes: [String: [UInt8]] = [:]
        let header = JournalLine.header(JournalHeader(fingerprint: dataset.fingerprint, created: JournalLine.now()))
        try lines(dataset: dataset, reviewer: reviewer) { r, line in
            if bytes[r] == nil { bytes[r] = header }
            bytes[r, default: []].append(contentsOf: line.utf8)
            bytes[r, default: []].append(0x0A)
        }
        return bytes.keys.sorted().map { r in
            (bytes[r] ?? []).withUnsafeBytes { JournalReader.parse($0, path: StoreClient.entriesPath(location, r)) }
        }
    }

    /// How store entries are named in messages: `<store>#reviewer`.
    public static func entriesPath(_ location: StoreLocation, _ reviewer: String) -> String {
        "\(location.redacted)#\(reviewer)"
    }

    /// The reviewers with entries for `dataset`.
    public func reviewers(dataset: RegisteredDataset) throws(StoreError) -> [String] {
        try run("SELECT DISTINCT reviewer FROM winnow_entries WHERE dataset_id = $1 ORDER BY reviewer", [String(dataset.id)])
            .compactMap { $0.first ?? nil }
    }
}

/// One entry as the store's columns.
struct StoreRow {
    static let columnCount = 12
    var values: [String?]
    var line: String

    init(entry e: JournalEntry, host: String) {
        var bytes = JournalLine.entry(e)
        if bytes.last == 0x0A { bytes.removeLast() }
        line = String(decoding: bytes, as: UTF8.self)
        var reasons: String? = nil, note: String? = nil, undo: String? = nil
        switch e.decision {
        case .reject(let r, let n):
            var out: [UInt8] = [UInt8(ascii: "[")]
            let w = JSONWriter(style: JSONStyle(ensureASCII: false))
            for (i, s) in r.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                w.escape(s, into: &out)
            }
            out.append(UInt8(ascii: "]"))
            reasons = String(decoding: out, as: UTF8.self)
            note = n
        case .edit(_, let n): note = n
        case .note(let text, _): note = text
        case .undo(let s): undo = String(s)
        case .accept, .skip, .reset: break
        }
        values = [e.reviewer, String(e.sequence), String(e.index), e.id, e.sampleHash, JournalReplay.describe(e.decision).split(separator: " ").first.map(String.init) ?? "",
                  reasons, note, undo, e.time, host, line]
    }
}

/// PostgreSQL array literals for `unnest($n::type[])` parameters.
enum PGArray {
    static func literal(_ values: [String?]) -> String {
        var out = "{"
        out.reserveCapacity(values.count * 16)
        for (i, v) in values.enumerated() {
            if i > 0 { out += "," }
            guard let v else { out += "NULL"; continue }
            out += "\""
            for ch in v.unicodeScalars {
                if ch == "\"" || ch == "\\" { out += "\\" }
                out.unicodeScalars.append(ch)
            }
            out += "\""
        }
        return out + "}"
    }
}

/// This machine's name, stored with each entry.
public enum ClientHost {
    public static var name: String {
        var buf = [CChar](repeating: 0, count: 256)
        guard gethostname(&buf, buf.count - 1) == 0 else { return "unknown host" }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
