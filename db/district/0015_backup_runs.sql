-- Every backup attempt (scheduled, from the admin page, or from `simpus backup`): when, where, how big, the rows it
-- held when verified (JSON object table -> count), or why it failed. The admin page shows the last good one.

CREATE TABLE backup_runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    reason      TEXT NOT NULL CHECK (reason IN ('jadwal', 'manual', 'cli')),
    status      TEXT NOT NULL CHECK (status IN ('ok', 'gagal')),
    folder      TEXT CHECK (folder IS NULL OR length(folder) <= 1000),
    file_name   TEXT CHECK (file_name IS NULL OR length(file_name) <= 200),
    size_bytes  INTEGER CHECK (size_bytes IS NULL OR size_bytes >= 0),
    encrypted   INTEGER NOT NULL DEFAULT 0 CHECK (encrypted IN (0, 1)),
    seconds     REAL NOT NULL DEFAULT 0,
    row_counts  TEXT CHECK (row_counts IS NULL OR length(row_counts) <= 20000),
    error       TEXT CHECK (error IS NULL OR length(error) <= 1000),
    CHECK ((status = 'ok') = (file_name IS NOT NULL AND error IS NULL))
);

CREATE INDEX ix_backup_runs_status ON backup_runs (status, id);
