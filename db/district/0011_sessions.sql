-- Server-side login sessions, as on the clinic. The cookie carries a random token; only its SHA-256 is kept here. Every
-- request checks the row: a session ends at logout, after the idle timeout, when the admin ends it, and when the user is
-- deactivated, changes role or poli, or changes password. Ended rows stay (who was logged in when) and are purged after 90 days.

CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    user_id      INTEGER NOT NULL REFERENCES users (id),
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    ended_at     TEXT,
    end_reason   TEXT CHECK (end_reason IN ('logout', 'idle', 'admin', 'deactivated', 'role', 'password')),
    address      TEXT NOT NULL CHECK (length(address) <= 64),
    user_agent   TEXT NOT NULL CHECK (length(user_agent) <= 300),
    CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);

CREATE INDEX sessions_open_by_user ON sessions (user_id) WHERE ended_at IS NULL;
