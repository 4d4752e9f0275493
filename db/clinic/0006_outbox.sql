-- Monthly data packages for the Dinas Kesehatan (issue 6): every generated revision, and the outbox the background
-- sender works through (survives restarts: the state lives here, not in memory).

CREATE TABLE exchange_packages (
    id           INTEGER PRIMARY KEY,
    period       TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    revision     INTEGER NOT NULL CHECK (revision >= 1),
    values_hash  TEXT NOT NULL,
    file         TEXT NOT NULL,            -- the package as written (signed with the key of that moment; re-signed on send)
    generated_at TEXT NOT NULL,
    generated_by TEXT NOT NULL,
    UNIQUE (period, revision)
);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    package_id      INTEGER NOT NULL REFERENCES exchange_packages (id),
    status          TEXT NOT NULL CHECK (status IN ('queued', 'accepted', 'refused', 'superseded')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_attempt_at TEXT,
    last_error      TEXT,
    response        TEXT,
    queued_at       TEXT NOT NULL,
    queued_by       TEXT NOT NULL,
    accepted_at     TEXT
);

CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_package ON outbox (package_id);
