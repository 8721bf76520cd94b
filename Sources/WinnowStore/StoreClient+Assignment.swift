/// Work assignment in the store: every chosen sample gets `overlap` slots; reviewers claim
/// small batches of slots with a lease (`SELECT ... FOR UPDATE SKIP LOCKED`, so claimers never
/// wait on each other); a slot whose lease ran out unfinished returns to the pool; a slot is
/// done when its reviewer's decision on the sample commits. A reviewer never holds two slots of
/// one sample, so every sample ends with exactly `overlap` distinct reviewers.
extension StoreClient {
    /// Progress of an assignment.
    public struct AssignmentProgress: Sendable, Equatable {
        public var overlap = 0
        public var samples = 0
        public var slots = 0
        public var done = 0
        /// Slots claimed under a running lease and not done.
        public var claimed = 0
        /// Samples whose every slot is done.
        public var completeSamples = 0
    }

    /// Creates the assignment of `samples` with `overlap` reviewers each; refuses to replace an
    /// existing one unless `replace` (which also forgets its claims). Returns the slot count.
    @discardableResult
    public func assign(dataset: RegisteredDataset, samples: [Int], overlap: Int, replace: Bool = false) throws(StoreError) -> Int {
        try run("BEGIN")
        do throws(StoreError) {
            let existing = try run("SELECT overlap FROM winnow_assignments WHERE dataset_id = $1 FOR UPDATE", [String(dataset.id)])
            if !existing.isEmpty {
                guard replace else {
                    throw .statement(location: location.redacted, reason: "dataset '\(dataset.name)' already has an assignment; pass --replace to start over")
                }
                try run("DELETE FROM winnow_slots WHERE dataset_id = $1", [String(dataset.id)])
                try run("DELETE FROM winnow_assignments WHERE dataset_id = $1", [String(dataset.id)])
            }
            try run("INSERT INTO winnow_assignments (dataset_id, overlap, samples) VALUES ($1, $2, $3)",
                    [String(dataset.id), String(overlap), String(samples.count)])
            try run("""
                INSERT INTO winnow_slots (dataset_id, sample_index, slot)
                SELECT $1, i, s FROM unnest($2::int[]) AS i, generate_series(1, $3::int) AS s
                """, [String(dataset.id), PGArray.literal(samples.map { String($0) }), String(overlap)])
            // Without statistics on the new rows the planner may join the claim's anti-joins
            // by scanning the whole pool per row, which froze 10 claimers on 20,000 slots.
            try run("ANALYZE winnow_slots")
            try run("COMMIT")
            return samples.count * overlap
        } catch {
            _ = try? run("ROLLBACK")
            throw error
        }
    }

    /// Claims up to `batch` samples for `reviewer` for `leaseSeconds`, renewing the lease of
    /// the reviewer's unfinished claims; returns the claimed sample indices (oldest claims
    /// first). Empty when no work is left for this reviewer.
    public func claim(dataset: RegisteredDataset, reviewer: String, batch: Int, leaseSeconds: Int) throws(StoreError) -> [Int] {
        let d = String(dataset.id), lease = String(leaseSeconds)
        try run("""
            UPDATE winnow_slots SET lease_until = now() + make_interval(secs => $3::int)
            WHERE dataset_id = $1 AND reviewer = $2 AND done_at IS NULL
            """, [d, reviewer, lease])
        let held = try run("""
            SELECT sample_index FROM winnow_slots WHERE dataset_id = $1 AND reviewer = $2 AND done_at IS NULL
            ORDER BY claimed_at, sample_index
            """, [d, reviewer]).compactMap { $0.first.flatMap { $0 }.flatMap { Int($0) } }
        let want = batch - held.count
        guard want > 0 else { return held }
        // Only the lowest open slot of a sample is a candidate, so one claim never takes two
        // slots of the same sample; samples where this reviewer has a slot are left out.
        let rows = try run("""
            WITH pick AS (
                SELECT s.sample_index, s.slot FROM winnow_slots s
                WHERE s.dataset_id = $1 AND s.done_at IS NULL
                  AND (s.reviewer IS NULL OR s.lease_until < now())
                  AND NOT EXISTS (SELECT 1 FROM winnow_slots o
                                  WHERE o.dataset_id = s.dataset_id AND o.sample_index = s.sample_index AND o.reviewer = $2 AND o.slot <> s.slot)
                  AND NOT EXISTS (SELECT 1 FROM winnow_slots p
                                  WHERE p.dataset_id = s.dataset_id AND p.sample_index = s.sample_index AND p.slot < s.slot
                                    AND p.done_at IS NULL AND (p.reviewer IS NULL OR p.lease_until < now()))
                ORDER BY s.sample_index, s.slot
                LIMIT $4
                FOR UPDATE SKIP LOCKED)
            UPDATE winnow_slots u SET reviewer = $2, claimed_at = now(), lease_until = now() + make_interval(secs => $3::int)
            FROM pick WHERE u.dataset_id = $1 AND u.sample_index = pick.sample_index AND u.slot = pick.slot
            RETURNING u.sample_index
            """, [d, reviewer, lease, String(want)])
        return held + rows.compactMap { $0.first.flatMap { $0 }.flatMap { Int($0) } }.sorted()
    }

    /// Gives back `reviewer`'s unfinished claims at once (a clean quit), except the samples in
    /// `keeping` (decided but still in the spool: their slots stay theirs until the resend
    /// marks them done, so nobody else is handed them meanwhile).
    public func release(dataset: RegisteredDataset, reviewer: String, keeping: [Int] = []) throws(StoreError) {
        try run("""
            UPDATE winnow_slots SET reviewer = NULL, claimed_at = NULL, lease_until = NULL
            WHERE dataset_id = $1 AND reviewer = $2 AND done_at IS NULL AND NOT (sample_index = ANY($3::int[]))
            """, [String(dataset.id), reviewer, PGArray.literal(keeping.map { String($0) })])
    }

    /// Extends the lease of `reviewer`'s unfinished claims without claiming more; returns the
    /// samples still held (a claim whose lease ran out and that another reviewer took is
    /// gone from the list).
    public func renew(dataset: RegisteredDataset, reviewer: String, leaseSeconds: Int) throws(StoreError) -> [Int] {
        try run("""
            UPDATE winnow_slots SET lease_until = now() + make_interval(secs => $3::int)
            WHERE dataset_id = $1 AND reviewer = $2 AND done_at IS NULL
            RETURNING sample_index
            """, [String(dataset.id), reviewer, String(leaseSeconds)])
            .compactMap { $0.first.flatMap { $0 }.flatMap { Int($0) } }.sorted()
    }

    /// The team's progress in one cheap query: with an assignment, reviews done out of the
    /// reviews assigned (slots); without, samples with a decision entry (accept, reject, skip
    /// or edit, undone ones included) out of the dataset's samples.
    public func teamProgress(dataset: RegisteredDataset) throws(StoreError) -> (done: Int, total: Int, assigned: Bool) {
        let rows = try run("""
            SELECT (SELECT count(*) FROM winnow_slots WHERE dataset_id = $1 AND done_at IS NOT NULL),
                   (SELECT count(*) FROM winnow_slots WHERE dataset_id = $1),
                   EXISTS (SELECT 1 FROM winnow_assignments WHERE dataset_id = $1)
            """, [String(dataset.id)])
        guard let r = rows.first, r.count == 3 else { return (0, 0, false) }
        if r[2] == "t" {
            return (r[0].flatMap { Int($0) } ?? 0, r[1].flatMap { Int($0) } ?? 0, true)
        }
        let decided = try run("""
            SELECT count(DISTINCT sample_index) FROM winnow_entries
            WHERE dataset_id = $1 AND kind IN ('accept', 'reject', 'skip', 'edit')
            """, [String(dataset.id)])
        return (decided.first?.first.flatMap { $0 }.flatMap { Int($0) } ?? 0, dataset.sampleCount, false)
    }

    /// The assignment's progress (nil when the dataset has none).
    public func assignmentProgress(dataset: RegisteredDataset) throws(StoreError) -> AssignmentProgress? {
        let rows = try run("""
            SELECT a.overlap, a.samples,
                   (SELECT count(*) FROM winnow_slots s WHERE s.dataset_id = a.dataset_id),
                   (SELECT count(*) FROM winnow_slots s WHERE s.dataset_id = a.dataset_id AND s.done_at IS NOT NULL),
                   (SELECT count(*) FROM winnow_slots s WHERE s.dataset_id = a.dataset_id AND s.done_at IS NULL AND s.lease_until >= now()),
                   (SELECT count(*) FROM (SELECT sample_index FROM winnow_slots s WHERE s.dataset_id = a.dataset_id
                                          GROUP BY sample_index HAVING bool_and(done_at IS NOT NULL)) c)
            FROM winnow_assignments a WHERE a.dataset_id = $1
            """, [String(dataset.id)])
        guard let r = rows.first, r.count == 6 else { return nil }
        let v = r.map { $0.flatMap { Int($0) } ?? 0 }
        return AssignmentProgress(overlap: v[0], samples: v[1], slots: v[2], done: v[3], claimed: v[4], completeSamples: v[5])
    }

    /// Per sample of the assignment, the distinct reviewers of its done slots.
    public func doneReviewers(dataset: RegisteredDataset) throws(StoreError) -> [Int: Set<String>] {
        var out: [Int: Set<String>] = [:]
        for r in try run("SELECT sample_index, reviewer FROM winnow_slots WHERE dataset_id = $1 AND done_at IS NOT NULL", [String(dataset.id)]) {
            guard let i = r[0].flatMap({ Int($0) }), let name = r[1] else { continue }
            out[i, default: []].insert(name)
        }
        return out
    }

    /// Timing per reviewer from the store's commit times: entries, the last one's age in
    /// seconds, and the median seconds between decisions (pauses over 5 minutes left out).
    public func activity(dataset: RegisteredDataset) throws(StoreError) -> [String: (entries: Int, idleSeconds: Double, medianGap: Double?)] {
        let rows = try run("""
            WITH g AS (
                SELECT reviewer, saved_at,
                       extract(epoch FROM saved_at - lag(saved_at) OVER (PARTITION BY reviewer ORDER BY pos)) AS gap
                FROM winnow_entries WHERE dataset_id = $1)
            SELECT reviewer, count(*), extract(epoch FROM now() - max(saved_at)),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) FILTER (WHERE gap <= 300)
            FROM g GROUP BY reviewer
            """, [String(dataset.id)])
        var out: [String: (entries: Int, idleSeconds: Double, medianGap: Double?)] = [:]
        for r in rows {
            guard let name = r[0] else { continue }
            out[name] = (r[1].flatMap { Int($0) } ?? 0, r[2].flatMap { Double($0) } ?? 0, r[3].flatMap { Double($0) })
        }
        return out
    }
}
