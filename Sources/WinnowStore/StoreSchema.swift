/// The store's tables, created and upgraded by numbered migrations (never edited once
/// released: a change is a new migration). `winnow_schema` records the version reached.
public enum StoreSchema {
    /// The version this tool reads and writes.
    public static var currentVersion: Int { migrations.count }

    /// Migration N (1-based) takes the schema from version N-1 to N.
    static let migrations: [[String]] = [
        // 1: datasets, per-reviewer sequence numbers, entries.
        [
            """
            CREATE TABLE winnow_schema (
                version integer NOT NULL,
                migrated_at timestamptz NOT NULL DEFAULT now())
            """,
            """
            CREATE TABLE winnow_datasets (
                id serial PRIMARY KEY,
                name text NOT NULL UNIQUE,
                fingerprint text NOT NULL,
                sample_count integer NOT NULL,
                path_name text NOT NULL,
                registered_at timestamptz NOT NULL DEFAULT now())
            """,
            """
            CREATE TABLE winnow_reviewers (
                dataset_id integer NOT NULL REFERENCES winnow_datasets(id),
                reviewer text NOT NULL,
                next_seq bigint NOT NULL DEFAULT 1,
                PRIMARY KEY (dataset_id, reviewer))
            """,
            // `line` is the entry's journal line (checksum included) so that a pull gives back
            // exactly what was pushed; the other columns are there to be queried.
            """
            CREATE TABLE winnow_entries (
                pos bigserial PRIMARY KEY,
                dataset_id integer NOT NULL REFERENCES winnow_datasets(id),
                reviewer text NOT NULL,
                seq bigint NOT NULL,
                sample_index integer NOT NULL,
                sample_id text NOT NULL,
                sample_hash text NOT NULL,
                kind text NOT NULL,
                reasons jsonb,
                note text,
                undo_seq bigint,
                client_time text NOT NULL,
                client_host text NOT NULL,
                line text NOT NULL,
                saved_at timestamptz NOT NULL DEFAULT now(),
                UNIQUE (dataset_id, reviewer, seq))
            """,
            "CREATE INDEX winnow_entries_sample ON winnow_entries (dataset_id, sample_index)",
        ],
        // 2: work assignment: `overlap` slots per sample, claimed in batches with a lease.
        [
            """
            CREATE TABLE winnow_assignments (
                dataset_id integer PRIMARY KEY REFERENCES winnow_datasets(id),
                overlap integer NOT NULL,
                samples integer NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now())
            """,
            """
            CREATE TABLE winnow_slots (
                dataset_id integer NOT NULL REFERENCES winnow_datasets(id),
                sample_index integer NOT NULL,
                slot integer NOT NULL,
                reviewer text,
                claimed_at timestamptz,
                lease_until timestamptz,
                done_at timestamptz,
                PRIMARY KEY (dataset_id, sample_index, slot))
            """,
            "CREATE INDEX winnow_slots_open ON winnow_slots (dataset_id, sample_index) WHERE done_at IS NULL",
            "CREATE INDEX winnow_slots_reviewer ON winnow_slots (dataset_id, reviewer, sample_index)",
        ],
    ]
}
